/**
 * One Durable Object per broker account: the account's live quotes. Client sockets are hibernatable
 * and each carries, in its attachment, the symbols it follows; the object holds the upstream (Alpaca's
 * stock and option streams for an Alpaca account, the offline replay for an offline one) for the union
 * of those symbols, throttles quotes per symbol (latest value wins) and sends each socket one frame
 * per flush with the changed quotes it follows, and nothing else.
 *
 * Who may connect is decided before the upgrade reaches this object (the auth middleware's account
 * scope and the route's account lookup). The Alpaca credentials are read from Postgres per connection
 * attempt and only ever go into the upstream's login message.
 *
 * Lifecycle: with nothing followed there are no timers and no upstream, and the object may hibernate
 * with its sockets open. While symbols are followed, an alarm every WATCHDOG_MS restarts the upstream
 * after an eviction (the sockets survive it; their attachments say what to resubscribe).
 */
import { DurableObject } from 'cloudflare:workers';
import { openDatabase } from '../db/client.ts';
import { AlpacaFeed, type FeedCredentials, type FeedState } from '../quotes/alpaca-feed.ts';
import { parseClientMessage, type SubscriptionMessage } from '../quotes/client-messages.ts';
import { connectWebSocket, streamUrls } from '../quotes/connect.ts';
import { framesFor, type QuoteSocketState } from '../quotes/fan-out.ts';
import { OfflineReplay } from '../quotes/offline-replay.ts';
import { offlineQuoteAt } from '../quotes/offline-source.ts';
import { applySubscription, changes, unionOf } from '../quotes/subscriptions.ts';
import { symbolKind } from '../quotes/symbols.ts';
import { QuoteThrottle } from '../quotes/throttle.ts';
import { combinedStatus } from '../quotes/upstream-status.ts';
import { type ServerFrame, toWireQuote, type UpstreamStatus, type WireQuote } from '../quotes/wire.ts';
import { findAccount } from '../trading/accounts/store.ts';
import { openAlpacaCredentials } from '../trading/broker/factory.ts';
import type { Quote } from '../trading/broker/types.ts';

/** Sockets per account: a console tab or two per person, and agents. */
export const MAX_SOCKETS = 32;
const WATCHDOG_MS = 30_000;

export interface QuoteStreamStatus {
  sockets: number;
  symbols: string[];
  upstream: UpstreamStatus | null;
  /** Quotes received from upstream (or replayed) since this instance started. */
  received: number;
  feeds: { stocks: FeedState; options: FeedState } | null;
}

type Sources =
  | { broker: 'offline'; replay: OfflineReplay }
  | { broker: 'alpaca'; stocks: AlpacaFeed; options: AlpacaFeed };

export class QuoteStream extends DurableObject<Env> {
  #clock: () => number = () => Date.now();
  readonly #throttle = new QuoteThrottle();
  readonly #states = new WeakMap<WebSocket, QuoteSocketState>();
  #sources: Sources | undefined;
  #union = new Set<string>();
  #status: UpstreamStatus | undefined;
  #statusMessage: string | undefined;
  #received = 0;
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #flushAt = Number.POSITIVE_INFINITY;
  #watchdogArmed = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
    // Woken after an eviction with sockets still following symbols: the alarm restarts the upstream.
    if (this.#followers().some((follower) => follower.symbols.length > 0)) {
      ctx.blockConcurrencyWhile(() => ctx.storage.setAlarm(Date.now()));
    }
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const accountId = url.searchParams.get('account_id');
    const broker = url.searchParams.get('broker');
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket' || !accountId) {
      return new Response('expected a WebSocket upgrade', { status: 426 });
    }
    if (broker !== 'offline' && broker !== 'alpaca') return new Response('unknown broker', { status: 400 });
    const other = this.#followers()[0];
    if (other && other.state.accountId !== accountId) {
      throw new Error(`this object serves account ${other.state.accountId}, not ${accountId}`);
    }
    if (this.ctx.getWebSockets().length >= MAX_SOCKETS) {
      return new Response('too many sockets', { status: 429 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    this.#save(server, { accountId, broker, symbols: [] });
    if (broker === 'offline') send(server, { type: 'status', upstream: 'replay' });
    else if (this.#status) {
      const message = this.#statusMessage;
      send(server, { type: 'status', upstream: this.#status, ...(message ? { message } : {}) });
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    if (raw === 'ping') return;
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      send(ws, { type: 'error', message: parsed.error, ...withDetails(parsed.details) });
      return;
    }
    const state = this.#stateOf(ws);
    if (!state) return;
    const message = state.broker === 'offline' ? this.#knownOffline(ws, parsed.message) : parsed.message;
    if (!message) return;
    const result = applySubscription(state.symbols, message);
    if (!result.ok) {
      send(ws, { type: 'error', message: result.error, ...withDetails(result.details) });
      return;
    }
    this.#save(ws, { ...state, symbols: result.symbols });
    send(ws, { type: 'subscribed', symbols: result.symbols });
    // Symbols others already follow: their last quote now, instead of at their next change.
    const known = result.added.map((symbol) => this.#throttle.latest(symbol)).filter(isQuote);
    if (known.length > 0) send(ws, { type: 'quotes', quotes: known });
    this.#sync();
    if (this.#sources?.broker === 'offline' && result.added.length > 0) this.#sources.replay.tick();
  }

  /**
   * An offline subscribe without the symbols the bundled market has no data for (the socket is told
   * which); undefined when none is left.
   */
  #knownOffline(ws: WebSocket, message: SubscriptionMessage): SubscriptionMessage | undefined {
    if (message.type !== 'subscribe') return message;
    const replay = this.#offlineReplay();
    const unknown = message.symbols.filter((symbol) => !replay.knows(symbol));
    if (unknown.length === 0) return message;
    send(ws, {
      type: 'error',
      message: 'The offline market has no data for these symbols.',
      details: { unknown },
    });
    const symbols = message.symbols.filter((symbol) => !unknown.includes(symbol));
    return symbols.length > 0 ? { ...message, symbols } : undefined;
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // 1005 and 1006 are reserved: they describe a close, and cannot be sent in one.
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    this.#sync(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.#sync(ws);
  }

  override async alarm(): Promise<void> {
    this.#watchdogArmed = false;
    this.#sync();
  }

  async status(): Promise<QuoteStreamStatus> {
    const sources = this.#sources;
    return {
      sockets: this.ctx.getWebSockets().length,
      symbols: [...this.#union].sort(),
      upstream: sources?.broker === 'offline' ? 'replay' : (this.#status ?? null),
      received: this.#received,
      feeds:
        sources?.broker === 'alpaca'
          ? { stocks: sources.stocks.state, options: sources.options.state }
          : null,
    };
  }

  /**
   * Replaces the clock the throttle and the replay read. Tests drive time through this, so that a
   * frame count over a span of time is exact rather than a race with the wall clock.
   */
  useClock(clock: () => number): void {
    this.#clock = clock;
  }

  /** Re-derives the followed union from the sockets and hands it to the upstream. */
  #sync(closing?: WebSocket): void {
    const followers = this.#followers(closing);
    const union = unionOf(followers.map((follower) => follower.symbols));
    this.#throttle.forget(changes(this.#union, union).removed);
    this.#union = union;
    const account = followers[0]?.state;
    if (union.size === 0 || !account) {
      this.#setSourceSymbols(new Set());
      return;
    }
    this.#sourcesFor(account);
    this.#setSourceSymbols(union);
    this.#armWatchdog();
  }

  #setSourceSymbols(union: ReadonlySet<string>): void {
    const sources = this.#sources;
    if (!sources) return;
    if (sources.broker === 'offline') {
      sources.replay.setSymbols(union);
      return;
    }
    sources.stocks.setSymbols(new Set([...union].filter((symbol) => symbolKind(symbol) === 'stock')));
    sources.options.setSymbols(new Set([...union].filter((symbol) => symbolKind(symbol) === 'option')));
    this.#onUpstreamChange();
  }

  #sourcesFor(account: QuoteSocketState): Sources {
    if (this.#sources) return this.#sources;
    if (account.broker === 'offline') {
      this.#offlineReplay();
    } else {
      const urls = streamUrls(this.env);
      const feed = (url: string, encoding: 'json' | 'msgpack') =>
        new AlpacaFeed({
          url,
          encoding,
          credentials: () => this.#credentials(account.accountId),
          connect: connectWebSocket,
          onQuotes: (quotes) => this.#onQuotes(quotes),
          onState: (_state, reason) => this.#onUpstreamChange(reason),
          onStreamError: (message) => this.#broadcast({ type: 'error', message }),
        });
      this.#sources = {
        broker: 'alpaca',
        stocks: feed(urls.stocks, 'json'),
        options: feed(urls.options, 'msgpack'),
      };
    }
    return this.#sources as Sources;
  }

  #offlineReplay(): OfflineReplay {
    if (this.#sources?.broker === 'offline') return this.#sources.replay;
    const replay = new OfflineReplay({
      quoteAt: offlineQuoteAt,
      clock: () => this.#clock(),
      onQuotes: (quotes) => this.#onQuotes(quotes),
    });
    this.#sources = { broker: 'offline', replay };
    return replay;
  }

  async #credentials(accountId: string): Promise<FeedCredentials> {
    const handle = openDatabase(this.env, { maxConnections: 1 });
    try {
      const account = await findAccount(handle.db, accountId);
      if (!account) throw new Error('the account was archived or deleted');
      const { keyId, secretKey } = await openAlpacaCredentials(account, this.env);
      return { keyId, secretKey };
    } finally {
      await handle.close();
    }
  }

  /** Tells every socket when the combined status, or the reason the stream is down, changes. */
  #onUpstreamChange(reason?: string): void {
    const sources = this.#sources;
    if (sources?.broker !== 'alpaca') return;
    const status = combinedStatus([sources.stocks, sources.options]);
    if (status === undefined) {
      // No stream in use: nothing to report, and nothing stale for the next socket either.
      this.#status = undefined;
      this.#statusMessage = undefined;
      return;
    }
    // A retry in progress keeps the reason of the failure that caused it.
    const message = status === 'connected' ? undefined : (reason ?? this.#statusMessage);
    if (status === this.#status && message === this.#statusMessage) return;
    this.#status = status;
    this.#statusMessage = message;
    this.#broadcast({ type: 'status', upstream: status, ...(message ? { message } : {}) });
  }

  #onQuotes(quotes: readonly Quote[]): void {
    this.#received += quotes.length;
    for (const quote of quotes) {
      if (this.#union.has(quote.symbol)) this.#throttle.offer(toWireQuote(quote));
    }
    this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    const due = this.#throttle.nextDueAt();
    if (due === undefined || due >= this.#flushAt) return;
    clearTimeout(this.#flushTimer);
    this.#flushAt = due;
    this.#flushTimer = setTimeout(() => this.#flush(), Math.max(0, due - this.#clock()));
  }

  #flush(): void {
    this.#flushTimer = undefined;
    this.#flushAt = Number.POSITIVE_INFINITY;
    const quotes = this.#throttle.take(this.#clock());
    const followers = this.#followers().map(({ socket, state }) => ({ socket, symbols: state.symbols }));
    for (const frame of framesFor(followers, quotes))
      send(frame.socket, { type: 'quotes', quotes: frame.quotes });
    this.#scheduleFlush();
  }

  #broadcast(frame: ServerFrame): void {
    const json = JSON.stringify(frame);
    for (const socket of this.ctx.getWebSockets()) sendRaw(socket, json);
  }

  #followers(closing?: WebSocket): Array<{ socket: WebSocket; state: QuoteSocketState; symbols: string[] }> {
    const followers: Array<{ socket: WebSocket; state: QuoteSocketState; symbols: string[] }> = [];
    for (const socket of this.ctx.getWebSockets()) {
      if (socket === closing) continue;
      const state = this.#stateOf(socket);
      if (state) followers.push({ socket, state, symbols: state.symbols });
    }
    return followers;
  }

  #stateOf(socket: WebSocket): QuoteSocketState | undefined {
    let state = this.#states.get(socket);
    if (!state) {
      state = (socket.deserializeAttachment() as QuoteSocketState | null) ?? undefined;
      if (state) this.#states.set(socket, state);
    }
    return state;
  }

  #save(socket: WebSocket, state: QuoteSocketState): void {
    socket.serializeAttachment(state);
    this.#states.set(socket, state);
  }

  #armWatchdog(): void {
    if (this.#watchdogArmed) return;
    this.#watchdogArmed = true;
    void this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
  }
}

function isQuote(quote: WireQuote | undefined): quote is WireQuote {
  return quote !== undefined;
}

function withDetails(details: unknown): { details?: unknown } {
  return details === undefined ? {} : { details };
}

function send(socket: WebSocket, frame: ServerFrame): void {
  sendRaw(socket, JSON.stringify(frame));
}

function sendRaw(socket: WebSocket, message: string): void {
  try {
    socket.send(message);
  } catch {
    // A socket closing under us: its close handler cleans up.
  }
}
