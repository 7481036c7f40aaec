import { describe, expect, it } from 'vitest';
import { cagrPct, computeMetrics, maxDrawdown, sharpeRatio, sortinoRatio } from './metrics.ts';
import { computeQtosMetrics } from './metrics-qtos-v0.ts';
import type { EquityPoint } from './types.ts';

/** One point per day from 2024-01-01, all invested. */
const curveOf = (values: number[], startDate = '2024-01-01'): EquityPoint[] =>
  values.map((equity, index) => ({
    date: new Date(Date.parse(`${startDate}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10),
    equity,
    cash: 0,
    positions_value: equity,
  }));

describe('port metrics', () => {
  it('a flat curve: 0 return, Sharpe, Sortino and drawdown', () => {
    const metrics = computeMetrics(100, curveOf([100, 100, 100, 100]), 0);
    expect(metrics).toMatchObject({
      total_return_pct: 0,
      cagr_pct: 0,
      sharpe: 0,
      sortino: 0,
      max_drawdown: 0,
    });
    expect(metrics.max_drawdown_pct).toBe(0);
  });

  it('up then down: the drawdown is measured from the running peak', () => {
    const metrics = computeMetrics(100, curveOf([100, 120, 90, 110, 80, 130]), 2);
    expect(metrics.max_drawdown).toBe(40);
    expect(metrics.max_drawdown_pct).toBeCloseTo(100 / 3, 12);
    expect(metrics.num_trades).toBe(2);
  });

  it('the largest percentage fall need not be the largest currency fall', () => {
    // 100 → 50 is −50 (50%); 200 → 140 is −60 (30%).
    expect(maxDrawdown(100, [100, 50, 200, 140])).toEqual({ amount: 60, pct: 50 });
    // qtos-v0 divides the largest currency fall by its own peak: 60 / 200.
    expect(computeQtosMetrics(100, curveOf([100, 50, 200, 140])).max_drawdown_pct).toBe(30);
  });

  it('CAGR over calendar days / 365.25', () => {
    expect(cagrPct(100, 200, 365.25)).toBeCloseTo(100, 10);
    // 2020-01-01 → 2024-01-01 is 1461 days = 4 × 365.25: doubling is 2^(1/4) − 1 a year.
    const fourYears = [
      { date: '2020-01-01', equity: 100, cash: 100, positions_value: 0 },
      { date: '2024-01-01', equity: 200, cash: 0, positions_value: 200 },
    ];
    expect(computeMetrics(100, fourYears, 1).cagr_pct).toBeCloseTo(100 * (2 ** 0.25 - 1), 10);
    // The qtos sample: +1.8% over 29 calendar days.
    expect(cagrPct(100_000, 101_800, 29)).toBeCloseTo(25.19, 2);
    expect(cagrPct(100, 110, 0)).toBeNull();
  });

  it('Sharpe and Sortino from daily returns 2%, 0, −2%, 4% (sample std, √252)', () => {
    const returns = [0.02, 0, -0.02, 0.04];
    // mean 0.01; sample std √(0.002 / 3); downside deviation √(0.0004 / 3).
    expect(sharpeRatio(returns)).toBeCloseTo((0.01 / Math.sqrt(0.002 / 3)) * Math.sqrt(252), 10);
    expect(sharpeRatio(returns)).toBeCloseTo(6.1482, 4);
    expect(sortinoRatio(returns)).toBeCloseTo(13.7477, 4);
    const curve = curveOf([100, 102, 102, 99.96, 103.9584]);
    const metrics = computeMetrics(100, curve, 0);
    expect(metrics.sharpe).toBeCloseTo(6.1482, 4);
    expect(metrics.sortino).toBeCloseTo(13.7477, 4);
  });

  it('Sortino with no down day is unbounded (null); one return gives 0', () => {
    expect(sortinoRatio([0.01, 0.02])).toBeNull();
    expect(sharpeRatio([0.01])).toBe(0);
    expect(sortinoRatio([0.01])).toBe(0);
  });

  it('exposure is the average invested fraction', () => {
    const curve: EquityPoint[] = [
      { date: '2024-01-01', equity: 100, cash: 100, positions_value: 0 },
      { date: '2024-01-02', equity: 100, cash: 50, positions_value: 50 },
    ];
    expect(computeMetrics(100, curve, 1).exposure_pct).toBe(25);
  });
});

describe('qtos-v0 metrics', () => {
  it('an empty curve: every metric 0, final = initial', () => {
    expect(computeQtosMetrics(1000, [])).toEqual({
      initial_value: 1000,
      final_value: 1000,
      total_pnl: 0,
      total_return_pct: 0,
      cagr: 0,
      sharpe_ratio: 0,
      max_drawdown: 0,
      max_drawdown_pct: 0,
    });
  });

  it('one bar: years = 1e-10 makes the power overflow; reported as null, never Infinity', () => {
    expect(computeQtosMetrics(100, curveOf([101])).cagr).toBeNull();
  });

  it('Sharpe uses the population std', () => {
    const metrics = computeQtosMetrics(100, curveOf([100, 102, 102, 99.96, 103.9584]));
    expect(metrics.sharpe_ratio).toBeCloseTo((0.01 / Math.sqrt(0.002 / 4)) * Math.sqrt(252), 8);
  });
});
