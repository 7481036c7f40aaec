/**
 * NYSE trading days by rule: the full holidays with their observed-day rules and the standard 13:00
 * early closes. Rules cannot know ad-hoc closures (a national day of mourning, a hurricane), so the
 * bundled calendar adds those as listed exceptions (bundled-calendar.ts), and the broker's calendar
 * (Alpaca `GET /v2/calendar`) is the source of truth whenever it is available.
 */

import {
  addDays,
  dayOfWeek,
  isWeekend,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  plainDate,
  requirePlainDate,
} from './plain-date.ts';
import type { CalendarSession } from './trading-calendar.ts';

export interface MarketDay {
  date: string;
  name: string;
}

export interface EarlyClose extends MarketDay {
  /** 'HH:MM' New York time. */
  close: string;
}

const MONDAY = 1;
const THURSDAY = 4;
const SATURDAY = 6;
const SUNDAY = 0;

export const REGULAR_OPEN = '09:30';
export const REGULAR_CLOSE = '16:00';
export const EARLY_CLOSE = '13:00';
/** Alpaca's extended-hours session bounds (its calendar writes them as HHMM). */
const SESSION_OPEN = '0400';
const SESSION_CLOSE = '2000';
const EARLY_SESSION_CLOSE = '1700';

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return plainDate(year, month, day);
}

/** A fixed-date holiday on a Saturday is observed the Friday before, on a Sunday the Monday after. */
function observed(date: string): string {
  const weekday = dayOfWeek(date);
  if (weekday === SATURDAY) return addDays(date, -1);
  if (weekday === SUNDAY) return addDays(date, 1);
  return date;
}

/** The full-day NYSE holidays of a year by rule, in date order. */
export function nyseHolidays(year: number): MarketDay[] {
  const holidays: MarketDay[] = [];
  const newYear = plainDate(year, 1, 1);
  // NYSE Rule 7.2: a New Year's Day on a Saturday is not moved to Friday 31 December (the last
  // trading day of the year stays open), so it is simply not a weekday holiday that year.
  if (dayOfWeek(newYear) !== SATURDAY) holidays.push({ date: observed(newYear), name: "New Year's Day" });
  holidays.push({ date: nthWeekdayOfMonth(year, 1, MONDAY, 3), name: 'Martin Luther King Jr. Day' });
  holidays.push({ date: nthWeekdayOfMonth(year, 2, MONDAY, 3), name: "Washington's Birthday" });
  holidays.push({ date: addDays(easterSunday(year), -2), name: 'Good Friday' });
  holidays.push({ date: lastWeekdayOfMonth(year, 5, MONDAY), name: 'Memorial Day' });
  if (year >= 2022) holidays.push({ date: observed(plainDate(year, 6, 19)), name: 'Juneteenth' });
  holidays.push({ date: observed(plainDate(year, 7, 4)), name: 'Independence Day' });
  holidays.push({ date: nthWeekdayOfMonth(year, 9, MONDAY, 1), name: 'Labor Day' });
  holidays.push({ date: nthWeekdayOfMonth(year, 11, THURSDAY, 4), name: 'Thanksgiving Day' });
  holidays.push({ date: observed(plainDate(year, 12, 25)), name: 'Christmas Day' });
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The standard 13:00 early closes of a year: 3 July, the day after Thanksgiving and Christmas Eve,
 * each only when it is a weekday that is not itself a holiday (in 2026 Independence Day is observed
 * on Friday 3 July, so there is no early close that week).
 */
export function nyseEarlyCloses(year: number): EarlyClose[] {
  const holidayDates = new Set(nyseHolidays(year).map((holiday) => holiday.date));
  const candidates: MarketDay[] = [
    { date: plainDate(year, 7, 3), name: 'Day before Independence Day' },
    { date: addDays(nthWeekdayOfMonth(year, 11, THURSDAY, 4), 1), name: 'Day after Thanksgiving' },
    { date: plainDate(year, 12, 24), name: 'Christmas Eve' },
  ];
  return candidates
    .filter((candidate) => !isWeekend(candidate.date) && !holidayDates.has(candidate.date))
    .map((candidate) => ({ ...candidate, close: EARLY_CLOSE }));
}

/** Why a date is closed by rule, or null if the rules say it trades. */
export function closedByRule(date: string): string | null {
  requirePlainDate('date', date);
  if (isWeekend(date)) return 'weekend';
  const year = Number(date.slice(0, 4));
  return nyseHolidays(year).find((holiday) => holiday.date === date)?.name ?? null;
}

/** The session a date has by rule (Alpaca's calendar shape), or null if the market is closed. */
export function nyseSessionByRule(date: string): CalendarSession | null {
  if (closedByRule(date) !== null) return null;
  const early = nyseEarlyCloses(Number(date.slice(0, 4))).find((close) => close.date === date);
  return {
    date,
    open: REGULAR_OPEN,
    close: early?.close ?? REGULAR_CLOSE,
    session_open: SESSION_OPEN,
    session_close: early ? EARLY_SESSION_CLOSE : SESSION_CLOSE,
  };
}

/**
 * Every trading session from `from` to `to` (inclusive) by rule, minus `closures` (ad-hoc closed
 * dates the rules cannot know). Only open days are listed, as Alpaca's calendar lists them.
 */
export function nyseSessionsByRule(
  from: string,
  to: string,
  closures: readonly MarketDay[] = [],
): CalendarSession[] {
  requirePlainDate('from', from);
  requirePlainDate('to', to);
  const closed = new Set(closures.map((closure) => closure.date));
  const sessions: CalendarSession[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const session = closed.has(date) ? null : nyseSessionByRule(date);
    if (session) sessions.push(session);
  }
  return sessions;
}
