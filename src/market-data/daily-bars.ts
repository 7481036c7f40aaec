/**
 * Where backtests get their daily bars. Today only the bundled deterministic sample
 * (src/quant/sample-bars.ts, not market data); a broker adapter implements the same interface later,
 * which is why it is asynchronous.
 */
import { type DailyBar, SAMPLE_END, SAMPLE_START, sampleBars } from '../quant/sample-bars.ts';

export interface SymbolCoverage {
  symbol: string;
  first_date: string;
  last_date: string;
  bars: number;
}

export interface DailyBarSource {
  /** Shown to clients so nobody mistakes the sample for real prices. */
  readonly name: string;
  coverage(): Promise<SymbolCoverage[]>;
  /** The bars dated start ≤ date ≤ end, ascending; empty for an unknown symbol. */
  bars(symbol: string, start: string, end: string): Promise<readonly DailyBar[]>;
}

/** First index whose date is ≥ `date` (the series is ascending). */
function lowerBound(series: readonly DailyBar[], date: string): number {
  let low = 0;
  let high = series.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((series[middle]?.date ?? '') < date) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function barsBetween(series: readonly DailyBar[], start: string, end: string): readonly DailyBar[] {
  // Same-length YYYY-MM-DD strings: the day after `end` is the first date > end.
  return series.slice(lowerBound(series, start), lowerBound(series, `${end}\u{10FFFF}`));
}

export const bundledSampleSource: DailyBarSource = {
  name: 'bundled-sample',
  async coverage() {
    return Object.entries(sampleBars()).map(([symbol, series]) => ({
      symbol,
      first_date: series[0]?.date ?? SAMPLE_START,
      last_date: series[series.length - 1]?.date ?? SAMPLE_END,
      bars: series.length,
    }));
  },
  async bars(symbol, start, end) {
    const series = sampleBars()[symbol];
    return series ? barsBetween(series, start, end) : [];
  },
};
