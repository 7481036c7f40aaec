import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayOfWeek,
  isPlainDate,
  isWeekend,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  requirePlainDate,
} from './plain-date.ts';

describe('plain dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isPlainDate('2024-02-29')).toBe(true);
    expect(isPlainDate('2025-02-29')).toBe(false);
    expect(isPlainDate('2026-13-01')).toBe(false);
    expect(isPlainDate('2026-2-3')).toBe(false);
    expect(isPlainDate('2026-02-03T00:00')).toBe(false);
    expect(() => requirePlainDate('date', '2026-02-30')).toThrow(
      "date must be a date as YYYY-MM-DD (got '2026-02-30')",
    );
  });

  it('adds days across month, year and DST boundaries without drifting', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('numbers weekdays 0 = Sunday … 6 = Saturday', () => {
    expect(dayOfWeek('2026-03-08')).toBe(0);
    expect(dayOfWeek('2026-03-09')).toBe(1);
    expect(dayOfWeek('2026-03-14')).toBe(6);
    expect(isWeekend('2026-03-14')).toBe(true);
    expect(isWeekend('2026-03-13')).toBe(false);
  });

  it('finds the nth and the last weekday of a month', () => {
    expect(nthWeekdayOfMonth(2026, 1, 1, 3)).toBe('2026-01-19');
    expect(nthWeekdayOfMonth(2026, 11, 4, 4)).toBe('2026-11-26');
    expect(nthWeekdayOfMonth(2026, 9, 1, 1)).toBe('2026-09-07');
    expect(lastWeekdayOfMonth(2026, 5, 1)).toBe('2026-05-25');
    expect(lastWeekdayOfMonth(2027, 5, 1)).toBe('2027-05-31');
    expect(lastWeekdayOfMonth(2026, 12, 4)).toBe('2026-12-31');
  });
});
