/**
 * What one tick of the Worker's UTC cron (wrangler.toml `*\/5 * * * *`) should do about schedules:
 * which runs to enqueue, which to report as missed, and how far each schedule is now checked. Pure:
 * the handler loads the schedules, claims each run in Postgres on its (schedule_id, scheduled_for)
 * key, enqueues the claimed ones and stores `checked_through`.
 *
 * Ticks may repeat or overlap (Cron Triggers can deliver one twice): a repeated tick computes the
 * same run identities, so the claim turns the duplicate into a no-op; a tick older than a schedule's
 * last check produces nothing and never moves the check backwards.
 */

import { type DueRun, type DueRunsOptions, dueRuns, type MissedRuns } from './due-runs.ts';
import { type Schedule, validateSchedule } from './schedule.ts';

export interface ScheduleState {
  schedule: Schedule;
  /** When the schedule was last checked; for a new schedule, when it was created. */
  last_checked: Date;
}

export interface ScheduleCheck {
  schedule_id: string;
  /** The instant to store as the schedule's new last check (ISO UTC). */
  checked_through: string;
}

export interface RejectedSchedule {
  schedule_id: string;
  problems: string[];
}

export interface CronTickDecision {
  /** Runs to claim and enqueue, oldest first (ties by schedule id), so the order is reproducible. */
  enqueue: DueRun[];
  missed: MissedRuns[];
  /** Every schedule that was considered, paused ones included (see below). */
  checked: ScheduleCheck[];
  /** Stored schedules that no longer validate (e.g. a time zone the runtime dropped): left unchecked. */
  rejected: RejectedSchedule[];
}

/**
 * Decides a tick at `scheduledTime` (ScheduledController.scheduledTime, ms since the epoch). A paused
 * schedule is checked through the tick too: resuming it starts from the next run, it does not replay
 * the runs it skipped while paused.
 */
export function decideCronTick(
  states: readonly ScheduleState[],
  scheduledTime: number,
  options: DueRunsOptions = {},
): CronTickDecision {
  const now = new Date(scheduledTime);
  if (Number.isNaN(now.getTime()))
    throw new RangeError(`scheduledTime is not an instant (got ${scheduledTime})`);
  const decision: CronTickDecision = { enqueue: [], missed: [], checked: [], rejected: [] };
  const seen = new Set<string>();
  for (const { schedule, last_checked: lastChecked } of states) {
    const validation = validateSchedule(schedule);
    if (!validation.ok) {
      decision.rejected.push({ schedule_id: String(schedule.id), problems: validation.problems });
      continue;
    }
    if (seen.has(schedule.id)) {
      decision.rejected.push({ schedule_id: schedule.id, problems: [`id '${schedule.id}' is listed twice`] });
      continue;
    }
    seen.add(schedule.id);
    if (Number.isNaN(lastChecked.getTime())) {
      decision.rejected.push({ schedule_id: schedule.id, problems: ['last_checked is not a valid instant'] });
      continue;
    }
    const result = dueRuns(validation.schedule, lastChecked, now, options);
    decision.enqueue.push(...result.runs);
    if (result.missed) decision.missed.push(result.missed);
    const checkedThrough = Math.max(lastChecked.getTime(), now.getTime());
    decision.checked.push({
      schedule_id: schedule.id,
      checked_through: new Date(checkedThrough).toISOString(),
    });
  }
  decision.enqueue.sort(
    (a, b) => a.scheduled_for.localeCompare(b.scheduled_for) || a.schedule_id.localeCompare(b.schedule_id),
  );
  return decision;
}
