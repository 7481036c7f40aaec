/**
 * Time to expiry in years, act/365: from a number of calendar days, or from an expiry date. US equity
 * options stop trading at the 16:00 close in New York, so a date means 16:00 America/New_York on that
 * day, whatever the season (EST or EDT); the zone's offset comes from Intl, which knows the DST rules.
 */
import { OptionInputError } from './errors.ts';

export const DAYS_PER_YEAR = 365;
const MS_PER_YEAR = DAYS_PER_YEAR * 24 * 60 * 60 * 1000;
const EXPIRY_ZONE = 'America/New_York';
const EXPIRY_HOUR = 16;

export function yearsFromDays(days: number): number {
  return days / DAYS_PER_YEAR;
}

/** Years from `now` until the 16:00 New York close on `isoDate` (YYYY-MM-DD); ≤ 0 once it has passed. */
export function yearsUntilExpiry(isoDate: string, now: Date): number {
  return (expiryInstant(isoDate).getTime() - now.getTime()) / MS_PER_YEAR;
}

/** The instant of the 16:00 New York close on `isoDate` (YYYY-MM-DD). */
export function expiryInstant(isoDate: string): Date {
  const { year, month, day } = parseIsoDate(isoDate);
  const wallClockAsUtc = Date.UTC(year, month - 1, day, EXPIRY_HOUR);
  // The offset at 16:00 UTC that day is the offset at 16:00 New York time too: clocks change at
  // 02:00 local, never between 11:00 and 21:00.
  return new Date(wallClockAsUtc - zoneOffsetMs(wallClockAsUtc));
}

function parseIsoDate(isoDate: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const [year, month, day] = (match?.slice(1) ?? []).map(Number);
  if (year === undefined || month === undefined || day === undefined || !isCalendarDate(year, month, day)) {
    throw new OptionInputError(
      'expiry',
      `must be a calendar date as YYYY-MM-DD (got ${JSON.stringify(isoDate)})`,
    );
  }
  return { year, month, day };
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

let wallClockFormat: Intl.DateTimeFormat | undefined;

/** New York's offset from UTC at `utcMs`, in milliseconds (−4 h in summer, −5 h in winter). */
function zoneOffsetMs(utcMs: number): number {
  wallClockFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: EXPIRY_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((candidate) => candidate.type === type)?.value);
  const parts = wallClockFormat.formatToParts(new Date(utcMs));
  const wallClock = Date.UTC(
    part(parts, 'year'),
    part(parts, 'month') - 1,
    part(parts, 'day'),
    part(parts, 'hour'),
    part(parts, 'minute'),
    part(parts, 'second'),
  );
  return wallClock - utcMs;
}
