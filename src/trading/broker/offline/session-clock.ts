/**
 * The NYSE sessions the offline broker reports (bundled calendar, src/schedules/), and the instants
 * it acts on: the next regular close (day orders expire, the trading day ends), the previous trading
 * day's close (what "today's P&L" is measured from). The offline market itself fills around the
 * clock, so the clock it reports is always open; the session times stay the real exchange's. Pure.
 */
import { bundledNyseCalendar } from '../../../schedules/bundled-calendar.ts';
import { addDays, isPlainDate } from '../../../schedules/plain-date.ts';
import { sessionOn, sessionTimes } from '../../../schedules/trading-calendar.ts';
import { localDateOf } from '../../../schedules/wall-clock.ts';
import { BrokerError, type MarketClock, type TradingDay } from '../types.ts';

const ZONE = 'America/New_York';
/** Holidays never run longer than this; a search past it means a broken calendar. */
const MAX_GAP_DAYS = 14;
const MAX_CALENDAR_DAYS = 3 * 366;

function firstSessionEdge(from: Date, edge: 'opensAt' | 'closesAt', direction: 1 | -1): Date {
  const calendar = bundledNyseCalendar();
  let date = localDateOf(from, ZONE);
  for (let step = 0; step <= MAX_GAP_DAYS; step += 1) {
    const times = sessionTimes(calendar, date);
    if (times) {
      const instant = times[edge];
      if (direction === 1 ? instant.getTime() > from.getTime() : instant.getTime() < from.getTime()) {
        return instant;
      }
    }
    date = addDays(date, direction);
  }
  throw new Error(`no NYSE session within ${MAX_GAP_DAYS} days of ${from.toISOString()}`);
}

export function nextCloseAfter(at: Date): Date {
  return firstSessionEdge(at, 'closesAt', 1);
}

export function nextOpenAfter(at: Date): Date {
  return firstSessionEdge(at, 'opensAt', 1);
}

/** The close of the last trading day before `at`'s New York date: the mark for today's P&L. */
export function previousDayClose(at: Date): Date {
  const startOfToday = localDateOf(at, ZONE);
  const calendar = bundledNyseCalendar();
  let date = addDays(startOfToday, -1);
  for (let step = 0; step <= MAX_GAP_DAYS; step += 1) {
    const times = sessionTimes(calendar, date);
    if (times) return times.closesAt;
    date = addDays(date, -1);
  }
  throw new Error(`no NYSE session within ${MAX_GAP_DAYS} days before ${startOfToday}`);
}

/** Always open: the offline market fills at any hour. Next open/close are the exchange's. */
export function offlineClock(now: Date): MarketClock {
  return {
    timestamp: now.toISOString(),
    isOpen: true,
    nextOpen: nextOpenAfter(now).toISOString(),
    nextClose: nextCloseAfter(now).toISOString(),
  };
}

export function offlineCalendar(start: string, end: string): TradingDay[] {
  if (!isPlainDate(start) || !isPlainDate(end)) {
    throw new BrokerError(
      `calendar start and end must be dates as YYYY-MM-DD (got ${start}, ${end})`,
      'rejected',
      422,
    );
  }
  if (end < start) throw new BrokerError(`calendar end ${end} is before start ${start}`, 'rejected', 422);
  const calendar = bundledNyseCalendar();
  const days: TradingDay[] = [];
  for (let date = start, count = 0; date <= end; date = addDays(date, 1), count += 1) {
    if (count > MAX_CALENDAR_DAYS) {
      throw new BrokerError('calendar range is limited to three years', 'rejected', 422);
    }
    const session = sessionOn(calendar, date);
    if (session) days.push({ date, open: session.open, close: session.close });
  }
  return days;
}
