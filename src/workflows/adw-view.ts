/** Loading a workflow with its steps, per-step costs and agent names, as the API and events show it. */

import { stepsOf, stepsOfMany } from '../db/adw-steps.ts';
import { adwUsage, adwUsageMany, stepAgentNames, stepAgentNamesMany } from '../db/adw-usage.ts';
import { type AdwRow, findAdw } from '../db/adws.ts';
import type { Database } from '../db/client.ts';
import { type AdwJson, adwJson } from './adw-json.ts';

export async function loadAdwJson(db: Database, adwId: string): Promise<AdwJson | undefined> {
  const row = await findAdw(db, adwId);
  return row && adwJsonOf(db, row);
}

/** The API's view of a workflow whose row is already at hand. */
export async function adwJsonOf(db: Database, row: AdwRow): Promise<AdwJson> {
  const [steps, usage, agentNames] = await Promise.all([
    stepsOf(db, row.id),
    adwUsage(db, row.id),
    stepAgentNames(db, row.id),
  ]);
  return adwJson(row, steps, { usage, agentNames });
}

/**
 * A page of workflows as the API shows them, in a constant number of queries whatever the page's size:
 * the steps, the per-step costs and the agent names of all of them, each one query.
 */
export async function loadAdwPageJson(db: Database, rows: readonly AdwRow[]): Promise<AdwJson[]> {
  const ids = rows.map((row) => row.id);
  const [steps, usage, agentNames] = await Promise.all([
    stepsOfMany(db, ids),
    adwUsageMany(db, ids),
    stepAgentNamesMany(db, ids),
  ]);
  return rows.map((row) =>
    adwJson(row, steps.get(row.id) ?? [], {
      usage: usage.get(row.id) ?? new Map(),
      agentNames: agentNames.get(row.id) ?? new Map(),
    }),
  );
}
