/**
 * The database a benchmark run measures: a scratch database created on a PostgreSQL server, migrated,
 * and dropped when the run ends (also when it fails), so figures never depend on leftover data.
 *
 * Server: `BENCH_DATABASE_URL`, else `TEST_DATABASE_URL`, else the local default below. A URL given
 * explicitly must answer; only when the implicit default is unreachable does the run fall back to an
 * in-memory PGlite, which is labelled as such because its figures say nothing about PostgreSQL.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { migrateEmbedded, migratePostgres } from '../../scripts/local/migrations.ts';
import {
  createScratchDatabase,
  redactDatabaseUrl,
  type ScratchDatabase,
} from '../../scripts/local/scratch-database.ts';
import * as schema from '../../src/db/schema.ts';
import type { BenchDatabase } from './scenario.ts';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECT_TIMEOUT_MS = 3_000;
/** Settings that decide what a commit costs; printed with the figures. */
const DURABILITY_SETTINGS = ['synchronous_commit', 'fsync', 'wal_level'] as const;

interface ServerChoice {
  url: string;
  /** Where the URL came from, for messages: an environment variable or the default. */
  source: string;
  explicit: boolean;
}

export async function openBenchDatabase(): Promise<BenchDatabase> {
  const server = chooseServer();
  const admin = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => {});
    if (!server.explicit && isUnreachable(error)) {
      console.warn(`No PostgreSQL answers at ${server.url} (${messageOf(error)}): falling back to PGlite.`);
      return openPglite();
    }
    throw new Error(
      `${server.source} (${redactDatabaseUrl(server.url)}) does not answer: ${messageOf(error)}`,
    );
  }
  await admin.end();
  return openScratch(server, await createScratchDatabase(server.url, 'bench'));
}

function chooseServer(): ServerChoice {
  for (const variable of ['BENCH_DATABASE_URL', 'TEST_DATABASE_URL']) {
    const url = process.env[variable];
    if (url) return { url, source: variable, explicit: true };
  }
  return { url: DEFAULT_SERVER_URL, source: 'the default server', explicit: false };
}

async function openScratch(server: ServerChoice, scratch: ScratchDatabase): Promise<BenchDatabase> {
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  let closing = false;
  pool.on('error', (error: Error) => {
    if (!closing) console.warn(`bench pool: ${error.message}`);
  });
  const close = async (): Promise<void> => {
    closing = true;
    try {
      await pool.end();
    } finally {
      await scratch.drop();
    }
  };
  try {
    await migratePostgres(scratch.url);
    const { serverVersion, settings } = await readServerInfo(async (text) =>
      firstValue((await pool.query(text)).rows),
    );
    return {
      kind: 'postgres',
      description:
        `PostgreSQL ${serverVersion} at ${redactDatabaseUrl(server.url)} (${server.source}), ` +
        `scratch database ${scratch.name}`,
      serverVersion,
      settings,
      db: drizzlePg({ client: pool, schema }),
      url: scratch.url,
      close,
    };
  } catch (error) {
    await close().catch((closeError: unknown) => console.error(messageOf(closeError)));
    throw error;
  }
}

async function openPglite(): Promise<BenchDatabase> {
  const pglite = await PGlite.create();
  try {
    await migrateEmbedded(pglite);
    const { serverVersion, settings } = await readServerInfo(async (text) =>
      firstValue((await pglite.query(text)).rows),
    );
    return {
      kind: 'pglite',
      description: `PGlite (embedded PostgreSQL ${serverVersion}, in memory) — NOT a PostgreSQL server`,
      serverVersion,
      settings,
      db: drizzlePglite({ client: pglite, schema }),
      close: () => pglite.close(),
    };
  } catch (error) {
    await pglite.close().catch(() => {});
    throw error;
  }
}

async function readServerInfo(
  query: (text: string) => Promise<string>,
): Promise<{ serverVersion: string; settings: Record<string, string> }> {
  const serverVersion = await query('show server_version');
  const settings: Record<string, string> = {};
  for (const setting of DURABILITY_SETTINGS) settings[setting] = await query(`show ${setting}`);
  return { serverVersion, settings };
}

/** The first column of the first row, as text: what `show <setting>` returns. */
function firstValue(rows: readonly unknown[]): string {
  const row = rows[0];
  if (typeof row !== 'object' || row === null) return 'unknown';
  const value: unknown = Object.values(row)[0];
  return typeof value === 'string' ? value : 'unknown';
}

/** Nothing listens there (as opposed to a server that answers and refuses us, which is an error). */
function isUnreachable(error: unknown): boolean {
  const codes = new Set([
    'ECONNREFUSED',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EADDRNOTAVAIL',
    'ENOTFOUND',
    'ETIMEDOUT',
  ]);
  const errors = error instanceof AggregateError ? [error, ...error.errors] : [error];
  return errors.some((candidate: unknown) => {
    if (!(candidate instanceof Error)) return false;
    const code = 'code' in candidate ? candidate.code : undefined;
    return (typeof code === 'string' && codes.has(code)) || /timeout/i.test(candidate.message);
  });
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(messageOf).join('; ');
  }
  return error instanceof Error ? error.message || error.name : String(error);
}
