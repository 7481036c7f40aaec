/**
 * The decisions a workflow step's runner takes once its agent's run has ended, and once the step has
 * ended: remind the agent of its submit tool, fail or complete the step, skip the steps whose condition
 * does not hold, enqueue the next one or finish the workflow. Pure: the runner does the I/O.
 */
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { AdwStepStatus } from '../db/schema.ts';
import type { WorkflowDefinition } from './definitions.ts';
import {
  afterStep,
  MAX_NUDGES,
  missingSubmitError,
  nudgeText,
  outputText,
  type StepOutputs,
} from './progress.ts';
import type { StepResult } from './step-record.ts';

export interface RunEnd {
  step: { name: string; submitTool: string | null };
  /** How the agent's run ended. */
  outcome: { status: string; error?: string | undefined };
  /** The step's status in Postgres now (undefined: no such step). */
  stepStatus: AdwStepStatus | undefined;
  /** The structured result its submit tool accepted; empty when it was never called. */
  output: Record<string, unknown>;
  /** Reminders already sent; undefined when this object no longer holds the step. */
  nudges: number | undefined;
}

export type AfterRun =
  /** Cancelled (or ended by someone else) while it ran: the agent goes idle, nothing is recorded. */
  | { kind: 'release' }
  /** The object let go of the step meanwhile: nothing to do. */
  | { kind: 'ignore' }
  /** Ended without its structured result, with reminders left: tell it so and run it again. */
  | { kind: 'remind'; attempt: number; text: string; warning: string }
  | { kind: 'finish'; result: StepResult };

export function decideAfterRun(end: RunEnd): AfterRun {
  if (end.stepStatus !== 'running') return { kind: 'release' };
  if (end.nudges === undefined) return { kind: 'ignore' };
  const { name, submitTool } = end.step;
  const missingOutput = submitTool !== null && Object.keys(end.output).length === 0;
  if (end.outcome.status === 'completed' && missingOutput && submitTool) {
    if (end.nudges < MAX_NUDGES) {
      const attempt = end.nudges + 1;
      return {
        kind: 'remind',
        attempt,
        text: nudgeText(submitTool, attempt),
        warning: `The ${name} step ended without calling ${submitTool}; reminder ${attempt} of ${MAX_NUDGES}.`,
      };
    }
    return { kind: 'finish', result: { status: 'failed', error: missingSubmitError(name, submitTool) } };
  }
  if (end.outcome.status === 'completed')
    return { kind: 'finish', result: { status: 'completed', error: null } };
  const detail = end.outcome.error ? `: ${end.outcome.error}` : '';
  return {
    kind: 'finish',
    result: { status: 'failed', error: `${name} step ${end.outcome.status}${detail}` },
  };
}

/** A result recorded before typed results existed may be missing: such a step failed for an unknown reason. */
export const UNKNOWN_RESULT: StepResult = { status: 'failed', error: 'unknown' };

export interface Advance {
  /** Steps whose condition does not hold, to mark skipped. */
  skip: number[];
  /** The next step to enqueue; null when the workflow is done. */
  next: number | null;
  /** The finished workflow's output (when `next` is null). */
  output: Record<string, unknown>;
  /** The review's verdict as submitted, for the log line of a skipped step. */
  verdict: string | undefined;
}

/** What follows a completed step, from the outputs its workflow's steps have submitted so far. */
export function decideAdvance(
  definition: WorkflowDefinition,
  stepIndex: number,
  steps: ReadonlyArray<{ step: string; output: Record<string, unknown> }>,
): Advance {
  const planPath = outputText(steps, 'plan', 'plan_path');
  const verdict = outputText(steps, 'review', 'verdict');
  const outputs: StepOutputs = {};
  if (planPath) outputs.plan_path = planPath;
  if (verdict === 'PASS' || verdict === 'FAIL') outputs.verdict = verdict;
  const { skip, next } = afterStep(definition, stepIndex, outputs);
  return {
    skip,
    next,
    output: { ...(planPath ? { plan_path: planPath } : {}), ...(verdict ? { verdict } : {}) },
    verdict,
  };
}

export function skippedStepMessage(step: string, verdict: string | undefined): string {
  return `The ${step} step is skipped: the review verdict is ${verdict ?? 'not FAIL'}.`;
}

/**
 * True when a step's conversation ends with the model's final answer (no tool call pending): its run
 * had ended before a reset, so it is evaluated rather than run again.
 */
export function runHasEnded(last: MessageParam | undefined): boolean {
  if (last?.role !== 'assistant') return false;
  return typeof last.content === 'string' || !last.content.some((block) => block.type === 'tool_use');
}
