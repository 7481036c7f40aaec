/**
 * The account's live quote socket (GET /api/accounts/:id/quotes/ws?ticket=…), following the symbols
 * the view shows: subscribes and unsubscribes as they change, keeps the latest quote per symbol, and
 * reconnects with backoff (a new ticket each time). Opened only while there is something to follow;
 * if it cannot open, the view still has its polled prices.
 */
import { onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import { api, unwrap } from '../../api/client.ts';
import { backoffDelay } from '../../stream/backoff.ts';
import { type LiveQuote, parseQuoteFrame, subscriptionChanges } from './live-quotes.ts';

export type QuoteStreamStatus = 'off' | 'connecting' | 'live' | 'replay' | 'reconnecting';

/** The server's cap per socket; more would be refused. */
const MAX_SYMBOLS = 100;

export function useQuoteStream(accountId: () => string | undefined, symbols: () => string[]) {
  const quotes = shallowRef(new Map<string, LiveQuote>());
  const status = ref<QuoteStreamStatus>('off');
  let socket: WebSocket | null = null;
  let subscribed: string[] = [];
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const wanted = () => symbols().slice(0, MAX_SYMBOLS);

  function send(type: 'subscribe' | 'unsubscribe', list: string[]): void {
    if (list.length && socket?.readyState === WebSocket.OPEN)
      socket.send(JSON.stringify({ type, symbols: list }));
  }

  function sync(): void {
    if (socket?.readyState !== WebSocket.OPEN) return;
    const next = wanted();
    const { subscribe, unsubscribe } = subscriptionChanges(subscribed, next);
    send('unsubscribe', unsubscribe);
    send('subscribe', subscribe);
    subscribed = next;
  }

  function close(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const old = socket;
    socket = null;
    subscribed = [];
    old?.close(1000, 'done');
  }

  function retry(): void {
    if (stopped || timer) return;
    status.value = 'reconnecting';
    timer = setTimeout(
      () => {
        timer = null;
        void open();
      },
      backoffDelay(attempt++, { baseMs: 1_000, capMs: 30_000 }),
    );
  }

  async function open(): Promise<void> {
    const id = accountId();
    if (stopped || socket || !id || wanted().length === 0) return;
    status.value = 'connecting';
    let ticket: string;
    try {
      ticket = unwrap(await api.POST('/auth/ws-ticket')).ticket;
    } catch {
      retry();
      return;
    }
    if (stopped || socket || id !== accountId()) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(
      `${scheme}://${location.host}/api/accounts/${encodeURIComponent(id)}/quotes/ws?ticket=${encodeURIComponent(ticket)}`,
    );
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      status.value = 'live';
      sync();
    };
    ws.onmessage = (event) => {
      const frame = parseQuoteFrame(event.data);
      if (!frame) return;
      if (frame.type === 'status')
        status.value =
          frame.upstream === 'reconnecting'
            ? 'reconnecting'
            : frame.upstream === 'replay'
              ? 'replay'
              : 'live';
      else if (frame.type === 'quotes' && frame.quotes.length) {
        const next = new Map(quotes.value);
        for (const quote of frame.quotes) next.set(quote.symbol, quote);
        quotes.value = next;
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      subscribed = [];
      retry();
    };
  }

  watch(
    () => wanted().join(','),
    () => {
      if (socket) sync();
      else if (!timer) void open();
    },
    { immediate: true },
  );
  watch(accountId, () => {
    close();
    quotes.value = new Map();
    status.value = 'off';
    attempt = 0;
    void open();
  });
  onBeforeUnmount(() => {
    stopped = true;
    close();
  });

  return { quotes, status };
}
