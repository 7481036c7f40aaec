/**
 * The pipeline part of the Worker's cron tick: every schedule is checked from its `checked_through`
 * to the tick's scheduledTime (decideCronTick, DST- and trading-day-aware); each due run is claimed
 * by inserting it (the unique (schedule_id, scheduled_for) index turns a duplicate or overlapping
 * tick's insert into a no-op) and only a claimed run is enqueued, so every run is queued once. Runs
 * beyond the per-check cap after a long outage become one `missed` row, keyed on the last missed
 * instant so a repeated tick cannot record it twice. Queued runs whose message was lost are sent again.
 */
import type { Database } from '../db/client.ts';
import { claimRun, type PipelineRunRow, strandedRuns } from '../db/pipeline-runs.ts';
import { advanceCheckedThrough, listSchedules, type PipelineScheduleRow } from '../db/pipeline-schedules.ts';
import { decideCronTick } from '../schedules/cron-tick.ts';
import type { DueRunsOptions, MissedRuns } from '../schedules/due-runs.ts';
import { emitRunStatus, type PipelineEventSink } from './events.ts';
import { type PipelineRunMessage, pipelineRunMessage } from './message.ts';

export interface PipelineTickDeps {
  db: Database;
  enqueue: (message: PipelineRunMessage) => Promise<void>;
  hubFor: (orchestratorId: string) => PipelineEventSink;
}

/** A queued run this old lost its message (a send that failed after the claim): it is sent again. */
export const STRANDED_RUN_SECONDS = 600;

export interface PipelineTickReport {
  enqueued: number;
  /** Stranded queued runs sent again (the handler's idempotence makes a duplicate harmless). */
  resent: number;
  missed: number;
  rejected: number;
}

function missedText(missed: MissedRuns): string {
  const parts: string[] = [];
  if (missed.count > 0)
    parts.push(
      `${missed.count} run(s) between ${missed.first} and ${missed.last} were not started (too many due at once after an outage)`,
    );
  if (missed.unscanned)
    parts.push(
      `runs between ${missed.unscanned.after} and ${missed.unscanned.before} were not looked at (the window was too long)`,
    );
  return parts.join('; ');
}

export async function pipelineTick(
  deps: PipelineTickDeps,
  scheduledTime: number,
  options: DueRunsOptions = {},
): Promise<PipelineTickReport> {
  const rows = await listSchedules(deps.db);
  const byId = new Map<string, PipelineScheduleRow>(rows.map((row) => [row.id, row]));
  const decision = decideCronTick(
    rows.map((row) => ({
      schedule: {
        id: row.id,
        cron: row.cron,
        timezone: row.timezone,
        trading_days_only: row.tradingDaysOnly,
        paused: row.paused,
      },
      last_checked: row.checkedThrough,
    })),
    scheduledTime,
    options,
  );
  const report: PipelineTickReport = {
    enqueued: 0,
    resent: 0,
    missed: 0,
    rejected: decision.rejected.length,
  };
  for (const rejected of decision.rejected)
    console.error(`pipeline schedule ${rejected.schedule_id} skipped: ${rejected.problems.join('; ')}`);

  const announce = async (run: PipelineRunRow) => {
    await emitRunStatus(deps.hubFor(run.orchestratorId), run).catch((error: unknown) => {
      console.error(`pipeline run ${run.id}: could not announce ${run.status}`, error);
    });
  };

  for (const missed of decision.missed) {
    const schedule = byId.get(missed.schedule_id);
    const last = missed.last ?? missed.unscanned?.before;
    if (!schedule || !last) continue;
    const run = await claimRun(deps.db, {
      orchestratorId: schedule.orchestratorId,
      scheduleId: schedule.id,
      kind: schedule.kind,
      trigger: 'cron',
      scheduledFor: new Date(last),
      status: 'missed',
      params: schedule.params,
      error: missedText(missed),
      finishedAt: new Date(scheduledTime),
    });
    if (!run) continue;
    report.missed += 1;
    await announce(run);
  }

  for (const due of decision.enqueue) {
    const schedule = byId.get(due.schedule_id);
    if (!schedule) continue;
    const run = await claimRun(deps.db, {
      orchestratorId: schedule.orchestratorId,
      scheduleId: schedule.id,
      kind: schedule.kind,
      trigger: 'cron',
      scheduledFor: new Date(due.scheduled_for),
      status: 'queued',
      params: schedule.params,
    });
    if (!run) continue;
    await deps.enqueue(pipelineRunMessage(run.id));
    report.enqueued += 1;
    await announce(run);
  }

  for (const runId of await strandedRuns(deps.db, STRANDED_RUN_SECONDS)) {
    await deps.enqueue(pipelineRunMessage(runId));
    report.resent += 1;
  }

  for (const check of decision.checked)
    await advanceCheckedThrough(deps.db, check.schedule_id, new Date(check.checked_through));
  return report;
}
