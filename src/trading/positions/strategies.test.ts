import { describe, expect, it } from 'vitest';
import { APRIL, call, put } from '../trades/fill-fixtures.ts';
import { positionLeg } from './broker-position.ts';
import { position } from './position-fixtures.ts';
import { groupPositions, strategyId } from './strategies.ts';

const ACCOUNT = 'acct-1';
const condor = [
  position(call(530), 1, 0.9, 0.4),
  position(put(480), -1, 2.0, 1.1),
  position(put(470), 1, 0.9, 0.35),
  position(call(520), -1, 1.8, 0.9),
];

describe('positions as legs', () => {
  it('computes live P&L from the current price, reversed for shorts', () => {
    const short = positionLeg(ACCOUNT, position(put(480), -2, 2.0, 1.1));
    expect(short).toMatchObject({
      direction: 'short',
      qty: 2,
      pnl: 180,
      pnlFraction: 0.45,
      brokerUnrealizedPl: 180,
    });
    const stock = positionLeg(ACCOUNT, position('SPY', 10, 500, 512.3));
    expect(stock).toMatchObject({ direction: 'long', pnl: 123, currentPrice: 512.3 });
  });

  it('leaves P&L unknown without a current price', () => {
    expect(positionLeg(ACCOUNT, position(put(480), -1, 2.0, null))).toMatchObject({
      pnl: null,
      pnlFraction: null,
    });
  });

  it('refuses a side that contradicts the sign of qty, and a zero qty', () => {
    expect(() => positionLeg(ACCOUNT, { ...position(put(480), -1, 2, 1), side: 'long' })).toThrow(
      /contradicts/,
    );
    expect(() => positionLeg(ACCOUNT, { ...position(put(480), 1, 2, 1), qty: '0' })).toThrow(
      /must not be zero/,
    );
  });
});

describe('groupPositions', () => {
  it('groups by underlying and expiry and names the strategy, legs sorted', () => {
    const [strategy] = groupPositions(ACCOUNT, condor);
    expect(strategy).toMatchObject({ underlying: 'SPY', expiry: '2026-03-20', strategy: 'iron_condor' });
    expect(strategy?.legs.map((leg) => leg.symbol)).toEqual([put(470), put(480), call(520), call(530)]);
    // Legs: −55 + 90 + 90 − 50.
    expect(strategy?.totalPnl).toBe(75);
  });

  it('gives the same ids on every load, whatever order the broker lists positions in', () => {
    const first = groupPositions(ACCOUNT, condor);
    const again = groupPositions(ACCOUNT, [...condor].reverse());
    expect(again).toEqual(first);
    expect(first[0]?.id).toBe(strategyId(ACCOUNT, [call(520), call(530), put(470), put(480)]));
    expect(first[0]?.id).toMatch(/^pos_[0-9a-f]{16}$/);
    expect(groupPositions('acct-2', condor)[0]?.id).not.toBe(first[0]?.id);
    expect(first[0]?.legs[0]?.id).toBe(
      groupPositions(ACCOUNT, [condor[2] as (typeof condor)[number]])[0]?.legs[0]?.id,
    );
  });

  it('keeps expiries apart and stock on its own, ordered by underlying then expiry', () => {
    const strategies = groupPositions(ACCOUNT, [
      position(call(500, APRIL), 1, 8, 9),
      position('SPY', 100, 500, 505),
      position(call(500), -1, 5, 4),
      position('QQQ260320P00400000', -1, 3, 2),
    ]);
    expect(strategies.map((s) => [s.underlying, s.expiry, s.strategy, s.totalPnl])).toEqual([
      ['QQQ', '2026-03-20', 'short_put', 100],
      ['SPY', null, 'long_stock', 500],
      ['SPY', '2026-03-20', 'short_call', 100],
      ['SPY', '2026-04-17', 'long_call', 100],
    ]);
  });

  it('has a null total when any leg lacks a price', () => {
    const [strategy] = groupPositions(ACCOUNT, [
      position(put(480), -1, 2, null),
      position(put(470), 1, 0.9, 0.3),
    ]);
    expect(strategy).toMatchObject({ strategy: 'bull_put_spread', totalPnl: null });
  });
});
