/**
 * One orchestrator's event stream: sequencing, live fan-out, persistence and replay.
 *
 * - `emit` stores the event in the object's SQLite (assigning the next `seq`) before any socket sees
 *   it, so nothing is broadcast that could be lost.
 * - Token deltas are coalesced per model call for a few milliseconds: one socket message per frame,
 *   not per token. Any other event first flushes pending deltas, so order is preserved.
 * - Events reach Postgres in batches shortly after; a failed flush is retried (the outbox is durable).
 *   Each persisted batch is reported through `onFlushed` (summaries are requested from there).
 * - A socket that connects with `after_seq=N` is replayed everything after N (from SQLite, and from
 *   Postgres for older events) while live events for it are held back, then released: no gap, no
 *   duplicate.
 */
import type { Database } from '../db/client.ts';
import { appendEvents, eventsAfter } from '../db/events.ts';
import { fromRow, toRow } from '../events/event-rows.ts';
import type { EventInput, WireEvent } from '../events/types.ts';
import type { EventLog } from './hub-store.ts';

export interface SocketState {
  /** False until the socket's replay has been delivered. */
  replayed: boolean;
  connectedAt: number;
}

export interface EventStreamDeps {
  log: EventLog;
  orchestratorId: () => string;
  sockets: () => WebSocket[];
  db: () => Database;
  /** Asks the object to call `flush` again later (an alarm), after a failed flush. */
  retryLater: () => void;
  /** Told of each batch once Postgres has it (summaries are asked for then); must not block. */
  onFlushed?: (events: readonly WireEvent[]) => void;
}

const DELTA_FRAME_MS = 40;
/** Events emitted within this window share one socket message per client. */
const SEND_FRAME_MS = 4;
const FLUSH_DELAY_MS = 25;
const FLUSH_BATCH = 1_000;
const REPLAY_PAGE = 1_000;

export class EventStream {
  readonly #deps: EventStreamDeps;
  readonly #pendingDeltas = new Map<string, { input: EventInput; text: string }>();
  #deltaTimer: ReturnType<typeof setTimeout> | undefined;
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> | undefined;
  readonly #replaying = new Map<WebSocket, WireEvent[]>();
  readonly #outgoing: WireEvent[] = [];
  #sendTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last seq each socket was sent, so a frame overlapping a replay sends nothing twice. */
  readonly #lastSent = new WeakMap<WebSocket, number>();
  readonly #ready = new WeakMap<WebSocket, boolean>();

  constructor(deps: EventStreamDeps) {
    this.#deps = deps;
  }

  get lastSeq(): number {
    return this.#deps.log.lastSeq;
  }

  emit(input: EventInput): void {
    if (input.type === 'text_delta') {
      this.#bufferDelta(input);
      return;
    }
    this.flushDeltas();
    this.#append(input);
  }

  flushDeltas(): void {
    clearTimeout(this.#deltaTimer);
    this.#deltaTimer = undefined;
    const pending = [...this.#pendingDeltas.values()];
    this.#pendingDeltas.clear();
    for (const { input, text } of pending) this.#append({ ...input, data: { ...input.data, text } });
  }

  #bufferDelta(input: EventInput): void {
    const key = `${input.agentId ?? ''}|${String(input.data.call_id)}|${String(input.data.attempt)}`;
    const pending = this.#pendingDeltas.get(key);
    const text = typeof input.data.text === 'string' ? input.data.text : '';
    if (pending) pending.text += text;
    else this.#pendingDeltas.set(key, { input, text });
    this.#deltaTimer ??= setTimeout(() => this.flushDeltas(), DELTA_FRAME_MS);
  }

  #append(input: EventInput): void {
    const event = this.#deps.log.append(this.#deps.orchestratorId(), input);
    this.#outgoing.push(event);
    this.#sendTimer ??= setTimeout(() => this.#sendOutgoing(), SEND_FRAME_MS);
    this.#flushTimer ??= setTimeout(() => {
      this.#flushTimer = undefined;
      void this.flush();
    }, FLUSH_DELAY_MS);
  }

  /**
   * Sends what was emitted since the last frame: one socket message per client per frame (a single
   * event as an object, several as an array), serialised once for all clients.
   */
  #sendOutgoing(): void {
    this.#sendTimer = undefined;
    const events = this.#outgoing.splice(0);
    if (events.length === 0) return;
    const frame = JSON.stringify(events.length === 1 ? events[0] : events);
    for (const socket of this.#deps.sockets()) {
      const held = this.#replaying.get(socket);
      if (held) {
        held.push(...events);
        continue;
      }
      if (!this.#isReady(socket)) {
        // Its replay was lost with an evicted instance: make the client reconnect and resume.
        socket.close(1012, 'resume with after_seq');
        continue;
      }
      const lastSent = this.#lastSent.get(socket);
      if (lastSent === undefined || lastSent < (events[0]?.seq ?? 0)) {
        send(socket, frame);
      } else {
        // A replay just delivered some of these: send only the rest.
        const rest = events.filter((event) => event.seq > lastSent);
        if (rest.length > 0) send(socket, JSON.stringify(rest.length === 1 ? rest[0] : rest));
      }
      this.#lastSent.set(socket, events.at(-1)?.seq ?? lastSent ?? 0);
    }
  }

  /** Whether a socket has had its replay; cached, since reading the attachment per event is costly. */
  #isReady(socket: WebSocket): boolean {
    let ready = this.#ready.get(socket);
    if (ready === undefined) {
      const state = socket.deserializeAttachment() as SocketState | null;
      ready = !state || state.replayed;
      this.#ready.set(socket, ready);
    }
    return ready;
  }

  /** Writes every unflushed event to Postgres; concurrent callers share one flush. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flushAll().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  async #flushAll(): Promise<void> {
    try {
      for (
        let batch = this.#deps.log.unflushed(FLUSH_BATCH);
        batch.length > 0;
        batch = this.#deps.log.unflushed(FLUSH_BATCH)
      ) {
        await appendEvents(this.#deps.db(), batch.map(toRow));
        this.#deps.log.markFlushed(batch.at(-1)?.seq ?? 0);
        this.#deps.onFlushed?.(batch);
      }
    } catch (error) {
      console.error(`orchestrator ${this.#deps.orchestratorId()}: event flush failed, will retry`, error);
      this.#deps.retryLater();
    }
  }

  /** Sends a newly connected socket everything after `afterSeq`, then lets live events through. */
  async replay(socket: WebSocket, afterSeq: number): Promise<void> {
    // Hold live events for this socket before anything can be broadcast, pending deltas included.
    this.#replaying.set(socket, []);
    this.flushDeltas();
    try {
      let cursor = afterSeq;
      const oldestLocal = () => this.#deps.log.oldestLocalSeq() ?? this.#deps.log.lastSeq + 1;
      // Events older than the local window are all in Postgres (only flushed ones are pruned). The
      // window is re-read each page: events pruned while we awaited Postgres are fetched from there.
      while (cursor + 1 < oldestLocal()) {
        const boundary = oldestLocal();
        const page = await eventsAfter(this.#deps.db(), this.#deps.orchestratorId(), cursor, REPLAY_PAGE);
        const older = page.filter((row) => row.seq < boundary);
        if (older.length > 0) send(socket, JSON.stringify(older.map(fromRow)));
        if (older.length === 0) break;
        cursor = older.at(-1)?.seq ?? cursor;
      }
      // From here on everything is read synchronously from SQLite: nothing can be pruned under us.
      cursor = Math.max(cursor, oldestLocal() - 1);
      for (
        let page = this.#deps.log.after(cursor, REPLAY_PAGE);
        page.length > 0;
        page = this.#deps.log.after(cursor, REPLAY_PAGE)
      ) {
        send(socket, JSON.stringify(page));
        cursor = page.at(-1)?.seq ?? cursor;
      }
      const held = (this.#replaying.get(socket) ?? []).filter((event) => event.seq > cursor);
      if (held.length > 0) send(socket, JSON.stringify(held));
      cursor = held.at(-1)?.seq ?? cursor;
      const state = socket.deserializeAttachment() as SocketState;
      socket.serializeAttachment({ ...state, replayed: true } satisfies SocketState);
      this.#ready.set(socket, true);
      this.#lastSent.set(socket, cursor);
    } finally {
      this.#replaying.delete(socket);
    }
  }
}

function send(socket: WebSocket, message: string): void {
  try {
    socket.send(message);
  } catch {
    // A socket closing under us: its close handler cleans up.
  }
}
