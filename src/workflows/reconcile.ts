/**
 * The cron's safety net for workflows: a step whose queue message was lost (the send failed after the
 * workflow row was written, or the dead-letter queue took it) would wait forever. Claimable pending
 * steps of live workflows untouched for a while are enqueued again; the claim's compare-and-set makes
 * a duplicate harmless. A step already claimed is the Durable Object's to resume (its alarm).
 */
import { strandedSteps } from '../db/adw-steps.ts';
import type { Database } from '../db/client.ts';
import { ADW_STEP, type AdwStepMessage } from '../queues/adw-step-message.ts';

export const STRANDED_AFTER_SECONDS = 120;

export async function reenqueueStrandedSteps(
  db: Database,
  send: (message: AdwStepMessage) => Promise<void>,
): Promise<number> {
  const steps = await strandedSteps(db, STRANDED_AFTER_SECONDS);
  for (const step of steps) {
    await send({ kind: ADW_STEP, adw_id: step.adwId, step_index: step.stepIndex, enqueued_at: Date.now() });
  }
  return steps.length;
}
