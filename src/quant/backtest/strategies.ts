/**
 * Strategies: each sees one symbol's bars in order and, after each bar's close, may ask to buy (go
 * long with its allocation) or sell (go flat). Long only, one position per symbol; the engine decides
 * when and at what price the order fills. Indicators come from trading-signals.
 * - buy_and_hold: buy on the first bar, never sell.
 * - ma_crossover (fast 20, slow 50 by default): long while SMA(fast) > SMA(slow), flat otherwise;
 *   nothing until both averages have their full window.
 * - rsi_mean_reversion (RSI 14, buy below 30, sell above 50 by default): buy oversold dips, sell once
 *   the RSI has recovered to the exit level.
 */
import { RSI, SMA } from 'trading-signals';
import { QuantInputError } from '../errors.ts';
import type { Bar, Signal, StrategySpec } from './types.ts';

export interface Strategy {
  onBar(bar: Bar): Signal;
}

function wholeNumber(field: string, value: number, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum)
    throw new QuantInputError(field, `must be a whole number ≥ ${minimum} (got ${value})`);
  return value;
}

function level(field: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0 || value >= 100)
    throw new QuantInputError(field, `must be between 0 and 100 (got ${value})`);
  return value;
}

/** Checks the parameters and fills the defaults; throws a QuantInputError for bad ones. */
export function resolveStrategy(spec: StrategySpec): Required<StrategySpec> {
  switch (spec.type) {
    case 'buy_and_hold':
      return { type: 'buy_and_hold' };
    case 'ma_crossover': {
      const fast = wholeNumber('strategy.fast', spec.fast ?? 20, 1);
      const slow = wholeNumber('strategy.slow', spec.slow ?? 50, 2);
      if (fast >= slow)
        throw new QuantInputError('strategy.fast', `must be shorter than slow (${fast} ≥ ${slow})`);
      return { type: 'ma_crossover', fast, slow };
    }
    case 'rsi_mean_reversion': {
      const period = wholeNumber('strategy.period', spec.period ?? 14, 2);
      const entry = level('strategy.entry_below', spec.entry_below ?? 30);
      const exit = level('strategy.exit_above', spec.exit_above ?? 50);
      if (entry >= exit)
        throw new QuantInputError('strategy.entry_below', `must be below exit_above (${entry} ≥ ${exit})`);
      return { type: 'rsi_mean_reversion', period, entry_below: entry, exit_above: exit };
    }
    default:
      throw new QuantInputError(
        'strategy.type',
        `must be buy_and_hold, ma_crossover or rsi_mean_reversion (got ${String((spec as { type: unknown }).type)})`,
      );
  }
}

/** A fresh, stateful strategy instance for one symbol. */
export function createStrategy(spec: StrategySpec): Strategy {
  const resolved = resolveStrategy(spec);
  switch (resolved.type) {
    case 'buy_and_hold': {
      let first = true;
      return {
        onBar() {
          if (!first) return null;
          first = false;
          return 'buy';
        },
      };
    }
    case 'ma_crossover': {
      const fast = new SMA(resolved.fast);
      const slow = new SMA(resolved.slow);
      let long = false;
      return {
        onBar(bar) {
          const fastValue = fast.add(bar.close);
          const slowValue = slow.add(bar.close);
          if (fastValue === null || slowValue === null) return null;
          if (!long && fastValue > slowValue) {
            long = true;
            return 'buy';
          }
          if (long && fastValue <= slowValue) {
            long = false;
            return 'sell';
          }
          return null;
        },
      };
    }
    case 'rsi_mean_reversion': {
      const rsi = new RSI(resolved.period);
      let long = false;
      return {
        onBar(bar) {
          const value = rsi.add(bar.close);
          if (value === null) return null;
          if (!long && value < resolved.entry_below) {
            long = true;
            return 'buy';
          }
          if (long && value > resolved.exit_above) {
            long = false;
            return 'sell';
          }
          return null;
        },
      };
    }
  }
}
