/**
 * What a benchmark scenario is: a named measurement that runs against the scratch database opened
 * by `bench/run.ts` and prints its own figures. Scenarios run one after another, and each may assume
 * it has the database to itself while it runs.
 */
import type { Database } from '../../src/db/client.ts';

export interface BenchDatabase {
  kind: 'postgres' | 'pglite';
  /** One line for the report: what was measured against, e.g. `PostgreSQL 15.20 (scratch database …)`. */
  description: string;
  serverVersion: string;
  /** Server settings that change write throughput (durability), as reported by the server. */
  settings: Record<string, string>;
  db: Database;
  /**
   * The scratch database's connection string (PostgreSQL only), for scenarios that start the Worker
   * on it (bench/lib/stack.ts); absent on PGlite, where such a scenario starts its own embedded one.
   */
  url?: string;
  /** Closes the connections and drops the scratch database (or discards the in-memory PGlite). */
  close(): Promise<void>;
}

interface ScenarioInfo {
  name: string;
  summary: string;
}

/** Most scenarios measure against the database; one that never touches it says `database: false`,
 * and a run of only such scenarios opens none. */
export type Scenario =
  | (ScenarioInfo & { database?: true; run(database: BenchDatabase): Promise<void> })
  | (ScenarioInfo & { database: false; run(): Promise<void> });
