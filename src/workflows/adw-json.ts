/**
 * The JSON shapes of a workflow: `GET /api/adws/:id`, the `adw_created` event (the same object) and the
 * `adw_status` event. Pure: rows in, snake_case out.
 */
import type { AdwStepRow } from '../db/adw-steps.ts';
import type { StepUsage } from '../db/adw-usage.ts';
import type { AdwRow } from '../db/adws.ts';

export interface StepExtras {
  usage: Map<string, StepUsage>;
  agentNames: Map<string, string>;
  summaries?: Map<number, string>;
}

export function durationMs(start: Date | null, end: Date | null): number | null {
  return start && end ? Math.max(0, end.getTime() - start.getTime()) : null;
}

export function adwStatusJson(row: AdwRow) {
  return {
    adw_id: row.id,
    status: row.status,
    current_step: row.currentStep,
    completed_steps: row.completedSteps,
    total_steps: row.totalSteps,
    started_at: row.startedAt?.toISOString() ?? null,
    completed_at: row.completedAt?.toISOString() ?? null,
    duration_ms: durationMs(row.startedAt, row.completedAt),
    error_step: row.errorStep,
    error_message: row.errorMessage,
  };
}

export function stepJson(step: AdwStepRow, extras: StepExtras) {
  const usage = step.agentId ? extras.usage.get(step.agentId) : undefined;
  return {
    step_index: step.stepIndex,
    step: step.step,
    status: step.status,
    attempt: step.attempt,
    agent_id: step.agentId,
    agent_name: step.agentId ? (extras.agentNames.get(step.agentId) ?? null) : null,
    started_at: step.startedAt?.toISOString() ?? null,
    completed_at: step.completedAt?.toISOString() ?? null,
    duration_ms: durationMs(step.startedAt, step.completedAt),
    cost_usd: usage?.costUsd ?? 0,
    output: step.output,
    error: step.error,
    summary: extras.summaries?.get(step.stepIndex) ?? stepSummary(step),
  };
}

/** One line per step, from its state and structured output (deterministic, no model call). */
export function stepSummary(step: AdwStepRow): string {
  const output = step.output as { plan_path?: string; verdict?: string; issues?: unknown[]; status?: string };
  switch (step.status) {
    case 'pending':
      return `${step.step}: waiting`;
    case 'running':
      return `${step.step}: running (attempt ${step.attempt})`;
    case 'skipped':
      return `${step.step}: skipped (its condition was not met)`;
    case 'cancelled':
      return `${step.step}: cancelled`;
    case 'failed':
      return `${step.step}: failed: ${step.error ?? 'unknown error'}`;
    case 'completed':
      if (output.plan_path) return `${step.step}: plan written to ${output.plan_path}`;
      if (output.verdict)
        return `${step.step}: verdict ${output.verdict}, ${output.issues?.length ?? 0} issue(s)`;
      if (output.status) return `${step.step}: ${output.status}`;
      return `${step.step}: completed`;
  }
}

export function adwJson(row: AdwRow, steps: AdwStepRow[], extras: StepExtras) {
  const usage = [...extras.usage.values()];
  return {
    id: row.id,
    orchestrator_id: row.orchestratorId,
    name: row.name,
    workflow_type: row.workflowType,
    description: row.description,
    status: row.status,
    current_step: row.currentStep,
    completed_steps: row.completedSteps,
    total_steps: row.totalSteps,
    created_at: row.createdAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    completed_at: row.completedAt?.toISOString() ?? null,
    duration_ms: durationMs(row.startedAt, row.completedAt),
    error_step: row.errorStep,
    error_message: row.errorMessage,
    cost_usd: usage.reduce((sum, u) => sum + u.costUsd, 0),
    tokens: usage.reduce((sum, u) => sum + u.tokens, 0),
    steps: steps.map((step) => stepJson(step, extras)),
  };
}

export type AdwJson = ReturnType<typeof adwJson>;
