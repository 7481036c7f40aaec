import { describe, expect, it } from 'vitest';
import { BrokerError } from '../types.ts';
import { nextCloseAfter, offlineCalendar, offlineClock, previousDayClose } from './session-clock.ts';

describe('offline session clock', () => {
  it('is always open, with the exchange next open and close', () => {
    // Saturday night in New York.
    expect(offlineClock(new Date('2026-12-06T03:00:00Z'))).toEqual({
      timestamp: '2026-12-06T03:00:00.000Z',
      isOpen: true,
      nextOpen: '2026-12-07T14:30:00.000Z',
      nextClose: '2026-12-07T21:00:00.000Z',
    });
  });

  it("measures today's P&L from the previous trading day's close, across weekends and holidays", () => {
    expect(previousDayClose(new Date('2026-12-07T15:30:00Z')).toISOString()).toBe('2026-12-04T21:00:00.000Z');
    // Tuesday evening, after the close: still measured from Monday's close.
    expect(previousDayClose(new Date('2026-12-08T23:00:00Z')).toISOString()).toBe('2026-12-07T21:00:00.000Z');
    // Monday 2026-11-30: the Friday before was the 13:00 early close after Thanksgiving.
    expect(previousDayClose(new Date('2026-11-30T15:00:00Z')).toISOString()).toBe('2026-11-27T18:00:00.000Z');
    // Tuesday 2027-01-19: Monday was Martin Luther King Jr. Day.
    expect(previousDayClose(new Date('2027-01-19T15:00:00Z')).toISOString()).toBe('2027-01-15T21:00:00.000Z');
  });

  it('expires day orders at the next regular close', () => {
    expect(nextCloseAfter(new Date('2026-12-07T15:30:00Z')).toISOString()).toBe('2026-12-07T21:00:00.000Z');
    expect(nextCloseAfter(new Date('2026-12-07T21:00:00Z')).toISOString()).toBe('2026-12-08T21:00:00.000Z');
    expect(nextCloseAfter(new Date('2026-12-24T16:00:00Z')).toISOString()).toBe('2026-12-24T18:00:00.000Z');
  });

  it('lists NYSE sessions and refuses a bad range', () => {
    expect(offlineCalendar('2026-12-24', '2026-12-28')).toEqual([
      { date: '2026-12-24', open: '09:30', close: '13:00' },
      { date: '2026-12-28', open: '09:30', close: '16:00' },
    ]);
    expect(() => offlineCalendar('2026-12-28', '2026-12-24')).toThrow(BrokerError);
    expect(() => offlineCalendar('2026-12', '2026-12-24')).toThrow(/YYYY-MM-DD/);
  });
});
