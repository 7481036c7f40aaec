/**
 * The live event stream of one orchestrator: a ticket, a WebSocket from the last seq seen, and on any
 * drop a reconnect after a jittered exponential backoff, resuming with `after_seq` so that nothing is
 * missed and nothing is delivered twice. Everything outside is injected, so the logic runs in tests.
 */
import { backoffDelay } from './backoff.ts';
import { parseFrame, SeqGate, type WireEvent } from './wire.ts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** The part of a browser WebSocket the client uses. */
export interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface StreamClientOptions {
  /** The newest seq already held (from the history pages); the socket resumes after it. */
  afterSeq: number;
  getTicket(): Promise<string>;
  url(ticket: string, afterSeq: number): string;
  openSocket(url: string): SocketLike;
  onEvents(events: WireEvent[]): void;
  onState(state: ConnectionState): void;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
  /** How often to ping, and how long to wait for any frame before calling the socket dead. */
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
}

export class StreamClient {
  readonly #options: StreamClientOptions;
  readonly #gate: SeqGate;
  readonly #setTimer: (callback: () => void, ms: number) => unknown;
  readonly #clearTimer: (handle: unknown) => void;
  #socket: SocketLike | null = null;
  #state: ConnectionState = 'connecting';
  #attempt = 0;
  #retryTimer: unknown = null;
  #pingTimer: unknown = null;
  #deadTimer: unknown = null;
  #stopped = false;
  #networkOnline = true;
  /** Bumped on every connect so callbacks of an abandoned socket do nothing. */
  #generation = 0;

  constructor(options: StreamClientOptions) {
    this.#options = options;
    this.#gate = new SeqGate(options.afterSeq);
    this.#setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.#clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as number));
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get lastSeq(): number {
    return this.#gate.lastSeq;
  }

  start(): void {
    this.#stopped = false;
    void this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    this.#generation++;
    this.#clearTimers();
    this.#socket?.close(1000, 'client closed');
    this.#socket = null;
  }

  /** The browser is back online or the tab is visible again: reconnect now rather than after the backoff. */
  reconnectNow(): void {
    if (this.#stopped || !this.#networkOnline || this.#state === 'live') return;
    if (this.#state === 'connecting' && this.#socket) return;
    this.#attempt = 0;
    void this.#connect();
  }

  /** The browser's `online` / `offline` events. */
  setNetworkOnline(online: boolean): void {
    this.#networkOnline = online;
    if (!online) {
      this.#generation++;
      this.#clearTimers();
      this.#socket?.close(1000, 'offline');
      this.#socket = null;
      this.#setState('offline');
    } else {
      this.reconnectNow();
    }
  }

  /** Events from elsewhere (the history pages, a debug hook) pass the same gate as socket frames. */
  admit(events: readonly WireEvent[]): WireEvent[] {
    return this.#gate.admit(events);
  }

  async #connect(): Promise<void> {
    const generation = ++this.#generation;
    this.#clearTimers();
    this.#socket?.close(1000, 'reconnecting');
    this.#socket = null;
    if (this.#state === 'offline' || this.#state === 'live') this.#setState('reconnecting');
    let ticket: string;
    try {
      ticket = await this.#options.getTicket();
    } catch {
      if (generation === this.#generation) this.#scheduleRetry();
      return;
    }
    if (generation !== this.#generation || this.#stopped) return;
    let socket: SocketLike;
    try {
      socket = this.#options.openSocket(this.#options.url(ticket, this.#gate.lastSeq));
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    socket.onmessage = (event) => {
      if (generation !== this.#generation) return;
      this.#heardFrom();
      if (typeof event.data !== 'string') return;
      const frame = parseFrame(event.data);
      if (frame.kind === 'control') {
        this.#attempt = 0;
        this.#setState('live');
      } else if (frame.kind === 'events') {
        const fresh = this.#gate.admit(frame.events);
        if (fresh.length > 0) this.#options.onEvents(fresh);
      }
    };
    socket.onclose = () => {
      if (generation !== this.#generation) return;
      this.#socket = null;
      this.#scheduleRetry();
    };
    socket.onerror = () => {
      // A close event follows; the retry is scheduled there.
    };
    socket.onopen = () => {
      if (generation === this.#generation) this.#heardFrom();
    };
  }

  #scheduleRetry(): void {
    this.#clearTimers();
    if (this.#stopped || !this.#networkOnline) return;
    this.#setState('reconnecting');
    const delay = backoffDelay(this.#attempt++, {}, this.#options.random);
    this.#retryTimer = this.#setTimer(() => {
      this.#retryTimer = null;
      void this.#connect();
    }, delay);
  }

  /** Any frame proves the socket alive; a ping follows a quiet spell, and silence after it means a dead socket. */
  #heardFrom(): void {
    const { pingIntervalMs = 25_000, pongTimeoutMs = 10_000 } = this.#options;
    if (this.#pingTimer !== null) this.#clearTimer(this.#pingTimer);
    if (this.#deadTimer !== null) this.#clearTimer(this.#deadTimer);
    this.#deadTimer = null;
    const generation = this.#generation;
    this.#pingTimer = this.#setTimer(() => {
      if (generation !== this.#generation) return;
      try {
        this.#socket?.send('ping');
      } catch {
        // closing already
      }
      this.#deadTimer = this.#setTimer(() => {
        if (generation !== this.#generation) return;
        this.#generation++;
        this.#socket?.close(4000, 'no pong');
        this.#socket = null;
        this.#scheduleRetry();
      }, pongTimeoutMs);
    }, pingIntervalMs);
  }

  #clearTimers(): void {
    for (const handle of [this.#retryTimer, this.#pingTimer, this.#deadTimer]) {
      if (handle !== null) this.#clearTimer(handle);
    }
    this.#retryTimer = this.#pingTimer = this.#deadTimer = null;
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#options.onState(state);
  }
}
