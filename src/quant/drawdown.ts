/**
 * Drawdown against a peak the caller knows. The original assumed peak = 1.1 × current value when none
 * was given, which reported a fake 9.09% drawdown on every call and fed it to allocation and the
 * guardian. Here the peak is the given one, or the highest of a tracked equity history (and the
 * current value), or absent: then the drawdown is 0 and `source` says so. `qtos-v0` keeps the old
 * 1.1× default for parity.
 */
import { QuantInputError } from './errors.ts';

export interface DrawdownInput {
  currentValue: number;
  peakEquity?: number;
  /** Earlier equity values (e.g. the stored decision runs' total values), any order. */
  equityHistory?: readonly number[];
  compat?: 'qtos-v0';
}

export interface DrawdownState {
  peak_equity: number | null;
  /** Fraction 0..1 below the peak. */
  drawdown: number;
  source: 'given' | 'tracked' | 'none' | 'qtos-v0-default';
}

export function measureDrawdown(input: DrawdownInput): DrawdownState {
  const { currentValue, peakEquity, equityHistory } = input;
  if (peakEquity !== undefined && (!Number.isFinite(peakEquity) || peakEquity <= 0))
    throw new QuantInputError('peak_equity', `must be a positive number (got ${peakEquity})`);
  equityHistory?.forEach((value, index) => {
    if (!Number.isFinite(value))
      throw new QuantInputError(`equity_history[${index}]`, 'must be a finite number');
  });
  const below = (peak: number) => (peak > 0 ? Math.max(0, (peak - currentValue) / peak) : 0);
  if (peakEquity !== undefined)
    return { peak_equity: peakEquity, drawdown: below(peakEquity), source: 'given' };
  if (input.compat === 'qtos-v0') {
    const peak = 1.1 * currentValue;
    return { peak_equity: peak, drawdown: below(peak), source: 'qtos-v0-default' };
  }
  if (equityHistory && equityHistory.length > 0) {
    const peak = equityHistory.reduce((highest, value) => Math.max(highest, value), currentValue);
    return { peak_equity: peak, drawdown: below(peak), source: 'tracked' };
  }
  return { peak_equity: null, drawdown: 0, source: 'none' };
}
