/**
 * The work-queue message that executes one claimed snapshot run: its id (the run is in Postgres) and
 * the account whose market data the tick chose, so the run uses the source its calendar came from.
 */
import { isUuid } from '../db/uuid.ts';

export const OPTION_SNAPSHOT_RUN = 'option_snapshot_run';

export interface OptionSnapshotRunMessage {
  kind: typeof OPTION_SNAPSHOT_RUN;
  run_id: string;
  /** Absent when the tick could not open a source: the handler then chooses one itself. */
  account_id?: string;
}

export function optionSnapshotRunMessage(runId: string, accountId?: string): OptionSnapshotRunMessage {
  return { kind: OPTION_SNAPSHOT_RUN, run_id: runId, ...(accountId ? { account_id: accountId } : {}) };
}

/** The ids, or undefined when the message is malformed (acknowledged: a retry cannot fix it). */
export function parseOptionSnapshotRunMessage(
  body: Record<string, unknown>,
): OptionSnapshotRunMessage | undefined {
  const runId = body.run_id;
  const accountId = body.account_id;
  if (typeof runId !== 'string' || !isUuid(runId)) return undefined;
  if (accountId !== undefined && (typeof accountId !== 'string' || !isUuid(accountId))) return undefined;
  return optionSnapshotRunMessage(runId, accountId);
}
