/** One row per Messages API call, priced when recorded; budgets are checked against their sums. */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { modelCalls } from './schema.ts';

export type NewModelCall = typeof modelCalls.$inferInsert;

export async function insertModelCall(db: Database, call: NewModelCall): Promise<void> {
  await db.insert(modelCalls).values(call);
}

/** USD spent so far by an orchestrator (everything on its behalf) or by one of its agents. */
export async function spentUsd(db: Database, orchestratorId: string, agentId?: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${modelCalls.costUsd}), 0)` })
    .from(modelCalls)
    .where(
      and(
        eq(modelCalls.orchestratorId, orchestratorId),
        agentId ? eq(modelCalls.agentId, agentId) : undefined,
      ),
    );
  return Number(row?.total ?? 0);
}

/** Input-side tokens of the orchestrator's own latest call: how full its context window is now. */
export async function latestOrchestratorContext(
  db: Database,
  orchestratorId: string,
): Promise<{ tokens: number; model: string } | undefined> {
  const [row] = await db
    .select({
      tokens: sql<number>`${modelCalls.inputTokens} + ${modelCalls.cacheReadTokens} + ${modelCalls.cacheWriteTokens}`,
      model: modelCalls.model,
    })
    .from(modelCalls)
    .where(and(eq(modelCalls.orchestratorId, orchestratorId), eq(modelCalls.purpose, 'orchestrator')))
    .orderBy(sql`${modelCalls.createdAt} desc`)
    .limit(1);
  return row ? { tokens: Number(row.tokens), model: row.model } : undefined;
}
