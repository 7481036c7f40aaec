import { describe, expect, it } from 'vitest';
import { QuantInputError } from '../errors.ts';
import { runBacktest } from './run.ts';
import type { Bar } from './types.ts';

/** Daily bars from closes; open = close − 1 so a fill at the open is told apart from one at the close. */
function barsOf(closes: number[], startDay = 1): Bar[] {
  return closes.map((close, index) => ({
    date: `2024-03-${String(startDay + index).padStart(2, '0')}`,
    open: close - 1,
    high: close + 1,
    low: close - 2,
    close,
    volume: 1000,
  }));
}

describe('runBacktest (port): fills', () => {
  it('a signal on bar t fills at bar t+1’s open; the equity on bar t is still all cash', () => {
    const result = runBacktest({
      bars: { AAA: barsOf([100, 110, 120]) },
      strategy: { type: 'buy_and_hold' },
      initial_cash: 1000,
    });
    expect(result.trades).toEqual([
      {
        symbol: 'AAA',
        side: 'BUY',
        quantity: 9,
        price: 109,
        fee: 0,
        date: '2024-03-02',
        signal_date: '2024-03-01',
      },
    ]);
    expect(result.equity_curve.map((point) => point.equity)).toEqual([
      1000,
      1000 - 981 + 990,
      1000 - 981 + 1080,
    ]);
  });

  it('fee and slippage: buy at open × (1 + 10 bps), fee 10 bps of the notional, whole shares the cash covers', () => {
    const bars = barsOf([100, 101, 102]);
    const result = runBacktest({
      bars: { AAA: bars },
      strategy: { type: 'buy_and_hold' },
      initial_cash: 10_000,
      fee_bps: 10,
      slippage_bps: 10,
    });
    const trade = result.trades[0];
    expect(trade?.price).toBeCloseTo(100.1, 12); // open 100 × 1.001
    expect(trade?.quantity).toBe(99); // 10,000 / (100.1 × 1.001) = 99.8
    expect(trade?.fee).toBeCloseTo(9.9099, 10);
    expect(result.equity_curve[1]?.cash).toBeCloseTo(10_000 - 99 * 100.1 - 9.9099, 8);
    const free = runBacktest({
      bars: { AAA: bars },
      strategy: { type: 'buy_and_hold' },
      initial_cash: 10_000,
    });
    expect(result.final_value).toBeLessThan(free.final_value);
  });

  it('a round trip with costs: sells at open × (1 − slippage) and pays the fee again', () => {
    // SMA(1) vs SMA(2): bar 2 (11 > 10.5) buys, bar 4 (11 ≤ 11.5) sells.
    const bars = barsOf([10, 11, 12, 11, 10, 9]);
    const result = runBacktest({
      bars: { AAA: bars },
      strategy: { type: 'ma_crossover', fast: 1, slow: 2 },
      initial_cash: 1000,
      fee_bps: 100,
      slippage_bps: 100,
    });
    const [buy, sell] = result.trades;
    expect(buy).toMatchObject({ side: 'BUY', date: '2024-03-03', signal_date: '2024-03-02' });
    expect(buy?.price).toBeCloseTo(11 * 1.01, 12); // bar 3's open
    expect(buy?.quantity).toBe(Math.floor(1000 / (11.11 * 1.01)));
    expect(sell).toMatchObject({ side: 'SELL', date: '2024-03-05', signal_date: '2024-03-04', quantity: 89 });
    expect(sell?.price).toBeCloseTo(9 * 0.99, 12); // bar 5's open
    const cash = 1000 - 89 * 11.11 * 1.01 + 89 * 8.91 * 0.99;
    expect(result.final_value).toBeCloseTo(cash, 8);
    expect(result.num_trades).toBe(2);
  });

  it('a signal on the last bar never fills and is reported', () => {
    const result = runBacktest({ bars: { AAA: barsOf([100]) }, strategy: { type: 'buy_and_hold' } });
    expect(result.trades).toEqual([]);
    expect(result.skipped_orders[0]?.reason).toMatch(/last bar/);
  });
});

describe('runBacktest (port): several symbols', () => {
  it('splits the cash equally; a symbol that starts later waits with its sleeve in cash', () => {
    const result = runBacktest({
      bars: { AAA: barsOf([100, 100, 100, 100]), BBB: barsOf([50, 50], 3) },
      strategy: { type: 'buy_and_hold' },
      initial_cash: 2000,
    });
    expect(result.equity_curve.map((point) => point.date)).toEqual([
      '2024-03-01',
      '2024-03-02',
      '2024-03-03',
      '2024-03-04',
    ]);
    expect(result.trades.map((trade) => [trade.symbol, trade.quantity, trade.date])).toEqual([
      ['AAA', 10, '2024-03-02'], // 1000 / 99
      ['BBB', 20, '2024-03-04'], // 1000 / 49
    ]);
    expect(result.metrics.exposure_pct).toBeGreaterThan(0);
    expect(result.metrics.exposure_pct).toBeLessThan(100);
  });
});

describe('runBacktest: validation', () => {
  it.each([
    ['no symbols', { bars: {} }],
    ['descending dates', { bars: { AAA: [...barsOf([1, 2])].reverse() } }],
    ['a zero close', { bars: { AAA: barsOf([1, 0]) } }],
    ['negative fees', { bars: { AAA: barsOf([1, 2]) }, fee_bps: -1 }],
    ['fast ≥ slow', { bars: { AAA: barsOf([1, 2]) }, strategy: { type: 'ma_crossover', fast: 5, slow: 5 } }],
  ] as const)('%s', (_, input) => {
    expect(() =>
      runBacktest({ strategy: { type: 'buy_and_hold' }, ...input } as Parameters<typeof runBacktest>[0]),
    ).toThrow(QuantInputError);
  });
});
