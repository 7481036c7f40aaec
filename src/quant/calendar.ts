/**
 * NYSE-like trading days for sample data: weekdays less the main US market holidays (New Year's Day,
 * Martin Luther King Jr. Day, Washington's Birthday, Good Friday, Memorial Day, Juneteenth from 2022,
 * Independence Day, Labor Day, Thanksgiving, Christmas), a Saturday holiday observed on the Friday and
 * a Sunday one on the Monday. Close enough for synthetic bars; not an exchange calendar (no special
 * closures, and a Saturday New Year's Day is not observed, as on the NYSE).
 */

function utc(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The n-th (1-based) given weekday (0 = Sunday) of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): Date {
  if (n > 0) {
    const first = utc(year, month, 1);
    return utc(year, month, 1 + ((weekday - first.getUTCDay() + 7) % 7) + (n - 1) * 7);
  }
  const last = utc(year, month + 1, 0);
  return utc(year, month, last.getUTCDate() - ((last.getUTCDay() - weekday + 7) % 7));
}

/** Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number): Date {
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
  return utc(year, month, day);
}

function observed(date: Date): Date {
  const weekday = date.getUTCDay();
  if (weekday === 6) return new Date(date.getTime() - 86_400_000);
  if (weekday === 0) return new Date(date.getTime() + 86_400_000);
  return date;
}

export function usMarketHolidays(year: number): Set<string> {
  const goodFriday = new Date(easter(year).getTime() - 2 * 86_400_000);
  const days = [
    utc(year, 1, 1).getUTCDay() === 6 ? null : observed(utc(year, 1, 1)),
    nthWeekday(year, 1, 1, 3),
    nthWeekday(year, 2, 1, 3),
    goodFriday,
    nthWeekday(year, 5, 1, -1),
    year >= 2022 ? observed(utc(year, 6, 19)) : null,
    observed(utc(year, 7, 4)),
    nthWeekday(year, 9, 1, 1),
    nthWeekday(year, 11, 4, 4),
    observed(utc(year, 12, 25)),
  ];
  return new Set(days.filter((day): day is Date => day !== null).map(isoDate));
}

/** Trading days from `start` to `end` inclusive (YYYY-MM-DD). */
export function tradingDays(start: string, end: string): string[] {
  const days: string[] = [];
  const holidays = new Map<number, Set<string>>();
  const last = Date.parse(`${end}T00:00:00Z`);
  for (let time = Date.parse(`${start}T00:00:00Z`); time <= last; time += 86_400_000) {
    const date = new Date(time);
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const year = date.getUTCFullYear();
    let yearHolidays = holidays.get(year);
    if (!yearHolidays) {
      yearHolidays = usMarketHolidays(year);
      holidays.set(year, yearHolidays);
    }
    const iso = isoDate(date);
    if (!yearHolidays.has(iso)) days.push(iso);
  }
  return days;
}
