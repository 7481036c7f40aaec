/**
 * The `option_snapshot_run` queue handler. Idempotent under at-least-once delivery: only a run still
 * `running` is executed, and its result is written only while it is still running; rows are upserts.
 * A source that cannot be opened (the account archived since the tick, its key unreadable) ends the
 * run as failed rather than retrying into the dead-letter queue with the run left running.
 */
import { openDatabase } from '../db/client.ts';
import type { WorkMessage } from '../queues/messages.ts';
import type { SnapshotEnvironment } from './cron.ts';
import { executeSnapshotRun } from './execute.ts';
import { parseOptionSnapshotRunMessage } from './message.ts';
import { runOutcome } from './run-outcome.ts';
import { findSnapshotRun, finishSnapshotRun } from './runs-store.ts';
import { openSnapshotSource, type SnapshotSource } from './source.ts';

export async function handleOptionSnapshotRun(message: WorkMessage, env: Env): Promise<void> {
  const parsed = parseOptionSnapshotRunMessage(message);
  if (!parsed) {
    console.error('option_snapshot_run: malformed message, dropped', message);
    return;
  }
  const snapshotEnv: SnapshotEnvironment = env;
  const handle = openDatabase(env, { maxConnections: 1 });
  try {
    const run = await findSnapshotRun(handle.db, parsed.run_id);
    if (run?.status !== 'running') return;
    let source: SnapshotSource;
    try {
      source = await openSnapshotSource(
        handle.db,
        snapshotEnv,
        parsed.account_id ?? snapshotEnv.SNAPSHOT_ACCOUNT_ID,
      );
    } catch (error) {
      const reason = `no market-data source: ${error instanceof Error ? error.message : String(error)}`;
      const outcomes = new Map(run.underlyings.map((underlying) => [underlying, { error: reason }]));
      await finishSnapshotRun(handle.db, run.id, runOutcome(outcomes), new Date());
      return;
    }
    await executeSnapshotRun({ db: handle.db, broker: source.broker }, run);
  } finally {
    await handle.close();
  }
}
