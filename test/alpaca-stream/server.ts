/**
 * An emulator of Alpaca's market-data WebSocket stream for tests, on 127.0.0.1: the stock stream at
 * `/v2/{feed}` (JSON text) and the option stream at `/v1beta1/{feed}` (MessagePack only, binary
 * frames both ways, timestamps as MessagePack timestamps). The protocol as documented:
 * - on connect `[{"T":"success","msg":"connected"}]`; the client has 10 s to send
 *   `{action:"auth", key, secret}` → `[{"T":"success","msg":"authenticated"}]`, or
 *   `[{"T":"error","code":402,"msg":"auth failed"}]` and the connection is closed (404 auth timeout
 *   likewise); a second connection of the same key to the same stream gets 406 connection limit
 *   exceeded and is closed;
 * - `{action:"subscribe"|"unsubscribe", quotes:[...]}` → `[{"T":"subscription", trades, quotes, bars…}]`
 *   with the whole current subscription; before auth 401 not authenticated; anything else 400 invalid
 *   syntax (a text frame on the option stream included); past 30 quote symbols 405 symbol limit exceeded
 *   (the free plan's limit; the subscription stays as it was);
 * - quotes `[{"T":"q","S","bx","bp","bs","ax","ap","as","c","z","t"}, …]`, only for subscribed symbols.
 * A key's secret is `emulatorSecret(key)`. Control API (HTTP, JSON), per key so tests run side by side:
 * - `POST /__stream/{key}/quotes {quotes:[{S, bp, ap, bs?, as?}], batch?}` sends each quote to the
 *   key's subscribed connections, one message per quote or (batch) all in one array → `{delivered}`;
 * - `POST /__stream/{key}/drop` cuts every connection of the key without a close handshake → `{dropped}`;
 * - `GET /__stream/{key}/state` → `{connections:[{stream, authenticated, quotes}], connects, subscribes}`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { decode, encode } from '@msgpack/msgpack';
import type { WebSocketServer as WsServer, WebSocket as WsSocket } from 'ws';
import { emulatorSecret } from './credentials.ts';

// Global setup is loaded with browser resolve conditions, where `ws` is a stub: load Node's build.
const { WebSocketServer } = createRequire(import.meta.url)('ws') as { WebSocketServer: typeof WsServer };

export interface AlpacaStreamEmulator {
  /** ws://127.0.0.1:port: the Worker's ALPACA_STREAM_BASE_URL. */
  url: string;
  close(): Promise<void>;
}

type StreamKind = 'stocks' | 'options';

interface Connection {
  socket: WsSocket;
  stream: StreamKind;
  key: string | undefined;
  quotes: Set<string>;
}

interface KeyStats {
  connects: number;
  subscribes: number;
}

const AUTH_TIMEOUT_MS = 10_000;
/** The free (IEX / indicative) plan's quote channels per connection. */
const SYMBOL_LIMIT = 30;

export async function startAlpacaStream(): Promise<AlpacaStreamEmulator> {
  const connections = new Set<Connection>();
  const stats = new Map<string, KeyStats>();
  const statsOf = (key: string) => {
    let entry = stats.get(key);
    if (!entry) {
      entry = { connects: 0, subscribes: 0 };
      stats.set(key, entry);
    }
    return entry;
  };

  const sockets = new WebSocketServer({ noServer: true });
  const server = createServer((request, response) => {
    void control(request, response).catch((error: unknown) => {
      json(response, 500, { error: String(error) });
    });
  });

  server.on('upgrade', (request, socket, head) => {
    const stream = streamOf(request.url ?? '');
    if (!stream) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => accept(ws, stream));
  });

  function accept(socket: WsSocket, stream: StreamKind): void {
    const connection: Connection = { socket, stream, key: undefined, quotes: new Set() };
    connections.add(connection);
    const send = (messages: unknown[]) => {
      if (socket.readyState !== socket.OPEN) return;
      if (stream === 'options') socket.send(encode(messages));
      else socket.send(JSON.stringify(messages));
    };
    const refuse = (code: number, msg: string, close: boolean) => {
      send([{ T: 'error', code, msg }]);
      if (close) socket.close(1008, msg);
    };
    const authTimer = setTimeout(() => {
      if (!connection.key) refuse(404, 'auth timeout', true);
    }, AUTH_TIMEOUT_MS);
    socket.on('close', () => {
      clearTimeout(authTimer);
      connections.delete(connection);
    });
    socket.on('message', (data, isBinary) => {
      const action = parseAction(stream, data as Buffer, isBinary);
      if (!action) {
        refuse(400, 'invalid syntax', false);
        return;
      }
      if (action.action === 'auth') {
        if (connection.key) return refuse(403, 'already authenticated', false);
        const key = typeof action.key === 'string' ? action.key : '';
        if (!key || action.secret !== emulatorSecret(key)) return refuse(402, 'auth failed', true);
        const taken = [...connections].some(
          (other) => other !== connection && other.key === key && other.stream === stream,
        );
        if (taken) return refuse(406, 'connection limit exceeded', true);
        connection.key = key;
        statsOf(key).connects += 1;
        clearTimeout(authTimer);
        send([{ T: 'success', msg: 'authenticated' }]);
        return;
      }
      if (action.action !== 'subscribe' && action.action !== 'unsubscribe') {
        return refuse(400, 'invalid syntax', false);
      }
      if (!connection.key) return refuse(401, 'not authenticated', false);
      const symbols = Array.isArray(action.quotes) ? action.quotes.filter((s) => typeof s === 'string') : [];
      if (action.action === 'subscribe' && new Set([...connection.quotes, ...symbols]).size > SYMBOL_LIMIT) {
        return refuse(405, 'symbol limit exceeded', false);
      }
      for (const symbol of symbols) {
        if (action.action === 'subscribe') connection.quotes.add(symbol);
        else connection.quotes.delete(symbol);
      }
      if (action.action === 'subscribe') statsOf(connection.key).subscribes += 1;
      const quotes = [...connection.quotes].sort();
      send([
        stream === 'options'
          ? { T: 'subscription', trades: [], quotes }
          : { T: 'subscription', trades: [], quotes, bars: [], updatedBars: [], dailyBars: [], statuses: [] },
      ]);
    });
    send([{ T: 'success', msg: 'connected' }]);
  }

  async function control(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const match = /^\/__stream\/([^/]+)\/(quotes|drop|state)$/.exec(request.url ?? '');
    if (!match) return json(response, 404, { error: 'not found' });
    const key = decodeURIComponent(match[1] ?? '');
    const mine = [...connections].filter((connection) => connection.key === key);
    switch (`${request.method} ${match[2]}`) {
      case 'GET state':
        return json(response, 200, {
          connections: mine.map((c) => ({
            stream: c.stream,
            authenticated: true,
            quotes: [...c.quotes].sort(),
          })),
          ...statsOf(key),
        });
      case 'POST drop':
        for (const connection of mine) connection.socket.terminate();
        return json(response, 200, { dropped: mine.length });
      case 'POST quotes': {
        const body = JSON.parse(await readBody(request)) as {
          quotes: Array<{ S: string; bp: number; ap: number; bs?: number; as?: number }>;
          batch?: boolean;
        };
        let delivered = 0;
        for (const connection of mine) {
          const messages = body.quotes
            .filter((quote) => connection.quotes.has(quote.S))
            .map((quote) => quoteMessage(connection.stream, quote));
          if (messages.length === 0) continue;
          const frames = body.batch ? [messages] : messages.map((message) => [message]);
          for (const frame of frames) {
            connection.socket.send(connection.stream === 'options' ? encode(frame) : JSON.stringify(frame));
          }
          delivered += messages.length;
        }
        return json(response, 200, { delivered });
      }
      default:
        return json(response, 405, { error: 'method not allowed' });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: async () => {
      for (const connection of connections) connection.socket.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function streamOf(url: string): StreamKind | undefined {
  const path = url.split('?')[0] ?? '';
  if (/^\/v2\/(iex|sip|test)$/.test(path)) return 'stocks';
  if (/^\/v1beta1\/(indicative|opra)$/.test(path)) return 'options';
  return undefined;
}

interface Action {
  action?: unknown;
  key?: unknown;
  secret?: unknown;
  quotes?: unknown[];
}

/** The option stream reads MessagePack only; the stock stream JSON text. */
function parseAction(stream: StreamKind, data: Buffer, isBinary: boolean): Action | undefined {
  try {
    const value = stream === 'options' ? (isBinary ? decode(data) : undefined) : JSON.parse(data.toString());
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Action) : undefined;
  } catch {
    return undefined;
  }
}

function quoteMessage(
  stream: StreamKind,
  quote: { S: string; bp: number; ap: number; bs?: number; as?: number },
) {
  const now = new Date();
  return {
    T: 'q',
    S: quote.S,
    bx: stream === 'options' ? 'C' : 'V',
    bp: quote.bp,
    bs: quote.bs ?? 1,
    ax: stream === 'options' ? 'C' : 'V',
    ap: quote.ap,
    as: quote.as ?? 1,
    ...(stream === 'options' ? { c: 'A', t: now } : { c: ['R'], z: 'B', t: now.toISOString() }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}
