/**
 * Opens the Postgres connection a request or Durable Object uses: the Neon serverless driver over
 * WebSockets, wrapped by drizzle. In production it reaches Neon directly; locally `PG_WS_PROXY` points
 * it at the relay started by `npm run dev` and the tests (scripts/local/pg-relay.ts).
 *
 * Never open a pool at module scope: Workers forbid I/O objects (sockets) shared across requests, and
 * a second request using the first one's connection fails. Open one per request, or hold one on a
 * Durable Object.
 */
import { neonConfig, Pool } from '@neondatabase/serverless';
import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-serverless';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';

/** Any drizzle Postgres database over this schema (Neon in Workers, node-postgres in bench scripts). */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseConfig {
  DATABASE_URL?: string | undefined;
  /** Local development only: `host:port` of the WebSocket relay. */
  PG_WS_PROXY?: string | undefined;
}

export interface DatabaseHandle {
  db: Database;
  close(): Promise<void>;
}

export class DatabaseNotConfiguredError extends Error {
  override readonly name = 'DatabaseNotConfiguredError';
  constructor() {
    super('DATABASE_URL is not set: the Worker has no database to use.');
  }
}

export interface OpenDatabaseOptions {
  maxConnections?: number;
  /**
   * How long an unused connection stays open. A Durable Object keeps its pool for its lifetime: a
   * short idle timeout lets an idle object hibernate instead of being held awake by open sockets.
   */
  idleTimeoutMs?: number;
  /** Sees every query (the tests count them). */
  logger?: Logger;
}

export function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): DatabaseHandle {
  if (!config.DATABASE_URL) throw new DatabaseNotConfiguredError();
  if (config.PG_WS_PROXY) useLocalRelay(config.PG_WS_PROXY);
  const pool = new Pool({
    connectionString: config.DATABASE_URL,
    max: options.maxConnections ?? 4,
    idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
  });
  let closing = false;
  let reported = false;
  // Without a listener, an idle connection dropped at teardown becomes an uncaught exception. The pool
  // discards such a connection and opens another when needed, so one line per pool is news enough;
  // after we asked the pool to close, a lost connection is the expected end.
  pool.on('error', (error: Error) => {
    if (closing || reported) return;
    reported = true;
    console.warn(`database pool: an idle connection failed (${error.message}); it will be replaced`);
  });
  return {
    db: drizzle({ client: pool, schema, ...(options.logger ? { logger: options.logger } : {}) }),
    close: () => {
      closing = true;
      return pool.end();
    },
  };
}

function useLocalRelay(proxy: string): void {
  neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  // Local Postgres may ask for SCRAM, which cannot be pipelined with the startup message.
  neonConfig.pipelineConnect = false;
}
