/**
 * Executes one stored run: marks it running (one more attempt), runs its pipeline step by step with
 * `pipeline_step` events, stores the result or the error and announces the outcome with `pipeline_run`.
 * A run that already finished is left alone, so a redelivered queue message does no work.
 */
import type { Database } from '../db/client.ts';
import { finishRun, type PipelineRunRow, type RunEnding, startRun } from '../db/pipeline-runs.ts';
import type { DecisionResult } from '../quant/decision-pipeline.ts';
import { DecisionParamsSchema } from './decision-params.ts';
import { runDecisionSteps, type StepLogEntry } from './decision-steps.ts';
import { emitRunStatus, emitStep, type PipelineEventSink } from './events.ts';

export type ExecutionOutcome = 'executed' | 'already_finished' | 'unknown';

/** One line for the console: the regime and what the allocation decided. */
export function decisionSummary(result: DecisionResult): string {
  const decision = result.decision;
  return `${result.regime.label}: ${decision.allow_trade ? 'trade allowed' : 'no trade'}, ${decision.risk_mode} risk, size ×${decision.position_size_multiplier}`;
}

interface Computed {
  ending: RunEnding;
  summary?: string;
}

function compute(run: PipelineRunRow, now: Date): Computed {
  if (run.kind !== 'decision') {
    const error = `pipelines of kind ${run.kind} cannot run yet`;
    return { ending: { status: 'failed', result: null, error, executionLog: [] } };
  }
  const params = DecisionParamsSchema.safeParse(run.params);
  if (!params.success) {
    const error = `params are not a decision request: ${params.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    return { ending: { status: 'failed', result: null, error, executionLog: [] } };
  }
  const outcome = runDecisionSteps(params.data, now);
  const executionLog = outcome.log as unknown as Record<string, unknown>[];
  if (!outcome.ok) return { ending: { status: 'failed', result: null, error: outcome.error, executionLog } };
  return {
    ending: {
      status: 'succeeded',
      result: outcome.result as unknown as Record<string, unknown>,
      error: null,
      executionLog,
    },
    summary: decisionSummary(outcome.result),
  };
}

async function emitSteps(
  sink: PipelineEventSink,
  run: PipelineRunRow,
  log: readonly StepLogEntry[],
): Promise<void> {
  for (const [index, entry] of log.entries()) {
    await emitStep(sink, run, { step: entry.step, index, total: log.length, status: 'running' });
    await emitStep(sink, run, {
      step: entry.step,
      index,
      total: log.length,
      status: entry.status === 'succeeded' ? 'succeeded' : 'failed',
      duration_ms: entry.duration_ms,
    });
  }
}

export async function executeRun(
  db: Database,
  sink: PipelineEventSink,
  runId: string,
  now: Date = new Date(),
): Promise<{ outcome: ExecutionOutcome; run?: PipelineRunRow }> {
  const running = await startRun(db, runId);
  if (!running) return { outcome: 'already_finished' };
  await emitRunStatus(sink, running);
  const { ending, summary } = compute(running, now);
  await emitSteps(sink, running, ending.executionLog as unknown as StepLogEntry[]);
  const finished = await finishRun(db, runId, ending);
  if (!finished) return { outcome: 'already_finished' };
  await emitRunStatus(sink, finished, summary);
  return { outcome: 'executed', run: finished };
}
