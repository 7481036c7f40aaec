/**
 * Which runs of a schedule fell due between the last check and now: every scheduled_for instant in
 * (lastChecked, now], oldest first, optionally only on trading days.
 *
 * DST (croner with fixedTimeRule 'no-wildcard', see schedule.ts), e.g. `30 2 * * *` in New York:
 * - spring forward (2026-03-08, 02:00 EST → 03:00 EDT): 02:30 does not exist; the run happens once,
 *   at 03:00 EDT (07:00Z), the moment the gap ends. The next day it is 02:30 EDT (06:30Z) again.
 * - fall back (2026-11-01, 02:00 EDT → 01:00 EST): 02:30 occurs once (02:30 EST, 07:30Z). A time in
 *   the repeated hour, `30 1 * * *`, runs once, at its first occurrence (01:30 EDT, 05:30Z).
 * Interval patterns (`*\/30 * * * *`) follow elapsed time: none in the gap, both repeated 01:xx.
 *
 * A long outage is bounded twice: at most `maxRuns` runs are returned (the newest, nearest to now)
 * and the older ones are reported as missed (count, first, last); and at most `maxScan` cron matches
 * are visited (croner takes ~50–100 µs each in Node), beyond which the unscanned window is reported
 * instead.
 */

import type { Cron } from 'croner';
import { bundledNyseCalendar } from './bundled-calendar.ts';
import { type RunIdentity, runIdentity } from './run-key.ts';
import { cronFor, type Schedule } from './schedule.ts';
import { isTradingDay, type TradingCalendar } from './trading-calendar.ts';
import { localDateOf } from './wall-clock.ts';

/** A run to start: its identity (schedule_id, scheduled_for ISO UTC) is its idempotency key. */
export type DueRun = RunIdentity;

export interface MissedRuns {
  schedule_id: string;
  /** Runs found due but not returned (older than the newest `maxRuns`). */
  count: number;
  /** The oldest and newest of them, ISO UTC (null when count is 0). */
  first: string | null;
  last: string | null;
  /**
   * A window (after, before) that was not scanned because of `maxScan`: its runs are neither returned
   * nor counted. Null when the whole interval was scanned.
   */
  unscanned: { after: string; before: string } | null;
}

export interface DueRunsResult {
  runs: DueRun[];
  missed: MissedRuns | null;
}

export interface DueRunsOptions {
  /** Most runs returned per schedule per check. Default 100. */
  maxRuns?: number;
  /** Most cron matches visited per schedule per check. Default 5000. */
  maxScan?: number;
  /** The trading-day calendar for `trading_days_only`. Default: the bundled NYSE calendar. */
  calendar?: TradingCalendar;
}

export const DEFAULT_MAX_RUNS = 100;
export const DEFAULT_MAX_SCAN = 5000;
const MAX_BATCH = 64;

/**
 * Cron matches at or before `now`, newest first (croner has no backward iterator). Batches start
 * small, because a tick usually finds one run or none, and double up to 64 for long outages.
 */
function* matchesBackward(job: Cron, now: Date): Generator<Date> {
  // Runs are whole minutes; previousRuns excludes its reference, so start just after now's second.
  let reference = new Date(Math.floor(now.getTime() / 1000) * 1000 + 1000);
  for (let batchSize = 2; ; batchSize = Math.min(batchSize * 2, MAX_BATCH)) {
    const batch = job.previousRuns(batchSize, reference);
    for (const match of batch) {
      if (match.getTime() <= now.getTime()) yield match;
    }
    const oldest = batch[batch.length - 1];
    if (batch.length < batchSize || !oldest) return;
    reference = oldest;
  }
}

function requireInstant(what: string, instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${what} is not a valid instant`);
}

function requireCount(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${what} must be a whole number ≥ 1 (got ${value})`);
}

/** The runs of `schedule` due in (lastChecked, now]; a paused schedule has none. */
export function dueRuns(
  schedule: Schedule,
  lastChecked: Date,
  now: Date,
  options: DueRunsOptions = {},
): DueRunsResult {
  requireInstant('lastChecked', lastChecked);
  requireInstant('now', now);
  const maxRuns = options.maxRuns ?? DEFAULT_MAX_RUNS;
  const maxScan = options.maxScan ?? DEFAULT_MAX_SCAN;
  requireCount('maxRuns', maxRuns);
  requireCount('maxScan', maxScan);
  if (schedule.paused || now.getTime() <= lastChecked.getTime()) return { runs: [], missed: null };
  const job = cronFor(schedule);
  // The common case, a tick with nothing due, costs one forward lookup.
  const next = job.nextRun(lastChecked);
  if (!next || next.getTime() > now.getTime()) return { runs: [], missed: null };

  const calendar = options.calendar ?? (schedule.trading_days_only ? bundledNyseCalendar() : undefined);
  const tradingDayCache = new Map<string, boolean>();
  const counts = (instant: Date): boolean => {
    if (!schedule.trading_days_only || !calendar) return true;
    const date = localDateOf(instant, calendar.timeZone);
    let trading = tradingDayCache.get(date);
    if (trading === undefined) {
      trading = isTradingDay(calendar, date);
      tradingDayCache.set(date, trading);
    }
    return trading;
  };

  const newestFirst: Date[] = [];
  let missedCount = 0;
  let missedNewest: Date | null = null;
  let missedOldest: Date | null = null;
  let scanned = 0;
  let oldestScanned: Date | null = null;
  let stoppedByScanLimit = false;
  for (const match of matchesBackward(job, now)) {
    if (match.getTime() <= lastChecked.getTime()) break;
    if (scanned === maxScan) {
      stoppedByScanLimit = true;
      break;
    }
    scanned += 1;
    oldestScanned = match;
    if (!counts(match)) continue;
    if (newestFirst.length < maxRuns) newestFirst.push(match);
    else {
      missedCount += 1;
      missedNewest ??= match;
      missedOldest = match;
    }
  }

  const runs = newestFirst.reverse().map((instant) => runIdentity(schedule.id, instant));
  if (missedCount === 0 && !stoppedByScanLimit) return { runs, missed: null };
  return {
    runs,
    missed: {
      schedule_id: schedule.id,
      count: missedCount,
      first: missedOldest?.toISOString() ?? null,
      last: missedNewest?.toISOString() ?? null,
      unscanned:
        stoppedByScanLimit && oldestScanned
          ? { after: lastChecked.toISOString(), before: oldestScanned.toISOString() }
          : null,
    },
  };
}
