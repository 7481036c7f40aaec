/**
 * The end of a workflow step, once its result is recorded (phase `finishing`): StepEnd, the workflow's
 * progress, then the workflow's failure or the next step (skipping those whose condition does not
 * hold) or its completion. Every write is a compare-and-set, so running this again after a reset
 * repeats nothing.
 */
import { endStep, findStep, skipStep, stepsOf } from '../db/adw-steps.ts';
import { type AdwRow, failAdw, findAdw, finishAdw, refreshProgress } from '../db/adws.ts';
import { setAgentStatus } from '../db/agents.ts';
import type { RuntimeContext } from '../orchestrator/runs.ts';
import { ADW_STEP, type AdwStepMessage } from '../queues/adw-step-message.ts';
import { decideAdvance, skippedStepMessage, UNKNOWN_RESULT } from './after-run.ts';
import { findWorkflow, type WorkflowDefinition } from './definitions.ts';
import {
  adwLogEvent,
  adwStatusEvent,
  agentStatusEvent,
  stepCancelledEvent,
  stepEndEvent,
  stepSkippedEvent,
  WORKFLOW,
} from './step-events.ts';
import type { AdwStepRecord } from './step-record.ts';

export interface StepFinishDeps {
  ctx: RuntimeContext;
  send: (message: AdwStepMessage) => Promise<void>;
  /** Lets go of the step: its run record and this object's record of it. */
  forget: (adwId: string, stepIndex: number) => void;
}

/** StepEnd, the workflow's progress, and the next step (or the workflow's end). Idempotent. */
export async function finishStep(deps: StepFinishDeps, record: AdwStepRecord): Promise<void> {
  const { ctx } = deps;
  const db = ctx.db();
  const { adw_id: adwId, step_index: stepIndex } = record;
  const end = record.result ?? UNKNOWN_RESULT;
  const ended = await endStep(db, adwId, stepIndex, end.status, end.error ?? undefined);
  const row = ended ?? (await findStep(db, adwId, stepIndex));
  const adw = await findAdw(db, adwId);
  const definition = adw && findWorkflow(adw.workflowType);
  if (!row || !adw || !definition) {
    deps.forget(adwId, stepIndex);
    return;
  }
  if (ended) {
    if (ended.agentId) {
      const agentStatus = ended.status === 'completed' ? 'complete' : 'blocked';
      await setAgentStatus(db, ended.agentId, agentStatus);
      ctx.emit(agentStatusEvent(adwId, ended.step, ended.agentId, 'executing', agentStatus));
    }
    ctx.emit(stepEndEvent(adwId, ended));
    const progress = await refreshProgress(db, adwId);
    if (progress) ctx.emit(adwStatusEvent(progress));
  }
  if (row.status === 'failed') {
    const failed = await failAdw(db, adwId, { step: row.step, message: row.error ?? 'failed' });
    if (failed) {
      // The steps after it will never run: cancelled with the failure, like a cancel's pending steps.
      for (const cancelled of failed.steps) ctx.emit(stepCancelledEvent(adwId, cancelled));
      ctx.emit(adwStatusEvent(failed.adw));
      ctx.emit(
        adwLogEvent(
          adwId,
          WORKFLOW,
          'error',
          `Workflow failed at step ${row.step}: ${row.error ?? 'failed'}.`,
        ),
      );
    }
  } else if (row.status === 'completed') {
    await advance(deps, adw, definition, stepIndex);
  }
  deps.forget(adwId, stepIndex);
}

async function advance(
  deps: StepFinishDeps,
  adw: AdwRow,
  definition: WorkflowDefinition,
  stepIndex: number,
): Promise<void> {
  const { ctx } = deps;
  const db = ctx.db();
  const { skip, next, output, verdict } = decideAdvance(definition, stepIndex, await stepsOf(db, adw.id));
  for (const index of skip) {
    const skipped = await skipStep(db, adw.id, index);
    if (!skipped) continue;
    ctx.emit(stepSkippedEvent(adw.id, skipped.step, index));
    ctx.emit(adwLogEvent(adw.id, skipped.step, 'info', skippedStepMessage(skipped.step, verdict)));
  }
  if (next !== null) {
    await enqueueStep(deps, adw.id, next);
    return;
  }
  const finished = await finishAdw(db, adw.id, 'completed', undefined, output);
  if (finished) {
    ctx.emit(adwStatusEvent(finished));
    const done = `Workflow completed: ${finished.completedSteps} of ${finished.totalSteps} steps done.`;
    ctx.emit(adwLogEvent(adw.id, WORKFLOW, 'info', done));
  }
}

/** Sends a step's queue message; the orchestrator's id routes it back to this object. */
export async function enqueueStep(
  deps: Pick<StepFinishDeps, 'ctx' | 'send'>,
  adwId: string,
  stepIndex: number,
): Promise<void> {
  await deps.send({
    kind: ADW_STEP,
    adw_id: adwId,
    step_index: stepIndex,
    orchestrator_id: deps.ctx.orchestratorId,
    enqueued_at: Date.now(),
  });
  deps.ctx.emit(adwLogEvent(adwId, WORKFLOW, 'debug', `Step ${stepIndex + 1} enqueued.`));
}
