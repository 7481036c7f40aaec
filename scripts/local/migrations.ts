/**
 * Applies the generated SQL in `migrations/` with drizzle's migrator, to a PostgreSQL server (local,
 * or Neon over TCP) or to an embedded PGlite. Applied migrations are recorded in
 * `drizzle.__drizzle_migrations`, so running it again is a no-op.
 */
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

export async function migratePostgres(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Migrations print NOTICEs for IF NOT EXISTS on re-runs; they are noise here.
    await client.query('set client_min_messages = warning');
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.end();
  }
}

export async function migrateEmbedded(db: PGlite): Promise<void> {
  await migratePglite(drizzlePglite(db), { migrationsFolder });
}
