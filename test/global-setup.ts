/**
 * Runs in Node before the Worker tests: brings up the database they use, the relay the Worker's Neon
 * driver connects through, the Messages API emulator the `workers` project's model points at, and a
 * small MCP server the MCP client tests connect agents to (test/mcp-fixture).
 * - `TEST_DATABASE_URL` set: a fresh database created on that PostgreSQL server, dropped afterwards;
 * - unset: an in-memory embedded PGlite.
 *
 * Vitest runs a project's global setup once per project, and both workerd projects list this file,
 * each through its own module runner (so module state is not shared). The services therefore live
 * on `globalThis`: the first project starts them, every project gets the same provided values, and
 * the last teardown stops them.
 */
import type { TestProject } from 'vitest/node';
import { startLocalDatabase } from '../scripts/local/database.ts';
import { createScratchDatabase } from '../scripts/local/scratch-database.ts';
import { startAlpacaEmulator } from './alpaca-emulator/server.ts';
import { startAlpacaStream } from './alpaca-stream/server.ts';
import { startEmulator } from './emulator/server.ts';
import { startMcpFixture } from './mcp-fixture/server.ts';

interface Services {
  databaseUrl: string;
  pgRelay: string;
  anthropicBaseUrl: string;
  mcpFixtureUrl: string;
  alpacaBaseUrl: string;
  alpacaStreamUrl: string;
  users: number;
  close(): Promise<void>;
}

const SERVICES = Symbol.for('edge-orchestrator.test-services');
const shared = globalThis as { [SERVICES]?: Promise<Services> };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared[SERVICES] ??= startServices().catch((error: unknown) => {
    delete shared[SERVICES];
    throw error;
  });
  const services = await shared[SERVICES];
  services.users += 1;
  project.provide('databaseUrl', services.databaseUrl);
  project.provide('pgRelay', services.pgRelay);
  project.provide('anthropicBaseUrl', services.anthropicBaseUrl);
  project.provide('mcpFixtureUrl', services.mcpFixtureUrl);
  project.provide('alpacaBaseUrl', services.alpacaBaseUrl);
  project.provide('alpacaStreamUrl', services.alpacaStreamUrl);
  return async () => {
    services.users -= 1;
    if (services.users > 0) return;
    delete shared[SERVICES];
    await services.close();
  };
}

async function startServices(): Promise<Services> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const scratch = serverUrl ? await createScratchDatabase(serverUrl, 'orchestrator_test') : undefined;
  const database = await startLocalDatabase({ databaseUrl: scratch?.url });
  const closeDatabase = async () => {
    await database.close();
    await scratch?.drop();
  };
  const emulator = await startEmulator().catch(async (error: unknown) => {
    await closeDatabase();
    throw error;
  });
  const mcpFixture = await startMcpFixture().catch(async (error: unknown) => {
    await emulator.close();
    await closeDatabase();
    throw error;
  });
  const alpaca = await startAlpacaEmulator().catch(async (error: unknown) => {
    await mcpFixture.close();
    await emulator.close();
    await closeDatabase();
    throw error;
  });
  const alpacaStream = await startAlpacaStream().catch(async (error: unknown) => {
    await alpaca.close();
    await mcpFixture.close();
    await emulator.close();
    await closeDatabase();
    throw error;
  });
  const databaseKind = database.kind === 'postgres' ? `PostgreSQL (${scratch?.name})` : 'embedded PGlite';
  console.log(`[tests] database: ${databaseKind}; model: Messages API emulator at ${emulator.url}`);
  return {
    databaseUrl: database.workerDatabaseUrl,
    pgRelay: database.relayAddress,
    anthropicBaseUrl: emulator.url,
    mcpFixtureUrl: mcpFixture.url,
    alpacaBaseUrl: alpaca.url,
    alpacaStreamUrl: alpacaStream.url,
    users: 0,
    close: async () => {
      await alpacaStream.close();
      await alpaca.close();
      await mcpFixture.close();
      await emulator.close();
      await closeDatabase();
    },
  };
}
