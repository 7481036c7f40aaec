/**
 * Runs once, in Node, before the Worker tests: brings up the database they use and the relay the
 * Worker's Neon driver connects through.
 * - `TEST_DATABASE_URL` set: a fresh database created on that PostgreSQL server, dropped afterwards;
 * - unset: an in-memory embedded PGlite.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startLocalDatabase } from '../scripts/local/database.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const scratch = serverUrl ? await createScratchDatabase(serverUrl) : undefined;
  const database = await startLocalDatabase({ databaseUrl: scratch?.url });
  console.log(
    `[tests] database: ${database.kind === 'postgres' ? `PostgreSQL (${scratch?.name})` : 'embedded PGlite'}`,
  );
  project.provide('databaseUrl', database.workerDatabaseUrl);
  project.provide('pgRelay', database.relayAddress);
  return async () => {
    await database.close();
    await scratch?.drop();
  };
}

async function createScratchDatabase(
  serverUrl: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `orchestrator_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
