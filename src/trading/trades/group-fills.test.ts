import { describe, expect, it } from 'vitest';
import { APRIL, call, fill, ironCondor, put } from './fill-fixtures.ts';
import { buildTrades } from './trades.ts';

const ACCOUNT = 'acct-1';
const summary = (fills: Parameters<typeof buildTrades>[1]) =>
  buildTrades(ACCOUNT, fills).map((trade) => ({
    id: trade.id,
    strategy: trade.strategy,
    status: trade.status,
    fills: trade.fillIds,
  }));

describe('grouping fills into trades', () => {
  it('gives the same trades whichever order two pages arrive in, with overlaps', () => {
    const history = [
      ...ironCondor('a', '14:30', '03-05 15:00', [0.1, 0.3, 0.2, 0.05]),
      fill('s1', '03-03 14:00', 's-open', 'sell', 1, put(450, APRIL), 3.0),
      fill('s2', '03-06 14:00', 's-close', 'buy', 1, put(450, APRIL), 1.0),
    ];
    // Alpaca pages newest first; the second page repeats the boundary fill.
    const newestFirst = [...history].reverse();
    const page1 = newestFirst.slice(0, 5);
    const page2 = newestFirst.slice(4);
    const forward = buildTrades(ACCOUNT, [...page1, ...page2]);
    const backward = buildTrades(ACCOUNT, [...page2, ...page1]);
    expect(backward).toEqual(forward);
    expect(forward).toEqual(buildTrades(ACCOUNT, history));
    expect(forward.map((trade) => trade.strategy)).toEqual(['iron_condor', 'short_put']);
  });

  it('derives ids from the account and the opening fill, not from position or randomness', () => {
    const fills = ironCondor('a', '14:30', '15:30', [0.1, 0.3, 0.2, 0.05]);
    const [trade] = buildTrades(ACCOUNT, fills);
    expect(trade?.id).toMatch(/^trd_[0-9a-f]{16}$/);
    expect(buildTrades(ACCOUNT, fills)[0]?.id).toBe(trade?.id);
    expect(buildTrades('acct-2', fills)[0]?.id).not.toBe(trade?.id);
  });

  it('keeps its id when a later sync adds an adjustment to the open trade', () => {
    const opening = [
      fill('o1', '14:30', 'A', 'sell', 1, put(480), 2.0),
      fill('o2', '14:30', 'A', 'buy', 1, put(470), 0.9),
    ];
    const before = buildTrades(ACCOUNT, opening);
    // Two days later the same expiry is added to: a call spread turns the put spread into a condor.
    const adjusted = buildTrades(ACCOUNT, [
      ...opening,
      fill('o3', '03-04 15:00', 'B', 'sell', 1, call(520), 1.8),
      fill('o4', '03-04 15:00', 'B', 'buy', 1, call(530), 0.9),
    ]);
    expect(adjusted).toHaveLength(1);
    expect(adjusted[0]?.id).toBe(before[0]?.id);
    expect(before[0]?.strategy).toBe('bull_put_spread');
    expect(adjusted[0]?.strategy).toBe('iron_condor');
  });

  it('keeps the id of a trade opened in one sync and closed in the next', () => {
    const fills = ironCondor('a', '14:30', '03-05 15:00', [0.1, 0.3, 0.2, 0.05]);
    const [firstSync] = buildTrades(ACCOUNT, fills.slice(0, 4));
    const [secondSync] = buildTrades(ACCOUNT, fills);
    expect(firstSync?.status).toBe('open');
    expect(secondSync?.status).toBe('closed');
    expect(secondSync?.id).toBe(firstSync?.id);
  });

  it('joins legs of one order and partial fills of it, whatever the gap between them', () => {
    const trades = summary([
      fill('x1', '14:30', 'A', 'sell', 1, call(500), 5),
      fill('x2', '14:30', 'A', 'buy', 1, call(510), 2),
      fill('x3', '15:45', 'A', 'buy', 1, call(500, APRIL), 7),
    ]);
    expect(trades).toHaveLength(1);
    expect(trades[0]?.fills).toEqual(['x1', 'x2', 'x3']);
  });

  it('joins a calendar legged in as two orders within the window, but not one an hour apart', () => {
    const legged = summary([
      fill('c1', '14:30', 'A', 'sell', 1, call(500), 5),
      fill('c2', '14:33', 'B', 'buy', 1, call(500, APRIL), 8),
    ]);
    expect(legged).toMatchObject([{ strategy: 'long_calendar', status: 'open' }]);
    const apart = summary([
      fill('c1', '14:30', 'A', 'sell', 1, call(500), 5),
      fill('c2', '15:30', 'B', 'buy', 1, call(500, APRIL), 8),
    ]);
    expect(apart.map((trade) => trade.strategy)).toEqual(['short_call', 'long_call']);
  });

  it('starts a new trade once every leg is flat', () => {
    const trades = summary([
      fill('f1', '14:30', 'A', 'buy', 1, put(480), 2),
      fill('f2', '14:40', 'B', 'sell', 1, put(480), 3),
      fill('f3', '14:41', 'C', 'buy', 1, put(480), 2.5),
    ]);
    expect(trades.map((trade) => [trade.status, trade.fills])).toEqual([
      ['closed', ['f1', 'f2']],
      ['open', ['f3']],
    ]);
  });

  it('keeps different underlyings apart even inside the window', () => {
    const qqq = 'QQQ260320C00400000';
    const trades = summary([
      fill('u1', '14:30', 'A', 'buy', 1, call(500), 5),
      fill('u2', '14:31', 'B', 'buy', 1, qqq, 4),
    ]);
    expect(trades).toHaveLength(2);
  });

  it('reads a sell beyond a held long, without intent, as a close then a new short', () => {
    const trades = buildTrades(ACCOUNT, [
      fill('l1', '14:30', 'A', 'buy', 1, put(480), 2),
      fill('l2', '16:00', 'B', 'sell', 3, put(480), 2.5),
    ]);
    expect(trades.map((trade) => [trade.status, trade.strategy, trade.legs[0]?.openQty])).toEqual([
      ['closed', 'long_put', 0],
      ['open', 'short_put', 2],
    ]);
    expect(trades[0]?.realisedPnl).toBe(50);
  });

  it('marks a close whose opening is not among the fills as incomplete instead of a new position', () => {
    const trades = buildTrades(ACCOUNT, [
      fill('z1', '14:30', 'Z', 'buy', 1, put(480), 1, { intent: 'buy_to_close' }),
      fill('z2', '14:30', 'Z', 'sell', 1, put(470), 0.4, { intent: 'sell_to_close' }),
    ]);
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ status: 'incomplete', realisedPnl: 0, strategy: 'custom', legs: [] });
    expect(trades[0]?.unmatchedCloses.map((part) => part.fillId)).toEqual(['z1', 'z2']);
  });

  it('pairs covered stock with the call sold against it', () => {
    const trades = summary([
      fill('k1', '14:30', 'A', 'buy', 100, 'SPY', 500),
      fill('k2', '14:31', 'B', 'sell', 1, call(520), 4),
    ]);
    expect(trades).toMatchObject([{ strategy: 'covered_call' }]);
  });
});
