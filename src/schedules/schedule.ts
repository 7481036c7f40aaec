/**
 * A schedule as plain data, its validation, and the croner job that computes its runs.
 *
 * Cron dialect: 5 fields (minute hour day-of-month month day-of-week), standard Unix numbering
 * (0 or 7 = Sunday; names such as MON-FRI are clearer), day-of-month and day-of-week OR-ed as in
 * Vixie cron, croner's L / W / # extensions allowed. Not Cloudflare's Quartz-style numbering
 * (1 = Sunday): that applies only to wrangler.toml's UTC trigger, which merely wakes the Worker.
 * Seconds (6 fields), years (7 fields) and nicknames (@daily) are refused: runs are whole minutes
 * and the Worker's cron ticks every few minutes anyway.
 */

import { Cron } from 'croner';
import { isKnownTimeZone } from './wall-clock.ts';

export interface Schedule {
  /** Stable id; with a run's instant it forms the run's idempotency key (run-key.ts). */
  id: string;
  /** 5-field cron read in `timezone`, e.g. '0 8 * * MON-FRI'. */
  cron: string;
  /** IANA time zone, e.g. 'America/New_York'. */
  timezone: string;
  /** Keep only runs that fall on an exchange trading day (the New York date of the run). */
  trading_days_only: boolean;
  /** A paused schedule produces no runs; runs due while paused are not replayed on resume. */
  paused: boolean;
}

export type ScheduleValidation = { ok: true; schedule: Schedule } | { ok: false; problems: string[] };

const SCHEDULE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const CRON_FIELDS = 'minute hour day-of-month month day-of-week';
/** A reference far in the past, so that "never matches" does not depend on the real clock. */
const NEVER_MATCHES_PROBE = new Date('2000-01-01T00:00:00Z');

/**
 * The croner job for a schedule. 'no-wildcard' makes lists and ranges of explicit times (e.g.
 * `0 8,14 * * *`) wall-clock times like a single time: in a spring-forward gap they run once when
 * the gap ends, and a repeated fall-back hour runs them once (the first occurrence). Wildcard and
 * step patterns (`*`, `*\/15`) follow elapsed time: nothing in the gap, both repeated occurrences.
 */
export function cronFor(schedule: Pick<Schedule, 'cron' | 'timezone'>): Cron {
  return new Cron(schedule.cron, {
    timezone: schedule.timezone,
    mode: '5-part',
    fixedTimeRule: 'no-wildcard',
  });
}

/** Why a cron expression is not usable, or null if it is. */
export function cronProblem(cron: string): string | null {
  const example = `5 fields (${CRON_FIELDS}), e.g. '0 8 * * MON-FRI'`;
  const trimmed = cron.trim();
  if (trimmed === '') return `cron is empty: write ${example}`;
  if (trimmed.startsWith('@'))
    return `cron '${cron}' is a nickname; nicknames are not supported: write ${example}`;
  const fieldCount = trimmed.split(/\s+/).length;
  if (fieldCount === 6) {
    return `cron '${cron}' has 6 fields: a seconds field is not supported (runs are whole minutes); write ${example}`;
  }
  if (fieldCount !== 5) return `cron '${cron}' has ${fieldCount} fields; write ${example}`;
  let job: Cron;
  try {
    job = cronFor({ cron: trimmed, timezone: 'UTC' });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
    return `cron '${cron}' is not valid: ${reason}`;
  }
  if (job.nextRun(NEVER_MATCHES_PROBE) === null)
    return `cron '${cron}' never matches a date (e.g. 30 February)`;
  return null;
}

/** Why a time zone is not usable, or null if Intl knows it. */
export function timeZoneProblem(timezone: string): string | null {
  if (isKnownTimeZone(timezone)) return null;
  return `timezone '${timezone}' is not a known IANA time zone (e.g. 'America/New_York', 'Australia/Sydney', 'UTC')`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks untrusted input (e.g. a request body) and lists every problem, each naming its field, so a
 * caller can fix them all at once. On success the cron is trimmed; everything else is kept as given.
 */
export function validateSchedule(input: unknown): ScheduleValidation {
  if (!isRecord(input)) return { ok: false, problems: ['schedule must be an object'] };
  const problems: string[] = [];
  const { id, cron, timezone, trading_days_only: tradingDaysOnly, paused } = input;
  if (typeof id !== 'string' || !SCHEDULE_ID.test(id)) {
    problems.push(
      "id must be 1–100 characters: letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
    );
  }
  if (typeof cron !== 'string') problems.push(`cron must be a string of 5 fields (${CRON_FIELDS})`);
  else {
    const problem = cronProblem(cron);
    if (problem) problems.push(problem);
  }
  if (typeof timezone !== 'string')
    problems.push("timezone must be a string, an IANA time zone such as 'America/New_York'");
  else {
    const problem = timeZoneProblem(timezone);
    if (problem) problems.push(problem);
  }
  if (typeof tradingDaysOnly !== 'boolean') problems.push('trading_days_only must be true or false');
  if (typeof paused !== 'boolean') problems.push('paused must be true or false');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    schedule: {
      id: id as string,
      cron: (cron as string).trim(),
      timezone: timezone as string,
      trading_days_only: tradingDaysOnly as boolean,
      paused: paused as boolean,
    },
  };
}

/** Like validateSchedule, for code that builds schedules itself: throws with every problem listed. */
export function requireValidSchedule(input: unknown): Schedule {
  const validation = validateSchedule(input);
  if (!validation.ok) throw new RangeError(`invalid schedule: ${validation.problems.join('; ')}`);
  return validation.schedule;
}
