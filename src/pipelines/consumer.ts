/**
 * The `pipeline_run` queue handler. Idempotent under at-least-once delivery: a run that already
 * succeeded or failed is acknowledged without work (executeRun checks that in the same update that
 * marks it running).
 */
import { openDatabase } from '../db/client.ts';
import { findRun } from '../db/pipeline-runs.ts';
import type { WorkMessage } from '../queues/messages.ts';
import { hubOf } from './events.ts';
import { executeRun } from './execute.ts';
import { parsePipelineRunMessage } from './message.ts';

export async function handlePipelineRun(message: WorkMessage, env: Env): Promise<void> {
  const parsed = parsePipelineRunMessage(message);
  if (!parsed) {
    console.error('pipeline_run: malformed message, dropped', message);
    return;
  }
  const handle = openDatabase(env, { maxConnections: 1 });
  try {
    const run = await findRun(handle.db, parsed.run_id);
    // Deleted with its orchestrator since it was queued: nothing to run, nobody to tell.
    if (!run) return;
    await executeRun(handle.db, hubOf(env, run.orchestratorId), run.id);
  } finally {
    await handle.close();
  }
}
