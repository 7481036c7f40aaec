/** Cost reports of one orchestrator from its model calls: totals, by agent, by model, over time. */
import { eq, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { agents, modelCalls } from './schema.ts';
import { toUsage, type Usage, usageSums } from './usage.ts';

export type CostBucket = 'minute' | 'hour' | 'day';

export type { Usage as CostUsage } from './usage.ts';

export interface AgentCost extends Usage {
  /** `orchestrator`, `agent`, `summary` or `workflow` (who the calls were made for). */
  purpose: string;
  agentId: string | null;
  /** The agent's name; null for calls not made by a command agent. */
  agentName: string | null;
}

export interface ModelCost extends Usage {
  model: string;
}

export interface CostPoint extends Usage {
  /** The bucket's start, ISO 8601 in UTC. */
  start: string;
}

export interface CostReport {
  totals: Usage;
  byAgent: AgentCost[];
  byModel: ModelCost[];
  series: CostPoint[];
}

const TRUNC_UNITS: Record<CostBucket, string> = { minute: "'minute'", hour: "'hour'", day: "'day'" };

/** The most recent buckets returned; older ones still count in the totals. */
export const MAX_SERIES_POINTS = 1_000;

/** Every model call on the orchestrator's behalf, aggregated four ways from one consistent snapshot. */
export async function costReport(
  db: Database,
  orchestratorId: string,
  bucket: CostBucket,
): Promise<CostReport> {
  const mine = eq(modelCalls.orchestratorId, orchestratorId);
  // date_trunc's unit is one of three fixed literals, never request text; formatted in SQL so that every
  // driver returns the same ISO string.
  const start = sql<string>`to_char(date_trunc(${sql.raw(TRUNC_UNITS[bucket])}, ${modelCalls.createdAt} at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  // One snapshot for the four aggregates, so their parts add up to the totals even while calls land.
  const [totals, byAgent, byModel, series] = await db.transaction(
    (tx) =>
      Promise.all([
        tx.select(usageSums).from(modelCalls).where(mine),
        tx
          .select({
            purpose: modelCalls.purpose,
            agentId: modelCalls.agentId,
            agentName: agents.name,
            ...usageSums,
          })
          .from(modelCalls)
          .leftJoin(agents, eq(agents.id, modelCalls.agentId))
          .where(mine)
          .groupBy(modelCalls.purpose, modelCalls.agentId, agents.name)
          .orderBy(sql`sum(${modelCalls.costUsd}) desc`, modelCalls.purpose, agents.name),
        tx
          .select({ model: modelCalls.model, ...usageSums })
          .from(modelCalls)
          .where(mine)
          .groupBy(modelCalls.model)
          .orderBy(sql`sum(${modelCalls.costUsd}) desc`, modelCalls.model),
        tx
          .select({ start, ...usageSums })
          .from(modelCalls)
          .where(mine)
          .groupBy(sql`1`)
          .orderBy(sql`1 desc`)
          .limit(MAX_SERIES_POINTS),
      ]),
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return {
    totals: toUsage(totals[0]),
    byAgent: byAgent.map((row) => ({
      purpose: row.purpose,
      agentId: row.agentId,
      agentName: row.agentName,
      ...toUsage(row),
    })),
    byModel: byModel.map((row) => ({ model: row.model, ...toUsage(row) })),
    series: series.reverse().map((row) => ({ start: row.start, ...toUsage(row) })),
  };
}
