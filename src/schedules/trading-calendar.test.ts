import { describe, expect, it } from 'vitest';
import { BUNDLED_CALENDAR_FROM, BUNDLED_CALENDAR_TO, bundledNyseCalendar } from './bundled-calendar.ts';
import { addDays } from './plain-date.ts';
import {
  type CalendarSession,
  isTradingDay,
  sessionOn,
  sessionTimes,
  tradingCalendarFrom,
} from './trading-calendar.ts';

function tradingDaysIn(year: number): number {
  const calendar = bundledNyseCalendar();
  let count = 0;
  for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addDays(date, 1)) {
    if (isTradingDay(calendar, date)) count += 1;
  }
  return count;
}

describe('the bundled NYSE calendar', () => {
  const calendar = bundledNyseCalendar();

  it('covers 2024–2027 and is read in New York', () => {
    expect(calendar.coverage).toEqual({ from: BUNDLED_CALENDAR_FROM, to: BUNDLED_CALENDAR_TO });
    expect(calendar.timeZone).toBe('America/New_York');
  });

  it('is closed on Good Friday 2025 and on the 2025-01-09 national day of mourning', () => {
    expect(isTradingDay(calendar, '2025-04-18')).toBe(false);
    expect(isTradingDay(calendar, '2025-01-09')).toBe(false);
    expect(isTradingDay(calendar, '2025-01-08')).toBe(true);
    expect(isTradingDay(calendar, '2025-01-10')).toBe(true);
  });

  it('is closed on weekends and on observed holidays', () => {
    expect(isTradingDay(calendar, '2026-03-07')).toBe(false);
    expect(isTradingDay(calendar, '2026-03-08')).toBe(false);
    expect(isTradingDay(calendar, '2026-07-03')).toBe(false);
    expect(isTradingDay(calendar, '2026-07-02')).toBe(true);
    expect(isTradingDay(calendar, '2027-12-24')).toBe(false);
    expect(isTradingDay(calendar, '2027-06-18')).toBe(false);
  });

  it('has the known number of trading days a year', () => {
    expect(tradingDaysIn(2024)).toBe(252);
    // 261 weekdays, 10 holidays and the 2025-01-09 closure.
    expect(tradingDaysIn(2025)).toBe(250);
  });

  it('closes at 13:00 on early-close days, as instants in UTC', () => {
    const dayAfterThanksgiving = sessionTimes(calendar, '2025-11-28');
    expect(dayAfterThanksgiving).toMatchObject({ open: '09:30', close: '13:00', earlyClose: true });
    expect(dayAfterThanksgiving?.closesAt.toISOString()).toBe('2025-11-28T18:00:00.000Z');
    expect(sessionTimes(calendar, '2026-12-24')).toMatchObject({ close: '13:00', earlyClose: true });
    expect(sessionTimes(calendar, '2024-07-03')?.closesAt.toISOString()).toBe('2024-07-03T17:00:00.000Z');
  });

  it('opens at 09:30 New York on either side of a DST change', () => {
    expect(sessionTimes(calendar, '2026-03-06')?.opensAt.toISOString()).toBe('2026-03-06T14:30:00.000Z');
    expect(sessionTimes(calendar, '2026-03-09')?.opensAt.toISOString()).toBe('2026-03-09T13:30:00.000Z');
    expect(sessionTimes(calendar, '2026-03-09')).toMatchObject({ close: '16:00', earlyClose: false });
    expect(sessionTimes(calendar, '2026-03-08')).toBeNull();
  });

  it('falls back to the rules outside its coverage', () => {
    expect(isTradingDay(calendar, '2028-01-17')).toBe(false); // MLK Day 2028
    expect(isTradingDay(calendar, '2028-01-18')).toBe(true);
    expect(sessionOn(calendar, '2028-11-24')).toMatchObject({ close: '13:00' });
  });
});

describe('tradingCalendarFrom (Alpaca GET /v2/calendar shape)', () => {
  const alpacaResponse: CalendarSession[] = [
    { date: '2025-01-08', open: '09:30', close: '16:00', session_open: '0400', session_close: '2000' },
    { date: '2025-01-10', open: '09:30', close: '16:00', session_open: '0400', session_close: '2000' },
  ];

  it('treats a covered date it does not list as closed, whatever the rules say', () => {
    const calendar = tradingCalendarFrom(alpacaResponse, { from: '2025-01-06', to: '2025-01-12' });
    expect(isTradingDay(calendar, '2025-01-09')).toBe(false);
    expect(isTradingDay(calendar, '2025-01-07')).toBe(false);
    expect(isTradingDay(calendar, '2025-01-08')).toBe(true);
    // Outside the fetched range, the rules answer.
    expect(isTradingDay(calendar, '2025-01-13')).toBe(true);
  });

  it('trusts the broker over the rules for a listed date', () => {
    const special = tradingCalendarFrom([{ date: '2026-07-03', open: '09:30', close: '13:00' }]);
    expect(special.coverage).toEqual({ from: '2026-07-03', to: '2026-07-03' });
    expect(sessionTimes(special, '2026-07-03')).toMatchObject({ close: '13:00', earlyClose: true });
  });

  it('refuses a malformed response, naming the entry', () => {
    expect(() => tradingCalendarFrom([{ date: '2025-1-8', open: '09:30', close: '16:00' }])).toThrow(
      "calendar[0].date must be YYYY-MM-DD (got '2025-1-8')",
    );
    expect(() =>
      tradingCalendarFrom([...alpacaResponse, { date: '2025-01-13', open: '0930', close: '16:00' }]),
    ).toThrow("calendar[2].open must be HH:MM (got '0930')");
    expect(() => tradingCalendarFrom([{ date: '2025-01-13', open: '16:00', close: '09:30' }])).toThrow(
      'calendar[0] opens at 16:00, not before its close at 09:30',
    );
    expect(() => tradingCalendarFrom([...alpacaResponse, alpacaResponse[0] as CalendarSession])).toThrow(
      'calendar[2] repeats the date 2025-01-08',
    );
  });

  it('refuses a date that is not YYYY-MM-DD when asked', () => {
    expect(() => isTradingDay(bundledNyseCalendar(), '2031-2-30')).toThrow(
      'date must be a date as YYYY-MM-DD',
    );
  });
});
