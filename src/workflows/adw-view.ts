/** Loading a workflow with its steps, per-step costs and agent names, as the API and events show it. */

import { adwUsage, findAdw, stepAgentNames, stepsOf } from '../db/adws.ts';
import type { Database } from '../db/client.ts';
import { type AdwJson, adwJson } from './adw-json.ts';

export async function loadAdwJson(db: Database, adwId: string): Promise<AdwJson | undefined> {
  const row = await findAdw(db, adwId);
  if (!row) return undefined;
  const [steps, usage, agentNames] = await Promise.all([
    stepsOf(db, adwId),
    adwUsage(db, adwId),
    stepAgentNames(db, adwId),
  ]);
  return adwJson(row, steps, { usage, agentNames });
}
