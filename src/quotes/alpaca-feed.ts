/**
 * One of Alpaca's market-data streams (stocks or options) for one account: connects while it has
 * symbols to carry, authenticates, subscribes to exactly the symbols asked for, and passes quotes on.
 * A lost connection is retried with backoff and jitter; after every (re)authentication the whole
 * current symbol set is subscribed again, since a new connection starts with none. The credentials are
 * fetched per connection attempt (rotated keys apply at the next one) and never leave this object.
 */
import type { Quote } from '../trading/broker/types.ts';
import {
  decodeFrame,
  encodeAction,
  type StreamAction,
  type StreamEncoding,
  type StreamMessage,
} from './alpaca-protocol.ts';
import { reconnectDelay } from './backoff.ts';

export type FeedState = 'idle' | 'connecting' | 'ready' | 'waiting';

export interface FeedCredentials {
  keyId: string;
  secretKey: string;
}

export interface AlpacaFeedDeps {
  /** wss://…/v2/iex or wss://…/v1beta1/indicative. */
  url: string;
  encoding: StreamEncoding;
  credentials: () => Promise<FeedCredentials>;
  /** Opens a client WebSocket (already accepted). */
  connect: (url: string, headers: Record<string, string>) => Promise<WebSocket>;
  onQuotes: (quotes: Quote[]) => void;
  /** Every state change, with the reason when the stream was lost or refused. */
  onState: (state: FeedState, reason?: string) => void;
  /** An error the stream reported while up (e.g. 405 symbol limit exceeded): worth telling clients. */
  onStreamError: (message: string) => void;
  random?: () => number;
}

/** Without an `authenticated` this long after connecting, the attempt counts as failed. */
const AUTH_TIMEOUT_MS = 15_000;

export class AlpacaFeed {
  readonly #deps: AlpacaFeedDeps;
  #wanted = new Set<string>();
  /** What was asked of the current connection (the server starts every connection with nothing). */
  #requested = new Set<string>();
  /** The subscription as the server last reported it. */
  #confirmed = new Set<string>();
  #socket: WebSocket | undefined;
  #state: FeedState = 'idle';
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #authTimer: ReturnType<typeof setTimeout> | undefined;
  #lastError: string | undefined;
  /** Quote messages received since the object started (tests and status use it). */
  received = 0;

  constructor(deps: AlpacaFeedDeps) {
    this.#deps = deps;
  }

  get state(): FeedState {
    return this.#state;
  }

  get inUse(): boolean {
    return this.#wanted.size > 0;
  }

  /** The symbols this stream must carry from now on; an empty set closes it. */
  setSymbols(symbols: ReadonlySet<string>): void {
    this.#wanted = new Set(symbols);
    if (this.#wanted.size === 0) {
      this.close();
      return;
    }
    if (this.#state === 'idle') void this.#connect();
    else if (this.#state === 'ready') this.#syncSubscriptions();
  }

  close(): void {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#authTimer);
    this.#retryTimer = undefined;
    const socket = this.#socket;
    this.#socket = undefined;
    this.#requested.clear();
    this.#confirmed.clear();
    if (socket) safeClose(socket, 1000, 'no subscriptions');
    this.#setState('idle');
  }

  async #connect(): Promise<void> {
    this.#setState('connecting');
    let socket: WebSocket;
    try {
      const headers: Record<string, string> =
        this.#deps.encoding === 'msgpack' ? { 'Content-Type': 'application/msgpack' } : {};
      socket = await this.#deps.connect(this.#deps.url, headers);
    } catch (error) {
      this.#retry(`connect failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (this.#state !== 'connecting') {
      // Closed (no symbols left) while the connection was being made.
      safeClose(socket, 1000, 'no subscriptions');
      return;
    }
    this.#socket = socket;
    this.#requested.clear();
    this.#confirmed.clear();
    // Frames are handled one after another: a binary one is read asynchronously, and a login waits
    // for the credentials, yet the order of messages matters.
    let inbox = Promise.resolve();
    socket.addEventListener('message', (event) => {
      inbox = inbox.then(() => (this.#socket === socket ? this.#onFrame(socket, event.data) : undefined));
    });
    socket.addEventListener('close', (event) => {
      if (this.#socket === socket) this.#lost(`closed by the server (${event.code} ${event.reason})`.trim());
    });
    socket.addEventListener('error', () => {
      if (this.#socket === socket) this.#lost('connection error');
    });
    this.#authTimer = setTimeout(() => {
      if (this.#socket === socket && this.#state === 'connecting') this.#lost('no authentication in time');
    }, AUTH_TIMEOUT_MS);
  }

  async #onFrame(socket: WebSocket, data: unknown): Promise<void> {
    let messages: StreamMessage[];
    try {
      // workerd hands a client socket's binary frames over as Blobs.
      const frame = data instanceof Blob ? await data.arrayBuffer() : data;
      messages = decodeFrame(
        frame instanceof ArrayBuffer || typeof frame === 'string' ? frame : String(frame),
      );
    } catch (error) {
      this.#lost(error instanceof Error ? error.message : String(error));
      return;
    }
    const quotes: Quote[] = [];
    for (const message of messages) {
      switch (message.kind) {
        case 'quote':
          quotes.push(message.quote);
          break;
        case 'success':
          if (message.msg === 'connected') await this.#authenticate(socket);
          else if (message.msg === 'authenticated') this.#ready();
          break;
        case 'subscription':
          // The server's own account of the subscription replaces ours: resending a diff stays exact.
          if (this.#state === 'ready') {
            this.#confirmed = new Set(message.quotes);
            this.#requested = new Set(message.quotes);
          }
          break;
        case 'error':
          this.#onError(message.code, message.msg);
          break;
        case 'ignored':
          break;
      }
    }
    if (quotes.length > 0) {
      this.received += quotes.length;
      this.#deps.onQuotes(quotes);
    }
  }

  async #authenticate(socket: WebSocket): Promise<void> {
    let credentials: FeedCredentials;
    try {
      credentials = await this.#deps.credentials();
    } catch (error) {
      this.#lost(`credentials unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (this.#socket !== socket) return;
    this.#send({ action: 'auth', key: credentials.keyId, secret: credentials.secretKey });
  }

  #ready(): void {
    clearTimeout(this.#authTimer);
    this.#attempt = 0;
    this.#lastError = undefined;
    this.#setState('ready');
    this.#syncSubscriptions();
  }

  #onError(code: number, message: string): void {
    const reason = `${code} ${message}`;
    if (this.#state === 'ready') {
      // A refused subscribe (e.g. 405 symbol limit exceeded) left the server's subscription as it was.
      this.#requested = new Set(this.#confirmed);
      this.#deps.onStreamError(`upstream: ${reason}`);
      return;
    }
    // Refused before we were in (auth failed, connection limit exceeded, …): try again later.
    this.#lost(reason);
  }

  #syncSubscriptions(): void {
    const add = [...this.#wanted].filter((symbol) => !this.#requested.has(symbol));
    const remove = [...this.#requested].filter((symbol) => !this.#wanted.has(symbol));
    if (remove.length > 0) this.#send({ action: 'unsubscribe', quotes: remove });
    if (add.length > 0) this.#send({ action: 'subscribe', quotes: add });
    this.#requested = new Set(this.#wanted);
  }

  #send(action: StreamAction): void {
    try {
      this.#socket?.send(encodeAction(action, this.#deps.encoding));
    } catch {
      // Closing under us: the close handler schedules the reconnect.
    }
  }

  #lost(reason: string): void {
    const socket = this.#socket;
    this.#socket = undefined;
    clearTimeout(this.#authTimer);
    if (socket) safeClose(socket, 1000, 'reconnecting');
    this.#retry(reason);
  }

  #retry(reason: string): void {
    if (this.#wanted.size === 0) {
      this.#setState('idle');
      return;
    }
    this.#lastError = reason;
    const delay = reconnectDelay(this.#attempt, this.#deps.random ?? Math.random);
    this.#attempt += 1;
    this.#setState('waiting', reason);
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#state === 'waiting') void this.#connect();
    }, delay);
  }

  get lastError(): string | undefined {
    return this.#lastError;
  }

  #setState(state: FeedState, reason?: string): void {
    const changed = state !== this.#state;
    this.#state = state;
    if (changed || reason) this.#deps.onState(state, reason);
  }
}

function safeClose(socket: WebSocket, code: number, reason: string): void {
  try {
    socket.close(code, reason);
  } catch {
    // Already closed.
  }
}
