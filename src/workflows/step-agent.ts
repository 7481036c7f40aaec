/**
 * A workflow step's agent: its row (created once per step; a relaunch finds the live one) and the
 * options of its run (its model, prompt, file tools and submit tool).
 */

import type { AdwRow } from '../db/adws.ts';
import { type AgentRow, findLiveAgent, insertAgent } from '../db/agents.ts';
import type { RunSpec, RuntimeContext } from '../orchestrator/runs.ts';
import { fileTools } from '../tools/file-tools.ts';
import type { ToolResult } from '../tools/types.ts';
import type { StepDefinition } from './definitions.ts';
import { stepAgentName, stepSystemPrompt } from './progress.ts';
import { agentCreatedEvent } from './step-events.ts';
import { submitTool } from './submit-tools.ts';

const STEP_MAX_TURNS = 100;

/** The step's agent, created on its first launch (with `agent_created`). */
export async function stepAgent(ctx: RuntimeContext, adw: AdwRow, step: StepDefinition): Promise<AgentRow> {
  const db = ctx.db();
  const name = stepAgentName(step.name, adw.id);
  const inserted = await insertAgent(db, {
    orchestratorId: ctx.orchestratorId,
    name,
    model: step.model,
    systemPrompt: stepSystemPrompt(step.name, step.submitTool),
    adwId: adw.id,
    adwStep: step.name,
    metadata: { adw_id: adw.id, adw_step: step.name },
  });
  if (inserted) {
    ctx.emit(agentCreatedEvent(adw.id, step.name, inserted));
    return inserted;
  }
  const existing = await findLiveAgent(db, ctx.orchestratorId, name);
  if (!existing || existing.adwId !== adw.id) throw new Error(`the agent name ${name} is taken`);
  return existing;
}

export interface StepRun {
  adwId: string;
  stepIndex: number;
  step: StepDefinition;
  agent: AgentRow;
  /** The step's report-file timestamp (see stepTimestamp). */
  timestamp: string;
  orchestratorBudgetUsd: number | null;
  onToolResult: (result: ToolResult) => void;
}

/** The run of a step's agent; its id is also its conversation's, so a relaunch continues it. */
export function stepRunSpec(ctx: RuntimeContext, run: StepRun): RunSpec {
  const { adwId, stepIndex, step, agent, timestamp } = run;
  const runId = stepRunId(adwId, stepIndex);
  return {
    runId,
    kind: 'agent',
    conversationId: runId,
    agentId: agent.id,
    promptId: null,
    model: step.model,
    system: stepSystemPrompt(step.name, step.submitTool),
    tools: [
      ...fileTools.filter((tool) => (step.tools as readonly string[]).includes(tool.name)),
      ...(step.submitTool ? [submitTool(step.submitTool, { adwId, stepIndex, timestamp })] : []),
    ],
    maxTurns: STEP_MAX_TURNS,
    callerId: `${ctx.orchestratorId}:${agent.name}`,
    budgets: { orchestratorUsd: run.orchestratorBudgetUsd, agentUsd: agent.budgetUsd },
    adw: { id: adwId, step: step.name },
    onToolResult: (_name, result) => run.onToolResult(result),
  };
}

export function stepRunId(adwId: string, stepIndex: number): string {
  return `adw:${adwId}:${stepIndex}`;
}
