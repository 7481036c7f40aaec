/**
 * The trading calendar the snapshot schedule follows. With an Alpaca source it is Alpaca's
 * `GET /v2/calendar` (it knows ad-hoc closures no rule predicts), cached in memory per isolate for
 * CALENDAR_TTL_MS: the cron ticks every five minutes, and the calendar changes a few times a year.
 * An isolate that is recycled just fetches again; no table is needed for one small request. The
 * offline source, and any failure to fetch, use the bundled NYSE calendar.
 */
import { bundledNyseCalendar } from '../schedules/bundled-calendar.ts';
import { addDays } from '../schedules/plain-date.ts';
import { type TradingCalendar, tradingCalendarFrom } from '../schedules/trading-calendar.ts';
import type { Broker } from '../trading/broker/types.ts';

export const CALENDAR_TTL_MS = 6 * 60 * 60 * 1000;
/** Fetched around the dates asked for, so the following ticks hit the cache. */
const DAYS_BEFORE = 7;
const DAYS_AFTER = 30;

interface Cached {
  calendar: TradingCalendar;
  fetchedAtMs: number;
}

const cache = new Map<string, Cached>();

export type CalendarProvider = Pick<Broker, 'kind' | 'calendar'>;

export interface CalendarChoice {
  calendar: TradingCalendar;
  source: 'broker' | 'cache' | 'bundled';
  /** Why the bundled calendar was used when the broker's was wanted. */
  fallbackReason?: string;
}

function covers(calendar: TradingCalendar, from: string, to: string): boolean {
  const coverage = calendar.coverage;
  return coverage !== null && coverage.from <= from && coverage.to >= to;
}

/**
 * The calendar covering New York dates [from, to]. `cacheKey` is the account id; `nowMs` the wall
 * clock (the cache's age is real time, unlike a tick's scheduled time).
 */
export async function snapshotCalendar(
  provider: CalendarProvider | null,
  cacheKey: string,
  from: string,
  to: string,
  nowMs: number = Date.now(),
): Promise<CalendarChoice> {
  if (!provider || provider.kind === 'offline') return { calendar: bundledNyseCalendar(), source: 'bundled' };
  const cached = cache.get(cacheKey);
  if (cached && nowMs - cached.fetchedAtMs < CALENDAR_TTL_MS && covers(cached.calendar, from, to))
    return { calendar: cached.calendar, source: 'cache' };
  const start = addDays(from, -DAYS_BEFORE);
  const end = addDays(to, DAYS_AFTER);
  try {
    const days = await provider.calendar(start, end);
    const calendar = tradingCalendarFrom(
      days.map((day) => ({ date: day.date, open: day.open, close: day.close })),
      { from: start, to: end },
    );
    cache.set(cacheKey, { calendar, fetchedAtMs: nowMs });
    return { calendar, source: 'broker' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { calendar: bundledNyseCalendar(), source: 'bundled', fallbackReason: reason };
  }
}

/** Tests: forget every cached calendar. */
export function clearCalendarCache(): void {
  cache.clear();
}
