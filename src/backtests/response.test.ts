import { describe, expect, it } from 'vitest';
import type { Bar } from '../quant/backtest/types.ts';
import { parseBacktestRequest } from './request.ts';
import { runRequestedBacktest, toBacktestJson, toBacktestSummaryJson, withDrawdown } from './response.ts';

const point = (date: string, equity: number) => ({ date, equity, cash: 0, positions_value: equity });

function bars(closes: number[]): Bar[] {
  return closes.map((close, index) => ({
    date: `2021-03-${String(index + 1).padStart(2, '0')}`,
    open: close,
    high: close,
    low: close,
    close,
    volume: 1,
  }));
}

describe('withDrawdown', () => {
  it('measures each point from the running peak, which starts at the initial cash', () => {
    expect(withDrawdown(100, [point('a', 90), point('b', 120), point('c', 96), point('d', 130)])).toEqual([
      { date: 'a', equity: 90, drawdown_pct: -10 },
      { date: 'b', equity: 120, drawdown_pct: 0 },
      { date: 'c', equity: 96, drawdown_pct: expect.closeTo(-20, 12) },
      { date: 'd', equity: 130, drawdown_pct: 0 },
    ]);
  });
});

describe('runRequestedBacktest', () => {
  const closes = [10, 11, 12, 9, 8, 10, 12];
  const request = parseBacktestRequest({
    strategy: 'buy_and_hold',
    symbols: ['ABC'],
    start: '2021-03-01',
    end: '2021-03-07',
    initial_cash: 1000,
    fee_bps: 10,
  });

  it('returns the engine’s figures, a curve point per bar and the deepest drawdown as the metric', () => {
    const outcome = runRequestedBacktest(request, { ABC: bars(closes) });
    expect(outcome.equity_curve).toHaveLength(closes.length);
    expect(outcome.num_trades).toBe(1);
    expect(outcome.trades[0]).toMatchObject({ symbol: 'ABC', side: 'BUY', date: '2021-03-02' });
    expect(outcome.final_value).toBe(outcome.equity_curve.at(-1)?.equity);
    const deepest = Math.min(...outcome.equity_curve.map((p) => p.drawdown_pct));
    expect(deepest).toBeCloseTo(-(outcome.metrics.max_drawdown_pct ?? 0), 12);
    expect(Object.keys(outcome.metrics)).toContain('exposure_pct');
  });

  it('keeps qtos-v0’s metric names and its final value', () => {
    const compat = parseBacktestRequest({ ...request, fee_bps: 0, compat: 'qtos-v0' });
    const outcome = runRequestedBacktest(compat, { ABC: bars(closes) });
    expect(Object.keys(outcome.metrics)).toEqual([
      'initial_value',
      'final_value',
      'total_pnl',
      'total_return_pct',
      'cagr',
      'sharpe_ratio',
      'max_drawdown',
      'max_drawdown_pct',
    ]);
    expect(outcome.final_value).toBe(outcome.metrics.final_value);
    expect(outcome.trades[0]).toMatchObject({ date: '2021-03-01', price: 10, quantity: 50 });
  });

  it('shapes the stored row: the summary without curve and trades, dates as ISO', () => {
    const outcome = runRequestedBacktest(request, { ABC: bars(closes) });
    const stored = { ...outcome, id: 'x', orchestrator_id: null, request, created_at: new Date(0) };
    const summary = toBacktestSummaryJson(stored);
    expect(summary).not.toHaveProperty('equity_curve');
    expect(summary).toMatchObject({
      strategy: 'buy_and_hold',
      symbols: ['ABC'],
      fee_bps: 10,
      params: {},
      compat: null,
    });
    expect(summary.created_at).toBe('1970-01-01T00:00:00.000Z');
    expect(toBacktestJson(stored).equity_curve).toBe(outcome.equity_curve);
  });
});
