/** Command agents of one orchestrator. Names are unique among live agents only: a deleted name is free. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { type AgentStatus, agents, modelCalls } from './schema.ts';
import { storable } from './storable.ts';

export type AgentRow = typeof agents.$inferSelect;

export interface NewAgent {
  orchestratorId: string;
  name: string;
  model: string;
  systemPrompt: string;
  template?: string | undefined;
  adwId?: string | undefined;
  adwStep?: string | undefined;
  metadata?: Record<string, unknown>;
}

/**
 * Inserts a live agent, or returns undefined when a live agent already has the name. A model may have
 * written its prompt: what Postgres refuses is replaced (see storable.ts).
 */
export async function insertAgent(db: Database, input: NewAgent): Promise<AgentRow | undefined> {
  const [row] = await db
    .insert(agents)
    .values(
      storable({
        orchestratorId: input.orchestratorId,
        name: input.name,
        model: input.model,
        systemPrompt: input.systemPrompt,
        template: input.template,
        adwId: input.adwId,
        adwStep: input.adwStep,
        metadata: input.metadata ?? {},
      }),
    )
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function liveAgents(db: Database, orchestratorId: string): Promise<AgentRow[]> {
  return db
    .select()
    .from(agents)
    .where(and(eq(agents.orchestratorId, orchestratorId), isNull(agents.archivedAt)))
    .orderBy(asc(agents.createdAt));
}

export async function findLiveAgent(
  db: Database,
  orchestratorId: string,
  name: string,
): Promise<AgentRow | undefined> {
  const [row] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.orchestratorId, orchestratorId), eq(agents.name, name), isNull(agents.archivedAt)));
  return row;
}

export async function setAgentStatus(db: Database, agentId: string, status: AgentStatus): Promise<void> {
  await db.update(agents).set({ status, updatedAt: sql`now()` }).where(eq(agents.id, agentId));
}

export async function archiveAgent(db: Database, agentId: string): Promise<void> {
  await db
    .update(agents)
    .set({
      status: 'archived',
      archivedAt: sql`coalesce(${agents.archivedAt}, now())`,
      updatedAt: sql`now()`,
    })
    .where(eq(agents.id, agentId));
}

export interface AgentUsage {
  agentId: string;
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  costUsd: number;
  /** Input tokens of the agent's latest call: how full its context window is. */
  latestInputTokens: number;
}

/** Usage of every agent of an orchestrator in one query (the original ran one per agent). */
export async function agentUsage(db: Database, orchestratorId: string): Promise<Map<string, AgentUsage>> {
  const rows = await db
    .select({
      agentId: modelCalls.agentId,
      inputTokens: sql<string>`sum(${modelCalls.inputTokens})`,
      outputTokens: sql<string>`sum(${modelCalls.outputTokens})`,
      cacheWriteTokens: sql<string>`sum(${modelCalls.cacheWriteTokens})`,
      cacheReadTokens: sql<string>`sum(${modelCalls.cacheReadTokens})`,
      costUsd: sql<string>`sum(${modelCalls.costUsd})`,
      latestInputTokens: sql<string>`(array_agg(${modelCalls.inputTokens} + ${modelCalls.cacheReadTokens} + ${modelCalls.cacheWriteTokens} order by ${modelCalls.createdAt} desc))[1]`,
    })
    .from(modelCalls)
    .where(and(eq(modelCalls.orchestratorId, orchestratorId), sql`${modelCalls.agentId} is not null`))
    .groupBy(modelCalls.agentId);
  return new Map(
    rows.map((row) => [
      row.agentId ?? '',
      {
        agentId: row.agentId ?? '',
        inputTokens: Number(row.inputTokens),
        outputTokens: Number(row.outputTokens),
        cacheWriteTokens: Number(row.cacheWriteTokens),
        cacheReadTokens: Number(row.cacheReadTokens),
        costUsd: Number(row.costUsd),
        latestInputTokens: Number(row.latestInputTokens),
      },
    ]),
  );
}

/** Sets or clears a live agent's USD budget; undefined when there is no such live agent. */
export async function setAgentBudget(
  db: Database,
  orchestratorId: string,
  name: string,
  budgetUsd: number | null,
): Promise<AgentRow | undefined> {
  const [row] = await db
    .update(agents)
    .set({ budgetUsd, updatedAt: sql`now()` })
    .where(and(eq(agents.orchestratorId, orchestratorId), eq(agents.name, name), isNull(agents.archivedAt)))
    .returning();
  return row;
}
