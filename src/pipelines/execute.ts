/**
 * Executes one stored run: marks it running (one more attempt), runs its pipeline's steps on the chain
 * runner with a `pipeline_step` event around each, stores the result or the error and announces the
 * outcome with `pipeline_run`. A run that already finished is left alone, so a redelivered queue
 * message does no work; one running elsewhere makes the message retry later (and a run whose worker
 * died is taken over once stale).
 */
import type { Database } from '../db/client.ts';
import { findRun, finishRun, type PipelineRunRow, startRun } from '../db/pipeline-runs.ts';
import { backtestChain } from './backtest-chain.ts';
import { DecisionParamsSchema } from './decision-params.ts';
import { emitRunStatus, emitStep, type PipelineEventSink } from './events.ts';
import {
  decisionChain,
  type PipelineChain,
  type PipelineOutcome,
  runPipelineChain,
} from './pipeline-chain.ts';

export type ExecutionOutcome = 'executed' | 'already_finished';

/** Thrown for a run another worker is executing now: the queue retries the message later. */
export class RunInProgressError extends Error {
  override readonly name = 'RunInProgressError';
}

function failure(error: string): PipelineOutcome {
  return { status: 'failed', result: null, error, log: [] };
}

/** The run's chain, or why it cannot have one (stored params that no longer parse, an unknown kind). */
function chainFor(db: Database, run: PipelineRunRow, now: Date): PipelineChain | string {
  if (run.kind === 'backtest') return backtestChain(db, run.params, run.orchestratorId);
  if (run.kind !== 'decision') return `pipelines of kind ${run.kind} cannot run here`;
  const params = DecisionParamsSchema.safeParse(run.params);
  if (!params.success)
    return `params are not a decision request: ${params.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  return decisionChain(params.data, now);
}

export async function executeRun(
  db: Database,
  sink: PipelineEventSink,
  runId: string,
  now: Date = new Date(),
): Promise<{ outcome: ExecutionOutcome; run?: PipelineRunRow }> {
  const running = await startRun(db, runId);
  if (!running) {
    const current = await findRun(db, runId);
    if (current?.status === 'running')
      throw new RunInProgressError(
        `pipeline run ${runId} is running elsewhere; retry once it finishes or goes stale`,
      );
    return { outcome: 'already_finished' };
  }
  await emitRunStatus(sink, running);
  const chain = chainFor(db, running, now);
  const outcome =
    typeof chain === 'string'
      ? failure(chain)
      : await runPipelineChain(chain, (progress) => emitStep(sink, running, progress));
  const finished = await finishRun(db, runId, {
    status: outcome.status,
    result: outcome.result,
    error: outcome.error,
    executionLog: outcome.log as unknown as Record<string, unknown>[],
  });
  if (!finished) return { outcome: 'already_finished' };
  await emitRunStatus(sink, finished, outcome.summary);
  return { outcome: 'executed', run: finished };
}
