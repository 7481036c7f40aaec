/**
 * What a workflow's step agents cost and are called, for its JSON view: one query for one workflow or
 * for a whole page of them.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { agents, modelCalls } from './schema.ts';

export interface StepUsage {
  agentId: string;
  tokens: number;
  costUsd: number;
}

/** Cost per step agent of a workflow (model calls tagged with the workflow id). */
export async function adwUsage(db: Database, adwId: string): Promise<Map<string, StepUsage>> {
  return (await adwUsageMany(db, [adwId])).get(adwId) ?? new Map();
}

/** Cost per step agent of several workflows in one query, by workflow id. */
export async function adwUsageMany(
  db: Database,
  adwIds: readonly string[],
): Promise<Map<string, Map<string, StepUsage>>> {
  const byAdw = new Map<string, Map<string, StepUsage>>(adwIds.map((id) => [id, new Map()]));
  if (adwIds.length === 0) return byAdw;
  const rows = await db
    .select({
      adwId: modelCalls.adwId,
      agentId: modelCalls.agentId,
      tokens: sql<string>`sum(${modelCalls.inputTokens} + ${modelCalls.outputTokens} + ${modelCalls.cacheReadTokens} + ${modelCalls.cacheWriteTokens})`,
      costUsd: sql<string>`sum(${modelCalls.costUsd})`,
    })
    .from(modelCalls)
    .where(inArray(modelCalls.adwId, [...adwIds]))
    .groupBy(modelCalls.adwId, modelCalls.agentId);
  for (const row of rows) {
    const agentId = row.agentId ?? '';
    byAdw
      .get(row.adwId ?? '')
      ?.set(agentId, { agentId, tokens: Number(row.tokens), costUsd: Number(row.costUsd) });
  }
  return byAdw;
}

/** Names of step agents by id. */
export async function stepAgentNames(db: Database, adwId: string): Promise<Map<string, string>> {
  return (await stepAgentNamesMany(db, [adwId])).get(adwId) ?? new Map();
}

/** Names of the step agents of several workflows in one query, by workflow id. */
export async function stepAgentNamesMany(
  db: Database,
  adwIds: readonly string[],
): Promise<Map<string, Map<string, string>>> {
  const byAdw = new Map<string, Map<string, string>>(adwIds.map((id) => [id, new Map()]));
  if (adwIds.length === 0) return byAdw;
  const rows = await db
    .select({ adwId: agents.adwId, id: agents.id, name: agents.name })
    .from(agents)
    .where(inArray(agents.adwId, [...adwIds]));
  for (const row of rows) byAdw.get(row.adwId ?? '')?.set(row.id, row.name);
  return byAdw;
}

/** A workflow's stored events in sequence order, optionally of one step. */
