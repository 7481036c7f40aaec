/**
 * The events a workflow step emits, built from plain data: StepStart and StepEnd (`adw_step_change`),
 * the workflow's `adw_status` and log lines (`adw_event`), and the hook and lifecycle events of a
 * step's agent. Pure: the step runner emits what these return.
 */
import type { AdwStepRow } from '../db/adw-steps.ts';
import type { AdwRow } from '../db/adws.ts';
import type { EventInput } from '../events/types.ts';
import { type AdwJson, adwStatusJson, durationMs } from './adw-json.ts';
import { stepAgentName } from './progress.ts';

/** The step name of events about the workflow as a whole rather than one of its steps. */
export const WORKFLOW = '_workflow';

export type AdwLogLevel = 'debug' | 'info' | 'warning' | 'error';

const LOG_EVENT_TYPES = {
  debug: 'SystemDebug',
  info: 'SystemInfo',
  warning: 'SystemWarning',
  error: 'SystemError',
} as const satisfies Record<AdwLogLevel, string>;

function adwEvent(
  adwId: string,
  step: string,
  type: EventInput['type'],
  data: Record<string, unknown>,
  agentId?: string,
): EventInput {
  return { type, adwId, adwStep: step, ...(agentId ? { agentId } : {}), data };
}

/** A line of the workflow's log. */
export function adwLogEvent(adwId: string, step: string, level: AdwLogLevel, message: string): EventInput {
  return adwEvent(adwId, step, 'adw_event', {
    adw_id: adwId,
    step,
    level,
    event_type: LOG_EVENT_TYPES[level],
    message,
  });
}

/** `adw_created` carries the GET /api/adws/:id object. */
export function adwCreatedEvent(adw: AdwJson): EventInput {
  return adwEvent(adw.id, WORKFLOW, 'adw_created', { adw });
}

export function adwStatusEvent(adw: AdwRow): EventInput {
  return adwEvent(adw.id, WORKFLOW, 'adw_status', adwStatusJson(adw));
}

export interface StepStart {
  adwId: string;
  step: string;
  stepIndex: number;
  agentId: string;
  agentName: string;
  /** How long the step's message spent in the queue, when known. */
  queueMs?: number | undefined;
}

export function stepStartEvent(start: StepStart): EventInput {
  return adwEvent(start.adwId, start.step, 'adw_step_change', {
    adw_id: start.adwId,
    step: start.step,
    step_index: start.stepIndex,
    change: 'StepStart',
    status: 'running',
    agent_id: start.agentId,
    agent_name: start.agentName,
    ...(start.queueMs === undefined ? {} : { queue_ms: start.queueMs }),
  });
}

export type EndedStep = Pick<
  AdwStepRow,
  'step' | 'stepIndex' | 'status' | 'agentId' | 'startedAt' | 'completedAt' | 'output' | 'error'
>;

/** StepEnd of a step that ran (completed or failed): its duration, output and error. */
export function stepEndEvent(adwId: string, ended: EndedStep): EventInput {
  return adwEvent(adwId, ended.step, 'adw_step_change', {
    adw_id: adwId,
    step: ended.step,
    step_index: ended.stepIndex,
    change: 'StepEnd',
    status: ended.status,
    ...stepAgentJson(adwId, ended),
    duration_ms: durationMs(ended.startedAt, ended.completedAt),
    output: ended.output,
    ...(ended.error ? { error: ended.error } : {}),
  });
}

/** StepEnd `cancelled`; a step that never started has no agent and no duration (as a skipped one). */
export function stepCancelledEvent(
  adwId: string,
  step: Pick<AdwStepRow, 'step' | 'stepIndex' | 'agentId' | 'startedAt' | 'completedAt'>,
): EventInput {
  return adwEvent(adwId, step.step, 'adw_step_change', {
    adw_id: adwId,
    step: step.step,
    step_index: step.stepIndex,
    change: 'StepEnd',
    status: 'cancelled',
    ...stepAgentJson(adwId, step),
    ...(step.startedAt ? { duration_ms: durationMs(step.startedAt, step.completedAt) } : {}),
  });
}

export function stepSkippedEvent(adwId: string, step: string, stepIndex: number): EventInput {
  return adwEvent(adwId, step, 'adw_step_change', {
    adw_id: adwId,
    step,
    step_index: stepIndex,
    change: 'StepEnd',
    status: 'skipped',
  });
}

function stepAgentJson(adwId: string, step: { step: string; agentId: string | null }) {
  return step.agentId ? { agent_id: step.agentId, agent_name: stepAgentName(step.step, adwId) } : {};
}

export function agentStatusEvent(
  adwId: string,
  step: string,
  agentId: string,
  oldStatus: string,
  newStatus: string,
): EventInput {
  return adwEvent(
    adwId,
    step,
    'agent_status_changed',
    { old_status: oldStatus, new_status: newStatus },
    agentId,
  );
}

export interface CreatedStepAgent {
  id: string;
  name: string;
  model: string;
  status: string;
  createdAt: Date;
}

export function agentCreatedEvent(adwId: string, step: string, agent: CreatedStepAgent): EventInput {
  return adwEvent(
    adwId,
    step,
    'agent_created',
    {
      agent: {
        id: agent.id,
        name: agent.name,
        model: agent.model,
        template: null,
        status: agent.status,
        budget_usd: null,
        color: null,
        created_at: agent.createdAt.toISOString(),
      },
    },
    agent.id,
  );
}

/** The step's command as its agent's prompt (the first 1,000 characters, and its full length). */
export function stepPromptEvent(
  adwId: string,
  step: { name: string; command: string },
  agentId: string,
  command: string,
): EventInput {
  return adwEvent(
    adwId,
    step.name,
    'UserPromptSubmit',
    { prompt: command.slice(0, 1_000), prompt_length: command.length, slash_command: step.command },
    agentId,
  );
}

export function stepStopEvent(
  adwId: string,
  step: string,
  agentId: string,
  outcome: { status: string; turns: number; error?: string | undefined },
): EventInput {
  return adwEvent(
    adwId,
    step,
    'Stop',
    { reason: outcome.status, num_turns: outcome.turns, ...(outcome.error ? { error: outcome.error } : {}) },
    agentId,
  );
}

export function fileChangesEvent(
  adwId: string,
  step: string,
  agentId: string,
  changes: { produced: unknown[]; consumed: unknown[] },
): EventInput {
  return adwEvent(adwId, step, 'file_changes', { ...changes }, agentId);
}
