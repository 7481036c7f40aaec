import { describe, expect, it } from 'vitest';
import { call, fill, ironCondor, put } from './fill-fixtures.ts';
import { maxDrawdown, tradeStats } from './stats.ts';
import type { Trade } from './summarise-trade.ts';
import { buildTrades } from './trades.ts';

/**
 * Closed stock round trips, one a day from 2026-03-02 (1 share bought at 1000, sold at 1000 + pnl),
 * so each is a real trade closed at that day's 15:00.
 */
function roundTrips(...pnls: number[]): Trade[] {
  const fills = pnls.flatMap((pnl, day) => {
    const date = `03-${String(day + 2).padStart(2, '0')}`;
    return [
      fill(`b${day}`, `${date} 14:00`, `ob${day}`, 'buy', 1, 'SPY', 1000),
      fill(`s${day}`, `${date} 15:00`, `os${day}`, 'sell', 1, 'SPY', 1000 + pnl),
    ];
  });
  return buildTrades('acct', fills);
}

describe('tradeStats', () => {
  const trades = buildTrades(
    'acct-1',
    [
      ...ironCondor('w', '14:30', '03-05 15:00', [0.1, 0.3, 0.2, 0.05]), // +165
      ...ironCondor('l', '03-06 14:30', '03-09 15:00', [5.0, 12.0, 0.05, 0.01]), // −504
      fill('c1', '03-10 14:30', 'c-open', 'buy', 1, call(500), 4.0),
      fill('c2', '03-11 14:30', 'c-close', 'sell', 1, call(500), 6.5), // +250
      // Still open, with a big realised gain on half of it: must not count as a win.
      fill('p1', '03-12 14:30', 'p-open', 'sell', 2, put(480), 3.0),
      fill('p2', '03-13 14:30', 'p-close', 'buy', 1, put(480), 0.5),
    ],
    { marks: { [put(480)]: 1.0 } },
  );

  it('counts wins and losses over closed trades only', () => {
    const stats = tradeStats(trades);
    expect(stats).toMatchObject({
      totalTrades: 4,
      openTrades: 1,
      closedTrades: 3,
      incompleteTrades: 0,
      wins: 2,
      losses: 1,
      breakeven: 0,
      averageWin: 207.5,
      averageLoss: -504,
      grossWins: 415,
      grossLosses: -504,
      totalRealisedPnl: -89,
      openUnrealisedPnl: 200,
    });
    expect(stats.winRate).toBeCloseTo(2 / 3, 12);
    expect(stats.profitFactor).toBe(0.823412698);
    expect(stats.expectancy).toBe(-29.666666667);
    // Peak +165 after the first, then −339: a 504 drawdown.
    expect(stats.maxDrawdown).toBe(504);
  });

  it('returns null for the profit factor without losses, since the ratio would be infinite', () => {
    const stats = tradeStats(roundTrips(100, 0));
    expect(stats).toMatchObject({
      profitFactor: null,
      averageLoss: null,
      wins: 1,
      breakeven: 1,
      winRate: 0.5,
    });
  });

  it('has null rates and averages, not NaN, with no closed trades', () => {
    expect(tradeStats([])).toMatchObject({
      totalTrades: 0,
      winRate: null,
      averageWin: null,
      expectancy: null,
      profitFactor: null,
      maxDrawdown: 0,
      openUnrealisedPnl: 0,
    });
  });

  it('measures drawdown in close-time order from a zero start', () => {
    // Passed newest first on purpose: the curve is rebuilt in close-time order.
    const curve = roundTrips(-50, 100, 300, -120, -200).reverse();
    // Cumulative: −50, 50, 350, 230, 30 → deepest fall 350 − 30 = 320 (the first −50 from 0 is smaller).
    expect(maxDrawdown(curve)).toBe(320);
  });
});
