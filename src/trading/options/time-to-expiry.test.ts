import { describe, expect, it } from 'vitest';
import { OptionInputError } from './errors.ts';
import { expiryInstant, yearsFromDays, yearsUntilExpiry } from './time-to-expiry.ts';

describe('time to expiry (act/365)', () => {
  it('counts calendar days over 365', () => {
    expect(yearsFromDays(140)).toBe(140 / 365);
    expect(yearsFromDays(365)).toBe(1);
  });

  it('puts expiry at 16:00 New York: 21:00 UTC in winter (EST), 20:00 UTC in summer (EDT)', () => {
    expect(expiryInstant('2025-12-19').toISOString()).toBe('2025-12-19T21:00:00.000Z');
    expect(expiryInstant('2026-06-19').toISOString()).toBe('2026-06-19T20:00:00.000Z');
  });

  it('follows the DST changes: the Sunday clocks move, and the days either side', () => {
    // 2026: DST starts on 8 March and ends on 1 November.
    expect(expiryInstant('2026-03-06').toISOString()).toBe('2026-03-06T21:00:00.000Z');
    expect(expiryInstant('2026-03-08').toISOString()).toBe('2026-03-08T20:00:00.000Z');
    expect(expiryInstant('2026-10-30').toISOString()).toBe('2026-10-30T20:00:00.000Z');
    expect(expiryInstant('2026-11-01').toISOString()).toBe('2026-11-01T21:00:00.000Z');
  });

  it('measures from now to that instant in years of 365 days', () => {
    const now = new Date('2025-12-18T21:00:00Z');
    expect(yearsUntilExpiry('2025-12-19', now)).toBeCloseTo(1 / 365, 15);
    expect(yearsUntilExpiry('2025-12-19', new Date('2025-12-19T20:00:00Z'))).toBeCloseTo(1 / (365 * 24), 15);
  });

  it('is zero at the close and negative after it', () => {
    expect(yearsUntilExpiry('2025-12-19', new Date('2025-12-19T21:00:00Z'))).toBe(0);
    expect(yearsUntilExpiry('2025-12-19', new Date('2025-12-20T00:00:00Z'))).toBeLessThan(0);
  });

  it.each(['2025-02-30', '2025-13-01', '25-12-19', '2025-12-19T16:00', ''])(
    'rejects %j as an expiry date',
    (date) => {
      expect(() => expiryInstant(date)).toThrow(OptionInputError);
    },
  );
});
