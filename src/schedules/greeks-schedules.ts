/**
 * Daily wall-clock schedules, and the option Greeks snapshots expressed with them: 08:00 (before the
 * open), 14:00 (mid-session) and 21:30 (after the close) New York time, on trading days only.
 */

import type { Schedule } from './schedule.ts';
import { isTradingDay, type TradingCalendar } from './trading-calendar.ts';
import { instantAtWallClock, parseHoursMinutes } from './wall-clock.ts';

export const GREEKS_SNAPSHOT_TIME_ZONE = 'America/New_York';
export const GREEKS_SNAPSHOT_TIMES = ['08:00', '14:00', '21:30'] as const;

/**
 * A schedule that runs every day at `time` ('HH:MM') on the wall clock of `timezone`. With
 * `tradingDaysOnly` the cron also names MON-FRI, which changes nothing about which runs happen but
 * spares the weekend matches the trading-day filter would drop anyway.
 */
export function dailyAtLocalTime(
  id: string,
  time: string,
  timezone: string,
  options: { tradingDaysOnly: boolean; paused?: boolean },
): Schedule {
  const { hour, minute } = parseHoursMinutes(time);
  return {
    id,
    cron: `${minute} ${hour} * * ${options.tradingDaysOnly ? 'MON-FRI' : '*'}`,
    timezone,
    trading_days_only: options.tradingDaysOnly,
    paused: options.paused ?? false,
  };
}

/** The three Greeks snapshot schedules, ids 'greeks-snapshot-0800', '-1400' and '-2130'. */
export function greeksSnapshotSchedules(): Schedule[] {
  return GREEKS_SNAPSHOT_TIMES.map((time) =>
    dailyAtLocalTime(`greeks-snapshot-${time.replace(':', '')}`, time, GREEKS_SNAPSHOT_TIME_ZONE, {
      tradingDaysOnly: true,
    }),
  );
}

/** The instants of a date's Greeks snapshots (none on a day the market is closed). */
export function greeksSnapshotInstantsOn(calendar: TradingCalendar, date: string): Date[] {
  if (!isTradingDay(calendar, date)) return [];
  return GREEKS_SNAPSHOT_TIMES.map((time) => instantAtWallClock(date, time, GREEKS_SNAPSHOT_TIME_ZONE));
}
