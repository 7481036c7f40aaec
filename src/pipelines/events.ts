/**
 * A run's live events, sent through its orchestrator's Durable Object (which sequences, stores and
 * broadcasts them): `pipeline_run` at each status change, `pipeline_step` around each step.
 */
import type { PipelineRunRow } from '../db/pipeline-runs.ts';

export interface PipelineEventSink {
  pipelineEvent(
    orchestratorId: string,
    type: 'pipeline_run' | 'pipeline_step',
    data: Record<string, unknown>,
  ): Promise<void>;
}

export function hubOf(env: Env, orchestratorId: string): PipelineEventSink {
  return env.ORCHESTRATOR.get(env.ORCHESTRATOR.idFromName(orchestratorId));
}

export async function emitRunStatus(
  sink: PipelineEventSink,
  run: PipelineRunRow,
  summary?: string,
): Promise<void> {
  await sink.pipelineEvent(run.orchestratorId, 'pipeline_run', {
    run_id: run.id,
    schedule_id: run.scheduleId,
    kind: run.kind,
    trigger: run.trigger,
    scheduled_for: run.scheduledFor ? run.scheduledFor.toISOString() : null,
    status: run.status,
    ...(run.error ? { error: run.error } : {}),
    ...(summary ? { summary } : {}),
  });
}

export interface StepEvent {
  step: string;
  index: number;
  total: number;
  status: 'running' | 'succeeded' | 'failed';
  duration_ms?: number;
}

export async function emitStep(sink: PipelineEventSink, run: PipelineRunRow, step: StepEvent): Promise<void> {
  await sink.pipelineEvent(run.orchestratorId, 'pipeline_step', { run_id: run.id, ...step });
}
