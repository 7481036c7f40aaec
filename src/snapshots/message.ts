/** The work-queue message that executes one claimed snapshot run: its id only (the run is in Postgres). */
import { isUuid } from '../db/uuid.ts';

export const OPTION_SNAPSHOT_RUN = 'option_snapshot_run';

export interface OptionSnapshotRunMessage {
  kind: typeof OPTION_SNAPSHOT_RUN;
  run_id: string;
}

export function optionSnapshotRunMessage(runId: string): OptionSnapshotRunMessage {
  return { kind: OPTION_SNAPSHOT_RUN, run_id: runId };
}

/** The run id, or undefined when the message is malformed (acknowledged: a retry cannot fix it). */
export function parseOptionSnapshotRunMessage(
  body: Record<string, unknown>,
): OptionSnapshotRunMessage | undefined {
  const runId = body.run_id;
  return typeof runId === 'string' && isUuid(runId) ? optionSnapshotRunMessage(runId) : undefined;
}
