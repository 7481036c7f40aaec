/**
 * Serves one client connection from the shared in-process PGlite.
 *
 * PGlite is a single backend, so sessions take turns: a session gets exclusive use from its first
 * message of a unit of work until Sync or a simple Query completes with the backend idle, and keeps
 * it while a transaction is open. That is pgbouncer's transaction mode: session state (SET, temp
 * tables, named statements) is shared between connections. A dropped client's open transaction is
 * rolled back so it cannot wedge everyone else.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { Mutex, Release } from './mutex.ts';
import {
  concatBytes,
  errorResponse,
  type FrontendMessage,
  lastReadyStatus,
  simpleQuery,
  splitFrontendMessages,
  startupResponse,
} from './pg-wire.ts';

export interface PgliteSessionOptions {
  db: PGlite;
  lock: Mutex;
  /** Parameters reported to the client at startup (server_version, TimeZone, ...). */
  serverParameters: Record<string, string>;
  send: (bytes: Uint8Array) => void;
  close: () => void;
  /** How long a session waits for another to finish its unit of work before failing loudly. */
  lockTimeoutMs?: number;
}

let nextBackendPid = 1000;

export class PgliteSession {
  readonly #options: PgliteSessionOptions;
  readonly #pid = nextBackendPid++;
  #buffer: Uint8Array = new Uint8Array(0);
  #startupDone = false;
  #pending: Uint8Array[] = [];
  #release: Release | undefined;
  #work: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: PgliteSessionOptions) {
    this.#options = options;
  }

  /** Feeds bytes received from the client; messages are handled strictly in arrival order. */
  receive(chunk: Uint8Array): void {
    const split = splitFrontendMessages(concatBytes([this.#buffer, chunk]), this.#startupDone);
    this.#buffer = split.rest;
    this.#startupDone = split.startupDone;
    for (const message of split.messages) {
      this.#work = this.#work.then(() => this.#handle(message)).catch((error: unknown) => this.#fail(error));
    }
  }

  /** The client went away: roll back anything it left open and give the backend to the next session. */
  async end(): Promise<void> {
    this.#closed = true;
    await this.#work;
    await this.#releaseBackend({ rollback: true });
  }

  async #handle(message: FrontendMessage): Promise<void> {
    if (this.#closed) return;
    switch (message.kind) {
      case 'ssl-request':
        this.#options.send(new TextEncoder().encode('N'));
        return;
      case 'cancel-request':
        this.#options.close();
        return;
      case 'startup':
        this.#options.send(startupResponse(this.#options.serverParameters, this.#pid));
        return;
      case 'typed':
        return this.#handleTyped(message.type, message.bytes);
      case 'malformed':
        // What PostgreSQL does with a frame it cannot parse: a protocol violation, then hang up.
        this.#options.send(errorResponse('FATAL', '08P01', 'invalid message length'));
        this.#closed = true;
        await this.#releaseBackend({ rollback: true });
        this.#options.close();
        return;
    }
  }

  async #handleTyped(type: string, bytes: Uint8Array): Promise<void> {
    if (type === 'X') {
      await this.#releaseBackend({ rollback: true });
      this.#closed = true;
      this.#options.close();
      return;
    }
    if (!this.#release) {
      this.#release = await this.#options.lock.acquire(this.#options.lockTimeoutMs ?? 15_000);
    }
    this.#pending.push(bytes);
    // Sync, simple Query and Flush are the points where a real server sends its buffered output.
    if (type !== 'S' && type !== 'Q' && type !== 'H') return;
    const batch = concatBytes(this.#pending);
    this.#pending = [];
    const response = await this.#options.db.execProtocolRaw(batch);
    if (response.length > 0) this.#options.send(response);
    if (type !== 'H' && lastReadyStatus(response) === 'I') await this.#releaseBackend({ rollback: false });
  }

  async #releaseBackend({ rollback }: { rollback: boolean }): Promise<void> {
    const release = this.#release;
    if (!release) return;
    this.#release = undefined;
    this.#pending = [];
    try {
      if (rollback) await this.#options.db.execProtocolRaw(simpleQuery('ROLLBACK'));
    } finally {
      release();
    }
  }

  #fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#options.send(errorResponse('FATAL', '57P03', `embedded database: ${message}`));
    this.#closed = true;
    void this.#releaseBackend({ rollback: true });
    this.#options.close();
  }
}
