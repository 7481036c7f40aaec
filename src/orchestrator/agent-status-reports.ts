/**
 * What the orchestrator's read-only management tools answer: one agent's status with the tail of
 * its latest command's events, the system logs, and the cost report.
 */
import { type AgentRow, agentUsage, liveAgents } from '../db/agents.ts';
import { latestAgentEvents } from '../db/events.ts';
import { latestOrchestratorContext } from '../db/model-calls.ts';
import { findOrchestrator, usageTotals } from '../db/orchestrators.ts';
import { latestPrompt, queuedPrompts } from '../db/prompts.ts';
import { recentSystemLogs } from '../db/system-logs.ts';
import { describeEvent } from '../events/describe.ts';
import { fromRow } from '../events/event-rows.ts';
import { modelInfo } from '../model/models.ts';
import type { CostReport } from './management-tools.ts';
import type { RuntimeContext } from './runs.ts';

export async function describeAgentStatus(
  ctx: RuntimeContext,
  agent: AgentRow,
  tail: number,
  verbose: boolean,
): Promise<string> {
  const db = ctx.db();
  await ctx.flushEvents();
  const [usage, prompt, queue] = await Promise.all([
    agentUsage(db, ctx.orchestratorId),
    latestPrompt(db, agent.id),
    queuedPrompts(db, agent.id),
  ]);
  const used = usage.get(agent.id);
  const events = prompt
    ? await latestAgentEvents(db, ctx.orchestratorId, agent.id, { promptId: prompt.id, limit: tail })
    : [];
  const lines = [
    `${agent.name}: ${agent.status}, model ${agent.model}, ${queue.filter((p) => p.status === 'queued').length} queued`,
    `Usage: ${used ? used.inputTokens + used.outputTokens : 0} tokens, $${(used?.costUsd ?? 0).toFixed(4)}`,
    prompt ? `Latest command (${prompt.status}): ${prompt.text.slice(0, 300)}` : 'No command yet.',
    ...events.reverse().map((row) => {
      const event = fromRow(row);
      return verbose
        ? `[${event.type}] ${JSON.stringify(event.data).slice(0, 2_000)}`
        : `[${event.type}] ${describeEvent(event)}`;
    }),
  ];
  return lines.join('\n');
}

export async function describeSystemLogs(
  ctx: RuntimeContext,
  options: { limit: number; level?: 'debug' | 'info' | 'warning' | 'error'; contains?: string },
): Promise<string> {
  const rows = await recentSystemLogs(ctx.db(), ctx.orchestratorId, options);
  if (rows.length === 0) return 'No matching log lines.';
  return rows
    .map((row) => `${row.createdAt.toISOString()} ${row.level.toUpperCase()} ${row.message}`)
    .join('\n');
}

export async function costReport(ctx: RuntimeContext): Promise<CostReport> {
  const db = ctx.db();
  const [orchestrator, totals, usage, agents, context] = await Promise.all([
    findOrchestrator(db, ctx.orchestratorId),
    usageTotals(db, ctx.orchestratorId),
    agentUsage(db, ctx.orchestratorId),
    liveAgents(db, ctx.orchestratorId),
    latestOrchestratorContext(db, ctx.orchestratorId),
  ]);
  const agentCost = [...usage.values()].reduce((sum, u) => sum + u.costUsd, 0);
  const agentTokens = [...usage.values()].reduce((sum, u) => sum + u.inputTokens + u.outputTokens, 0);
  return {
    orchestrator: {
      tokens: totals.inputTokens + totals.outputTokens - agentTokens,
      costUsd: totals.costUsd - agentCost,
      contextTokens: context?.tokens ?? 0,
      contextWindow: modelInfo(context?.model ?? orchestrator?.model ?? 'opus')?.contextWindow ?? 200_000,
    },
    total: {
      inputTokens: totals.inputTokens,
      outputTokens: totals.outputTokens,
      cacheWriteTokens: totals.cacheWriteTokens,
      cacheReadTokens: totals.cacheReadTokens,
      costUsd: totals.costUsd,
    },
    agents: agents.map((agent) => {
      const used = usage.get(agent.id);
      return {
        name: agent.name,
        tokens: used ? used.inputTokens + used.outputTokens : 0,
        costUsd: used?.costUsd ?? 0,
      };
    }),
    budgetUsd: orchestrator?.budgetUsd ?? null,
  };
}
