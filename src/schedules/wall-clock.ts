/**
 * Wall-clock time in an IANA time zone ↔ UTC instants, with Intl only (workerd's Intl has the full
 * time-zone database; no date library is needed for this).
 *
 * A wall-clock time that does not exist (the hour skipped when clocks spring forward, e.g. 02:30 in
 * New York on 2026-03-08) maps to the instant the gap ends (03:00 EDT), and a time that occurs twice
 * (the hour repeated when clocks fall back, e.g. 01:30 on 2026-11-01) maps to its first occurrence
 * (01:30 EDT). Schedules do the same (croner, see due-runs.ts), so the two agree on DST days.
 */

import { dateParts, requirePlainDate } from './plain-date.ts';

export interface WallClock {
  /** 'YYYY-MM-DD' in the time zone. */
  date: string;
  /** 'HH:MM' (24-hour) in the time zone. */
  time: string;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const HOURS_MINUTES = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Creating an Intl.DateTimeFormat is costly and a walk over runs asks thousands of times. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * True if Intl knows the time zone (the check croner itself relies on). Known zones are remembered:
 * each cron tick re-validates every stored schedule, and constructing a formatter is the slow part.
 */
export function isKnownTimeZone(timeZone: string): boolean {
  if (formatters.has(timeZone)) return true;
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localFields(instantMs: number, timeZone: string): LocalFields {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? Number.NaN,
    month: fields.month ?? Number.NaN,
    day: fields.day ?? Number.NaN,
    hour: fields.hour ?? Number.NaN,
    minute: fields.minute ?? Number.NaN,
    second: fields.second ?? Number.NaN,
  };
}

/** Minutes the time zone is ahead of UTC at an instant (New York in winter: -300). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const local = localFields(instant.getTime(), timeZone);
  const asIfUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return Math.round((asIfUtc - Math.floor(instant.getTime() / 1000) * 1000) / MS_PER_MINUTE);
}

/** The date and 'HH:MM' an instant shows on a wall clock in the time zone. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const local = localFields(instant.getTime(), timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    date: `${String(local.year).padStart(4, '0')}-${pad(local.month)}-${pad(local.day)}`,
    time: `${pad(local.hour)}:${pad(local.minute)}`,
  };
}

/** The 'YYYY-MM-DD' date of an instant in the time zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return wallClockAt(instant, timeZone).date;
}

/** Throws unless `time` is 'HH:MM' in 24-hour form. */
export function parseHoursMinutes(time: string): { hour: number; minute: number } {
  const match = HOURS_MINUTES.exec(time);
  if (!match)
    throw new RangeError(`time must be HH:MM in 24-hour form, e.g. '08:00' or '21:30' (got '${time}')`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * The UTC instant of "`time` on `date`" on a wall clock in `timeZone`, e.g. ('2026-03-09', '08:00',
 * 'America/New_York') → 2026-03-09T12:00:00Z. DST gaps and repeats as described at the top.
 */
export function instantAtWallClock(date: string, time: string, timeZone: string): Date {
  requirePlainDate('date', date);
  const { hour, minute } = parseHoursMinutes(time);
  if (!isKnownTimeZone(timeZone)) throw new RangeError(`unknown time zone '${timeZone}'`);
  const { year, month, day } = dateParts(date);
  const wallAsIfUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets a day either side bracket any transition on this date (none lasts a day).
  const offsetBefore = utcOffsetMinutes(new Date(wallAsIfUtc - MS_PER_DAY), timeZone);
  const offsetAfter = utcOffsetMinutes(new Date(wallAsIfUtc + MS_PER_DAY), timeZone);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallAsIfUtc - offset * MS_PER_MINUTE)
    .filter((instantMs) => {
      const shown = wallClockAt(new Date(instantMs), timeZone);
      return shown.date === date && shown.time === time;
    })
    .sort((a, b) => a - b);
  const earliest = candidates[0];
  if (earliest !== undefined) return new Date(earliest);
  return new Date(
    endOfGap(
      wallAsIfUtc - offsetAfter * MS_PER_MINUTE,
      wallAsIfUtc - offsetBefore * MS_PER_MINUTE,
      timeZone,
      offsetAfter,
    ),
  );
}

/**
 * The first instant (whole minute) in [before, after] at which the zone already uses `offsetAfter`:
 * the end of a spring-forward gap. Transitions fall on whole minutes in every current zone.
 */
function endOfGap(beforeMs: number, afterMs: number, timeZone: string, offsetAfter: number): number {
  let low = Math.floor(beforeMs / MS_PER_MINUTE);
  let high = Math.ceil(afterMs / MS_PER_MINUTE);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (utcOffsetMinutes(new Date(middle * MS_PER_MINUTE), timeZone) === offsetAfter) high = middle;
    else low = middle + 1;
  }
  return high * MS_PER_MINUTE;
}
