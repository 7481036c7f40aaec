import { describe, expect, it } from 'vitest';
import { QuantInputError } from '../errors.ts';
import { QTOS_SAMPLE_BARS } from './fixtures/qtos-sample-ohlcv.ts';
import { runBacktest } from './run.ts';

// qtos-core's default run: SPY sample, buy and hold 50 shares, 100k cash.
describe('compat qtos-v0 on the qtos-core sample', () => {
  const result = runBacktest({
    bars: { SPY: QTOS_SAMPLE_BARS },
    strategy: { type: 'buy_and_hold' },
    compat: 'qtos-v0',
  });

  it('fills 50 @ 321.0 on the first bar (its close) → cash 83,950, first snapshot 100,000', () => {
    expect(result.trades).toEqual([
      {
        symbol: 'SPY',
        side: 'BUY',
        quantity: 50,
        price: 321,
        fee: 0,
        date: '2020-01-02',
        signal_date: '2020-01-02',
      },
    ]);
    expect(result.equity_curve[0]).toEqual({
      date: '2020-01-02',
      equity: 100_000,
      cash: 83_950,
      positions_value: 16_050,
    });
    expect(result.equity_curve).toHaveLength(21);
  });

  it('reproduces the reference figures', () => {
    expect(result.status).toBe('ok');
    expect(result.symbol).toBe('SPY');
    expect(result.strategy_type).toBe('buy_and_hold');
    expect(result.num_trades).toBe(1);
    expect(result.metrics.initial_value).toBe(100_000);
    expect(result.metrics.final_value).toBe(101_800);
    expect(result.metrics.total_pnl).toBe(1_800);
    expect(result.metrics.total_return_pct).toBe(1.8);
    expect(result.metrics.cagr).toBeCloseTo(16.768, 3); // 29 calendar days / 252
    expect(result.metrics.sharpe_ratio).toBeCloseTo(71.93, 2);
    expect(result.metrics.max_drawdown).toBe(0);
    expect(result.metrics.max_drawdown_pct).toBe(0);
  });

  it('a buy it cannot afford is reported, not silent (the original just traded nothing)', () => {
    const broke = runBacktest({
      bars: { SPY: QTOS_SAMPLE_BARS },
      strategy: { type: 'buy_and_hold' },
      compat: 'qtos-v0',
      initial_cash: 10_000,
    });
    expect(broke.num_trades).toBe(0);
    expect(broke.skipped_orders).toEqual([
      {
        symbol: 'SPY',
        side: 'BUY',
        date: '2020-01-02',
        reason: 'cash 10000.00 < 50 × 321.0000 (fee included)',
      },
    ]);
    expect(broke.metrics.final_value).toBe(10_000);
  });

  it('refuses what the original could not do: several symbols, fees', () => {
    const bars = { SPY: QTOS_SAMPLE_BARS, QQQ: QTOS_SAMPLE_BARS };
    expect(() => runBacktest({ bars, strategy: { type: 'buy_and_hold' }, compat: 'qtos-v0' })).toThrow(
      QuantInputError,
    );
    expect(() =>
      runBacktest({
        bars: { SPY: QTOS_SAMPLE_BARS },
        strategy: { type: 'buy_and_hold' },
        compat: 'qtos-v0',
        fee_bps: 5,
      }),
    ).toThrow(/no fees/);
  });
});

describe('the same sample with the port defaults', () => {
  it('fills at the second bar’s open with all the cash, and reports the corrected metrics', () => {
    const result = runBacktest({ bars: { SPY: QTOS_SAMPLE_BARS }, strategy: { type: 'buy_and_hold' } });
    // Signal on 2020-01-02's close, fill at 2020-01-03's open (321): floor(100,000 / 321) = 311 shares.
    expect(result.trades[0]).toMatchObject({
      date: '2020-01-03',
      signal_date: '2020-01-02',
      price: 321,
      quantity: 311,
    });
    expect(result.final_value).toBe(100_000 - 311 * 321 + 311 * 357);
    expect(result.num_trades).toBe(1);
    expect(result.metrics.num_trades).toBe(1);
    expect(result.metrics.max_drawdown).toBe(0);
    expect(result.metrics.sortino).toBeNull(); // no down day
  });
});
