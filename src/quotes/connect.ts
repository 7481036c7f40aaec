/**
 * Opening a client WebSocket from a Worker: an HTTP(S) request with `Upgrade: websocket` (the form
 * that also carries headers), accepted before it is handed back.
 */
export async function connectWebSocket(url: string, headers: Record<string, string>): Promise<WebSocket> {
  const response = await fetch(url.replace(/^ws(s?):/, 'http$1:'), {
    headers: { ...headers, Upgrade: 'websocket' },
  });
  const socket = response.webSocket;
  if (!socket) throw new Error(`the server answered HTTP ${response.status} instead of upgrading`);
  socket.accept();
  return socket;
}

export interface StreamUrls {
  stocks: string;
  options: string;
}

export interface StreamEnvironment {
  /** Tests and self-hosted gateways: replaces wss://stream.data.alpaca.markets. */
  ALPACA_STREAM_BASE_URL?: string | undefined;
  /** `iex` (free) or `sip`. */
  ALPACA_STOCK_FEED?: string | undefined;
  /** `indicative` (free) or `opra`. */
  ALPACA_OPTION_FEED?: string | undefined;
}

export function streamUrls(env: StreamEnvironment): StreamUrls {
  const base = (env.ALPACA_STREAM_BASE_URL || 'wss://stream.data.alpaca.markets').replace(/\/+$/, '');
  return {
    stocks: `${base}/v2/${env.ALPACA_STOCK_FEED || 'iex'}`,
    options: `${base}/v1beta1/${env.ALPACA_OPTION_FEED || 'indicative'}`,
  };
}
