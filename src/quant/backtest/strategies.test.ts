import { describe, expect, it } from 'vitest';
import { QuantInputError } from '../errors.ts';
import { createStrategy, resolveStrategy } from './strategies.ts';
import type { Bar, Signal, StrategySpec } from './types.ts';

const signals = (spec: StrategySpec, closes: number[]): Signal[] => {
  const strategy = createStrategy(spec);
  return closes.map((close, index) =>
    strategy.onBar({
      date: `2024-01-${String(index + 1).padStart(2, '0')}`,
      open: close,
      high: close,
      low: close,
      close,
      volume: 0,
    } satisfies Bar),
  );
};

describe('strategies', () => {
  it('buy_and_hold buys once', () => {
    expect(signals({ type: 'buy_and_hold' }, [1, 2, 3])).toEqual(['buy', null, null]);
  });

  it('ma_crossover waits for the slow window, then buys above and sells at or below', () => {
    // SMA(2) vs SMA(3): bar 3 → 11.5 > 11 buy; bar 5 → 10 ≤ 10.67 sell.
    expect(signals({ type: 'ma_crossover', fast: 2, slow: 3 }, [10, 11, 12, 11, 9, 8])).toEqual([
      null,
      null,
      'buy',
      null,
      'sell',
      null,
    ]);
  });

  it('rsi_mean_reversion buys an oversold dip and sells the recovery', () => {
    // RSI(2): two falls put it near 0 (buy), two rises above 50 (sell).
    const result = signals({ type: 'rsi_mean_reversion', period: 2 }, [10, 11, 10, 9, 8, 9, 10, 11]);
    expect(result.indexOf('buy')).toBeGreaterThan(0);
    expect(result.indexOf('sell')).toBeGreaterThan(result.indexOf('buy'));
    expect(result.filter((signal) => signal !== null)).toEqual(['buy', 'sell']);
  });

  it('fills the defaults and rejects bad parameters', () => {
    expect(resolveStrategy({ type: 'ma_crossover' })).toEqual({ type: 'ma_crossover', fast: 20, slow: 50 });
    expect(resolveStrategy({ type: 'rsi_mean_reversion' })).toEqual({
      type: 'rsi_mean_reversion',
      period: 14,
      entry_below: 30,
      exit_above: 50,
    });
    expect(() => resolveStrategy({ type: 'rsi_mean_reversion', entry_below: 60 })).toThrow(QuantInputError);
    expect(() => resolveStrategy({ type: 'momentum' } as unknown as StrategySpec)).toThrow(
      /must be buy_and_hold/,
    );
  });
});
