/**
 * The offline market's option expiries: the next eight weekly Fridays plus the monthly third Fridays
 * out to six months, each moved to the previous trading day when the exchange is closed that Friday
 * (Good Friday, Juneteenth or Independence Day on a Friday → Thursday), from the bundled NYSE
 * calendar. An expiry stays listed until its 16:00 New York close; a listed expiry never drops out
 * of the list before then, because the horizon only moves forward.
 */
import { bundledNyseCalendar } from '../../schedules/bundled-calendar.ts';
import { addDays, dateParts, dayOfWeek, nthWeekdayOfMonth } from '../../schedules/plain-date.ts';
import { isTradingDay } from '../../schedules/trading-calendar.ts';
import { localDateOf } from '../../schedules/wall-clock.ts';
import { expiryInstant } from '../../trading/options/time-to-expiry.ts';

const FRIDAY = 5;
const WEEKLY_EXPIRIES = 8;
const MONTHLY_HORIZON_MONTHS = 6;

/** The trading day an expiry scheduled for `date` actually falls on (the day itself or earlier). */
export function expiryTradingDay(date: string): string {
  const calendar = bundledNyseCalendar();
  let day = date;
  while (!isTradingDay(calendar, day)) day = addDays(day, -1);
  return day;
}

/** The first New York date whose expiry has not passed at `now` (today until 16:00, else tomorrow). */
function firstOpenExpiryDate(now: Date): string {
  const today = localDateOf(now, 'America/New_York');
  return now.getTime() < expiryInstant(today).getTime() ? today : addDays(today, 1);
}

/** The list changes once a day (at 16:00 New York); quotes ask for it on every call. */
let cached: { from: string; expiries: readonly string[] } | undefined;

/** Listed expiries at `now`, ascending, as YYYY-MM-DD. */
export function listedExpiries(now: Date): string[] {
  const from = firstOpenExpiryDate(now);
  if (cached?.from !== from) cached = { from, expiries: expiriesFrom(from) };
  return [...cached.expiries];
}

function expiriesFrom(from: string): string[] {
  const expiries = new Set<string>();
  let friday = addDays(from, (FRIDAY - dayOfWeek(from) + 7) % 7);
  while (expiries.size < WEEKLY_EXPIRIES) {
    const day = expiryTradingDay(friday);
    if (day >= from) expiries.add(day);
    friday = addDays(friday, 7);
  }
  const { year, month } = dateParts(from);
  for (let offset = 0; offset <= MONTHLY_HORIZON_MONTHS; offset += 1) {
    const index = month - 1 + offset;
    const day = expiryTradingDay(
      nthWeekdayOfMonth(year + Math.floor(index / 12), (index % 12) + 1, FRIDAY, 3),
    );
    if (day >= from) expiries.add(day);
  }
  return [...expiries].sort();
}

export function isListedExpiry(date: string, now: Date): boolean {
  return listedExpiries(now).includes(date);
}
