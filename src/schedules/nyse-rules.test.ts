import { describe, expect, it } from 'vitest';
import {
  closedByRule,
  easterSunday,
  nyseEarlyCloses,
  nyseHolidays,
  nyseSessionByRule,
} from './nyse-rules.ts';

const datesOf = (days: { date: string }[]) => days.map((day) => day.date);

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [1818, '1818-03-22'],
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('nyseHolidays', () => {
  // NYSE's published holiday calendars.
  it.each([
    [
      2024,
      [
        '2024-01-01',
        '2024-01-15',
        '2024-02-19',
        '2024-03-29',
        '2024-05-27',
        '2024-06-19',
        '2024-07-04',
        '2024-09-02',
        '2024-11-28',
        '2024-12-25',
      ],
    ],
    [
      2025,
      [
        '2025-01-01',
        '2025-01-20',
        '2025-02-17',
        '2025-04-18',
        '2025-05-26',
        '2025-06-19',
        '2025-07-04',
        '2025-09-01',
        '2025-11-27',
        '2025-12-25',
      ],
    ],
    [
      2026,
      [
        '2026-01-01',
        '2026-01-19',
        '2026-02-16',
        '2026-04-03',
        '2026-05-25',
        '2026-06-19',
        '2026-07-03',
        '2026-09-07',
        '2026-11-26',
        '2026-12-25',
      ],
    ],
    [
      2027,
      [
        '2027-01-01',
        '2027-01-18',
        '2027-02-15',
        '2027-03-26',
        '2027-05-31',
        '2027-06-18',
        '2027-07-05',
        '2027-09-06',
        '2027-11-25',
        '2027-12-24',
      ],
    ],
  ])('%i', (year, expected) => {
    expect(datesOf(nyseHolidays(year))).toEqual(expected);
  });

  it('observes a Saturday holiday on Friday and a Sunday holiday on Monday', () => {
    // 2026: 4 July is a Saturday → Friday 3 July. 2027: 19 June and 25 December are Saturdays.
    expect(nyseHolidays(2026).find((day) => day.name === 'Independence Day')?.date).toBe('2026-07-03');
    expect(nyseHolidays(2027).find((day) => day.name === 'Juneteenth')?.date).toBe('2027-06-18');
    expect(nyseHolidays(2027).find((day) => day.name === 'Christmas Day')?.date).toBe('2027-12-24');
    // 2023: 1 January is a Sunday → Monday 2 January. 2022: 19 June and 25 December are Sundays.
    expect(nyseHolidays(2023).find((day) => day.name === "New Year's Day")?.date).toBe('2023-01-02');
    expect(nyseHolidays(2022).find((day) => day.name === 'Juneteenth')?.date).toBe('2022-06-20');
    expect(nyseHolidays(2022).find((day) => day.name === 'Christmas Day')?.date).toBe('2022-12-26');
  });

  it('does not move a Saturday New Year back into the old year (NYSE Rule 7.2)', () => {
    // 2022-01-01 was a Saturday and NYSE traded on Friday 2021-12-31.
    expect(nyseHolidays(2022).some((day) => day.name === "New Year's Day")).toBe(false);
    expect(closedByRule('2021-12-31')).toBeNull();
  });

  it('has Juneteenth from 2022 only', () => {
    expect(nyseHolidays(2021).some((day) => day.name === 'Juneteenth')).toBe(false);
    expect(nyseHolidays(2022).some((day) => day.name === 'Juneteenth')).toBe(true);
  });
});

describe('nyseEarlyCloses', () => {
  it.each([
    [2024, ['2024-07-03', '2024-11-29', '2024-12-24']],
    [2025, ['2025-07-03', '2025-11-28', '2025-12-24']],
    // 3 July 2026 is the observed Independence Day (closed), so no early close that week.
    [2026, ['2026-11-27', '2026-12-24']],
    // 3 July 2027 is a Saturday; 24 December 2027 is the observed Christmas (closed).
    [2027, ['2027-11-26']],
  ])('%i closes at 13:00 on %j', (year, expected) => {
    const closes = nyseEarlyCloses(year);
    expect(datesOf(closes)).toEqual(expected);
    expect(closes.every((close) => close.close === '13:00')).toBe(true);
  });
});

describe('closedByRule and nyseSessionByRule', () => {
  it('names why a date is closed', () => {
    expect(closedByRule('2025-04-18')).toBe('Good Friday');
    expect(closedByRule('2026-03-07')).toBe('weekend');
    expect(closedByRule('2026-03-09')).toBeNull();
  });

  it('gives sessions in Alpaca calendar shape, with early closes', () => {
    expect(nyseSessionByRule('2026-03-09')).toEqual({
      date: '2026-03-09',
      open: '09:30',
      close: '16:00',
      session_open: '0400',
      session_close: '2000',
    });
    expect(nyseSessionByRule('2026-11-27')).toMatchObject({ close: '13:00', session_close: '1700' });
    expect(nyseSessionByRule('2026-11-26')).toBeNull();
  });

  it('cannot know ad-hoc closures: 2025-01-09 trades by rule', () => {
    expect(closedByRule('2025-01-09')).toBeNull();
  });
});
