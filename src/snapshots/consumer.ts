/**
 * The `option_snapshot_run` queue handler. Idempotent under at-least-once delivery: only a run still
 * `running` is executed, and its result is written only while it is still running; rows are upserts.
 */
import { openDatabase } from '../db/client.ts';
import type { WorkMessage } from '../queues/messages.ts';
import { executeSnapshotRun } from './execute.ts';
import { parseOptionSnapshotRunMessage } from './message.ts';
import { findSnapshotRun } from './runs-store.ts';
import { openSnapshotSource } from './source.ts';

export async function handleOptionSnapshotRun(message: WorkMessage, env: Env): Promise<void> {
  const parsed = parseOptionSnapshotRunMessage(message);
  if (!parsed) {
    console.error('option_snapshot_run: malformed message, dropped', message);
    return;
  }
  const handle = openDatabase(env, { maxConnections: 1 });
  try {
    const run = await findSnapshotRun(handle.db, parsed.run_id);
    if (run?.status !== 'running') return;
    const { broker } = await openSnapshotSource(handle.db, env);
    await executeSnapshotRun({ db: handle.db, broker }, run);
  } finally {
    await handle.close();
  }
}
