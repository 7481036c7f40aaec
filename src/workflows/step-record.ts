/**
 * What the orchestrator's Durable Object keeps about a workflow step it has taken on, from before its
 * claim until its successor is enqueued (see step-runner.ts). The object's store implements it; the
 * runner only reads and writes these shapes.
 */

/** `claiming` → `running` → `finishing`; the record goes once the step's successor is enqueued. */
export type AdwStepPhase = 'claiming' | 'running' | 'finishing';

/** How a step ended, kept from the moment it is decided until StepEnd and the next step are recorded. */
export interface StepResult {
  status: 'completed' | 'failed';
  error: string | null;
}

export interface AdwStepRecord {
  adw_id: string;
  step_index: number;
  phase: AdwStepPhase;
  /** Reminders sent so far for a missing submit-tool call. */
  nudges: number;
  /** Set with the `finishing` phase. */
  result: StepResult | null;
}
