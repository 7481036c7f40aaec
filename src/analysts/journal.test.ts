import { describe, expect, it } from 'vitest';
import { journalMetrics, tradePnl } from './journal.ts';

const trade = (over: Partial<Parameters<typeof tradePnl>[0]>) => ({
  date: '2024-01-02',
  symbol: 'SPY',
  side: 'long' as const,
  qty: 10,
  entry: 100,
  exit: 100,
  ...over,
});

describe('tradePnl', () => {
  it('signs longs and shorts and subtracts fees', () => {
    expect(tradePnl(trade({ exit: 105, fees: 1 }))).toBe(49);
    expect(tradePnl(trade({ side: 'short', exit: 95 }))).toBe(50);
    expect(tradePnl(trade({ side: 'short', exit: 102 }))).toBe(-20);
  });
});

describe('journalMetrics', () => {
  it('computes win rate, averages, profit factor, expectancy and drawdown', () => {
    const metrics = journalMetrics([
      trade({ date: '2024-01-03', exit: 110 }), // +100
      trade({ date: '2024-01-02', exit: 95 }), // -50, first by date
      trade({ date: '2024-01-04', exit: 100 }), // scratch
      trade({ date: '2024-01-05', exit: 90 }), // -100
      trade({ date: '2024-01-06', exit: 120 }), // +200
    ]);
    expect(metrics).toEqual({
      num_trades: 5,
      win_rate: 0.5,
      avg_win: 150,
      avg_loss: 75,
      profit_factor: 2,
      expectancy: 30,
      total_pnl: 150,
      // Equity -50, 50, 50, -50, 150: from the peak of 50 down to -50.
      max_drawdown: 100,
    });
  });

  it('has no profit factor without losses and a zero win rate with scratches only', () => {
    expect(journalMetrics([trade({ exit: 101 })]).profit_factor).toBeNull();
    const scratches = journalMetrics([trade({}), trade({})]);
    expect(scratches).toMatchObject({ win_rate: 0, avg_win: 0, avg_loss: 0, profit_factor: null });
  });

  it('counts a first losing trade as drawdown from the starting peak of zero', () => {
    expect(journalMetrics([trade({ exit: 99 })]).max_drawdown).toBe(10);
  });
});
