/** The work-queue message that executes one pipeline run: its id only (the run lives in Postgres). */
import { isUuid } from '../db/uuid.ts';

export const PIPELINE_RUN = 'pipeline_run';

export interface PipelineRunMessage {
  kind: typeof PIPELINE_RUN;
  run_id: string;
}

export function pipelineRunMessage(runId: string): PipelineRunMessage {
  return { kind: PIPELINE_RUN, run_id: runId };
}

/** The run id, or undefined when the message is malformed (acknowledged: a retry cannot fix it). */
export function parsePipelineRunMessage(body: Record<string, unknown>): PipelineRunMessage | undefined {
  const runId = body.run_id;
  return typeof runId === 'string' && isUuid(runId) ? pipelineRunMessage(runId) : undefined;
}
