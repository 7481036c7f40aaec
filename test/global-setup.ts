/**
 * Runs once, in Node, before the Worker tests: brings up the database they use and the relay the
 * Worker's Neon driver connects through.
 * - `TEST_DATABASE_URL` set: a fresh database created on that PostgreSQL server, dropped afterwards;
 * - unset: an in-memory embedded PGlite.
 */
import type { TestProject } from 'vitest/node';
import { startLocalDatabase } from '../scripts/local/database.ts';
import { createScratchDatabase } from '../scripts/local/scratch-database.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const scratch = serverUrl ? await createScratchDatabase(serverUrl, 'orchestrator_test') : undefined;
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
