import { describe, expect, it } from 'vitest';
import { measureDrawdown } from './drawdown.ts';
import { QuantInputError } from './errors.ts';

describe('measureDrawdown', () => {
  it('from a given peak', () => {
    expect(measureDrawdown({ currentValue: 90_000, peakEquity: 100_000 })).toEqual({
      peak_equity: 100_000,
      drawdown: 0.1,
      source: 'given',
    });
  });

  it('from the tracked history (the current value counts toward the peak)', () => {
    expect(measureDrawdown({ currentValue: 95, equityHistory: [80, 100, 90] })).toMatchObject({
      peak_equity: 100,
      drawdown: 0.05,
      source: 'tracked',
    });
    expect(measureDrawdown({ currentValue: 120, equityHistory: [80, 100] }).drawdown).toBe(0);
  });

  it('without a peak: no drawdown (not an assumed one)', () => {
    expect(measureDrawdown({ currentValue: 50_000 })).toEqual({
      peak_equity: null,
      drawdown: 0,
      source: 'none',
    });
  });

  it('qtos-v0: the original 1.1 × value default, a drawdown of 1 − 1/1.1 ≈ 9.09% on every call', () => {
    const state = measureDrawdown({ currentValue: 50_000, compat: 'qtos-v0' });
    expect(state.source).toBe('qtos-v0-default');
    expect(state.drawdown).toBeCloseTo(1 - 1 / 1.1, 12);
  });

  it('rejects a non-positive peak', () => {
    expect(() => measureDrawdown({ currentValue: 1, peakEquity: 0 })).toThrow(QuantInputError);
  });
});
