import { describe, expect, it } from 'vitest';
import { runBacktest } from './backtest/run.ts';
import { runDecisionPipeline } from './decision-pipeline.ts';
import { priceTableFromBars, tailOfTable } from './price-table.ts';
import { classifyRegime } from './regime.ts';
import { generateSyntheticBars, mulberry32, SAMPLE_SPECS, sampleBars } from './sample-bars.ts';
import { logReturns, mean, sampleStd } from './stats.ts';

function correlation(a: readonly number[], b: readonly number[]): number {
  const meanA = mean(a);
  const meanB = mean(b);
  let covariance = 0;
  for (let index = 0; index < a.length; index++)
    covariance += ((a[index] ?? 0) - meanA) * ((b[index] ?? 0) - meanB);
  return covariance / (a.length - 1) / (sampleStd(a) * sampleStd(b));
}

describe('sample bars', () => {
  const bars = sampleBars();
  const spy = bars.SPY ?? [];

  it('mulberry32 is deterministic', () => {
    const first = mulberry32(1);
    const second = mulberry32(1);
    const draws = [first(), first(), first()];
    expect([second(), second(), second()]).toEqual(draws);
    expect(draws.every((draw) => draw >= 0 && draw < 1)).toBe(true);
  });

  it('is the same on every generation (pinned first and last SPY bars) and memoised', () => {
    expect(spy[0]).toEqual({
      date: '2015-01-02',
      open: 205.6,
      close: 206.6,
      high: 208.54,
      low: 204.38,
      volume: 63_153_663,
    });
    expect(spy.at(-1)).toEqual({
      date: '2024-12-31',
      open: 652.46,
      close: 652.68,
      high: 655.02,
      low: 648.91,
      volume: 61_610_744,
    });
    expect(sampleBars()).toBe(bars);
    const again = generateSyntheticBars();
    expect(again).not.toBe(bars);
    expect(again).toEqual(bars);
  });

  it('has five symbols on the same 2,517 trading days, no weekends, consistent OHLC', () => {
    expect(Object.keys(bars)).toEqual(['SPY', 'QQQ', 'TLT', 'GLD', 'SLV']);
    for (const series of Object.values(bars)) {
      expect(series).toHaveLength(2517);
      for (const bar of series) {
        const weekday = new Date(`${bar.date}T00:00:00Z`).getUTCDay();
        expect(weekday === 0 || weekday === 6).toBe(false);
        expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
        expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
        expect(bar.low).toBeGreaterThan(0);
      }
    }
  });

  it('has the documented volatilities (±4 points) and correlations', () => {
    const returns = Object.fromEntries(
      Object.entries(bars).map(([symbol, series]) => [symbol, logReturns(series.map((bar) => bar.close))]),
    );
    for (const spec of SAMPLE_SPECS) {
      const vol = sampleStd(returns[spec.symbol] ?? []) * Math.sqrt(252);
      expect(Math.abs(vol - spec.annualVol)).toBeLessThan(0.04);
    }
    expect(correlation(returns.SPY ?? [], returns.QQQ ?? [])).toBeGreaterThan(0.8);
    expect(correlation(returns.SPY ?? [], returns.TLT ?? [])).toBeLessThan(0);
    expect(correlation(returns.GLD ?? [], returns.SLV ?? [])).toBeGreaterThan(0.6);
  });

  it('feeds the regime, the pipeline and a backtest end to end', () => {
    const table = priceTableFromBars(bars);
    // The 300 rows up to the end of the 2020 stress block (3× vol).
    const end = table.dates.indexOf('2020-03-23') + 1;
    const closes = Object.fromEntries(
      Object.entries(table.closes).map(([symbol, values]) => [symbol, values.slice(0, end)]),
    );
    const upToStress = tailOfTable({ dates: table.dates.slice(0, end), closes }, 300);
    expect(upToStress.dates.at(-1)).toBe('2020-03-23');
    const regime = classifyRegime(upToStress);
    expect(regime.label).toMatch(
      /^Risk-(On|Off) \/ (High|Low\/Normal) Vol \/ (Up|Down)trend \/ (Healthy|Weak) Breadth$/,
    );
    expect(regime.segments.volatility).toBe('High Vol');
    const decision = runDecisionPipeline({
      prices: tailOfTable(table, 300),
      holdings: [{ symbol: 'SPY', shares: 100 }],
    });
    expect(decision.decision.position_size_multiplier).toBeGreaterThanOrEqual(0);
    const backtest = runBacktest({ bars, strategy: { type: 'ma_crossover' }, fee_bps: 1, slippage_bps: 2 });
    expect(backtest.equity_curve).toHaveLength(2517);
    expect(backtest.num_trades).toBeGreaterThan(10);
    expect(JSON.stringify(backtest.metrics)).not.toMatch(/NaN|Infinity/);
  });
});
