/**
 * The trading-day calendar: which New York dates the market trades and when each session opens and
 * closes. Built from a list in the shape Alpaca's `GET /v2/calendar` returns (open days only); dates
 * outside the list's coverage fall back to the NYSE rules (nyse-rules.ts), which know the holidays
 * and standard early closes but not ad-hoc closures.
 */

import { closedByRule, nyseSessionByRule, REGULAR_CLOSE } from './nyse-rules.ts';
import { isPlainDate, requirePlainDate } from './plain-date.ts';
import { instantAtWallClock } from './wall-clock.ts';

/** One open day, as Alpaca's calendar lists it; times are New York wall-clock times. */
export interface CalendarSession {
  /** 'YYYY-MM-DD' */
  date: string;
  /** Regular session open, 'HH:MM' (usually '09:30'). */
  open: string;
  /** Regular session close, 'HH:MM' ('16:00', or '13:00' on an early close). */
  close: string;
  /** Extended-hours bounds; Alpaca writes them 'HHMM' (e.g. '0400', '2000'). Informational here. */
  session_open?: string;
  session_close?: string;
}

export interface TradingCalendar {
  /** The exchange's time zone: dates and session times are read there. */
  readonly timeZone: 'America/New_York';
  /** Open days by date. */
  readonly sessions: ReadonlyMap<string, CalendarSession>;
  /** The dates the list speaks for (inclusive); a date in range that is not listed is closed. */
  readonly coverage: { readonly from: string; readonly to: string } | null;
}

export interface SessionTimes {
  date: string;
  open: string;
  close: string;
  opensAt: Date;
  closesAt: Date;
  /** True when the regular session closes before 16:00 (e.g. 13:00 the day after Thanksgiving). */
  earlyClose: boolean;
}

const EXCHANGE_TIME_ZONE = 'America/New_York';
const HOURS_MINUTES = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A calendar from a session list. `coverage` is the range the list was fetched for (Alpaca's
 * `start`/`end`); without it, the first to the last listed date. Throws on a malformed entry, naming
 * it, so a bad broker response is noticed rather than read as "closed".
 */
export function tradingCalendarFrom(
  sessions: readonly CalendarSession[],
  coverage?: { from: string; to: string },
): TradingCalendar {
  const byDate = new Map<string, CalendarSession>();
  sessions.forEach((session, index) => {
    const where = `calendar[${index}]`;
    if (!isPlainDate(session.date))
      throw new RangeError(`${where}.date must be YYYY-MM-DD (got '${session.date}')`);
    for (const field of ['open', 'close'] as const) {
      if (!HOURS_MINUTES.test(session[field])) {
        throw new RangeError(`${where}.${field} must be HH:MM (got '${session[field]}')`);
      }
    }
    if (session.open >= session.close) {
      throw new RangeError(`${where} opens at ${session.open}, not before its close at ${session.close}`);
    }
    if (byDate.has(session.date)) throw new RangeError(`${where} repeats the date ${session.date}`);
    byDate.set(session.date, session);
  });
  const dates = [...byDate.keys()].sort();
  let range: TradingCalendar['coverage'] = null;
  if (coverage) {
    requirePlainDate('coverage.from', coverage.from);
    requirePlainDate('coverage.to', coverage.to);
    range = { from: coverage.from, to: coverage.to };
  } else if (dates.length > 0) {
    range = { from: dates[0] as string, to: dates[dates.length - 1] as string };
  }
  return { timeZone: EXCHANGE_TIME_ZONE, sessions: byDate, coverage: range };
}

function covers(calendar: TradingCalendar, date: string): boolean {
  return calendar.coverage !== null && date >= calendar.coverage.from && date <= calendar.coverage.to;
}

/** The session listed (or, outside the coverage, given by rule) for a New York date; null if closed. */
export function sessionOn(calendar: TradingCalendar, date: string): CalendarSession | null {
  requirePlainDate('date', date);
  if (covers(calendar, date)) return calendar.sessions.get(date) ?? null;
  return nyseSessionByRule(date);
}

/** True if the market trades on the New York date. */
export function isTradingDay(calendar: TradingCalendar, date: string): boolean {
  if (covers(calendar, date)) return calendar.sessions.has(date);
  requirePlainDate('date', date);
  return closedByRule(date) === null;
}

/** Open and close of a date's regular session as instants, or null if the market is closed. */
export function sessionTimes(calendar: TradingCalendar, date: string): SessionTimes | null {
  const session = sessionOn(calendar, date);
  if (!session) return null;
  return {
    date,
    open: session.open,
    close: session.close,
    opensAt: instantAtWallClock(date, session.open, calendar.timeZone),
    closesAt: instantAtWallClock(date, session.close, calendar.timeZone),
    earlyClose: session.close < REGULAR_CLOSE,
  };
}
