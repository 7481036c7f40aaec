import { describe, expect, it } from 'vitest';
import { expiryTradingDay, isListedExpiry, listedExpiries } from './expiries.ts';

describe('offline option expiries', () => {
  it('lists eight weekly Fridays then the monthly third Fridays out to six months', () => {
    expect(listedExpiries(new Date('2026-12-07T15:30:00Z'))).toEqual([
      '2026-12-11',
      '2026-12-18',
      // Christmas and New Year's Day fall on Fridays in 2026: those weeklies expire on Thursday.
      '2026-12-24',
      '2026-12-31',
      '2027-01-08',
      '2027-01-15',
      '2027-01-22',
      '2027-01-29',
      '2027-02-19',
      '2027-03-19',
      '2027-04-16',
      '2027-05-21',
      // Juneteenth 2027 is Saturday, observed Friday 18 June: the monthly moves to Thursday.
      '2027-06-17',
    ]);
  });

  it('moves a Friday holiday expiry to the Thursday before (Good Friday 2027)', () => {
    expect(expiryTradingDay('2027-03-26')).toBe('2027-03-25');
    expect(expiryTradingDay('2027-03-19')).toBe('2027-03-19');
    expect(listedExpiries(new Date('2027-03-22T14:00:00Z'))).toContain('2027-03-25');
  });

  it("keeps today's expiry until 16:00 New York, then drops it", () => {
    const beforeClose = new Date('2026-12-11T20:59:00Z');
    const afterClose = new Date('2026-12-11T21:00:00Z');
    expect(listedExpiries(beforeClose)[0]).toBe('2026-12-11');
    expect(listedExpiries(afterClose)[0]).toBe('2026-12-18');
    expect(isListedExpiry('2026-12-11', afterClose)).toBe(false);
    expect(listedExpiries(afterClose)).toHaveLength(13);
  });

  it('never drops an expiry it listed before that expiry passes', () => {
    const listed = listedExpiries(new Date('2026-12-07T15:30:00Z'));
    for (let day = 1; day < 60; day += 1) {
      const at = new Date(Date.parse('2026-12-07T15:30:00Z') + day * 86_400_000);
      const later = listedExpiries(at);
      const stillOpen = listed.filter((expiry) => expiry > at.toISOString().slice(0, 10));
      for (const expiry of stillOpen) expect(later).toContain(expiry);
    }
  });
});
