/**
 * Brings up the database a local Worker talks to: the PostgreSQL named by a `postgres://` URL, or,
 * when none is given, an embedded PGlite (in memory, or persisted under a data folder). Applies the
 * migrations and starts the WebSocket relay in front of it.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { migrateEmbedded, migratePostgres } from './migrations.ts';
import { startPgRelay } from './pg-relay.ts';

export interface LocalDatabase {
  kind: 'postgres' | 'pglite';
  /** The connection string the Worker's Neon driver uses (its host is reached through the relay). */
  workerDatabaseUrl: string;
  /** `host:port` of the relay, for the Worker's `PG_WS_PROXY`. */
  relayAddress: string;
  close(): Promise<void>;
}

export interface LocalDatabaseOptions {
  /** A PostgreSQL server; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Where the embedded PGlite keeps its files; in memory when absent. */
  dataDir?: string | undefined;
}

export async function startLocalDatabase(options: LocalDatabaseOptions): Promise<LocalDatabase> {
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    await migratePostgres(options.databaseUrl);
    const relay = await startPgRelay({ kind: 'tcp', host: url.hostname, port: Number(url.port || 5432) });
    return {
      kind: 'postgres',
      workerDatabaseUrl: options.databaseUrl,
      relayAddress: relay.address,
      close: relay.close,
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  await migrateEmbedded(db);
  const relay = await startPgRelay({ kind: 'pglite', db });
  return {
    kind: 'pglite',
    // The embedded server ignores host, user and database; they only have to parse.
    workerDatabaseUrl: 'postgres://postgres@localhost:5432/postgres',
    relayAddress: relay.address,
    close: async () => {
      await relay.close();
      await db.close();
    },
  };
}

/** True when a connection string names a server on this machine (so it can sit behind the relay). */
export function isLocalDatabaseUrl(databaseUrl: string): boolean {
  const host = new URL(databaseUrl).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]';
}
