/**
 * Calendar dates without a time or a time zone, as 'YYYY-MM-DD' strings (the form Alpaca's calendar
 * uses and the form that sorts correctly as text). Arithmetic goes through UTC midnight, where no
 * daylight-saving transition can shift a day.
 */

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real date in 'YYYY-MM-DD' form: '2026-02-30' and '2026-2-3' are not. */
export function isPlainDate(text: string): boolean {
  const match = PLAIN_DATE.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

/** Throws unless `text` is a real 'YYYY-MM-DD' date; `what` names it in the message. */
export function requirePlainDate(what: string, text: string): string {
  if (!isPlainDate(text)) throw new RangeError(`${what} must be a date as YYYY-MM-DD (got '${text}')`);
  return text;
}

/** Year, month (1–12) and day of a 'YYYY-MM-DD' date. */
export function dateParts(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function plainDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function toUtcMidnight(date: string): number {
  const { year, month, day } = dateParts(date);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMidnight(ms: number): string {
  const utc = new Date(ms);
  return plainDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

export function addDays(date: string, days: number): string {
  return fromUtcMidnight(toUtcMidnight(date) + days * MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday, as Date#getDay and cron number them. */
export function dayOfWeek(date: string): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

/** The `nth` (1-based) given weekday of a month, e.g. the third Monday of January. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): string {
  const first = plainDate(year, month, 1);
  const offset = (weekday - dayOfWeek(first) + 7) % 7;
  return addDays(first, offset + (nth - 1) * 7);
}

/** The last given weekday of a month, e.g. the last Monday of May. */
export function lastWeekdayOfMonth(year: number, month: number, weekday: number): string {
  const lastDay = addDays(month === 12 ? plainDate(year + 1, 1, 1) : plainDate(year, month + 1, 1), -1);
  const offset = (dayOfWeek(lastDay) - weekday + 7) % 7;
  return addDays(lastDay, -offset);
}
