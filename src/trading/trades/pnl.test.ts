import { describe, expect, it } from 'vitest';
import { at, call, fill, ironCondor, put } from './fill-fixtures.ts';
import { buildTrades } from './trades.ts';

const ACCOUNT = 'acct-1';

describe('realised P&L: FIFO per contract', () => {
  it('a winning iron condor: 2.00 credit closed for 0.35 is +165', () => {
    const [trade] = buildTrades(ACCOUNT, ironCondor('w', '14:30', '03-10 15:00', [0.1, 0.3, 0.2, 0.05]));
    expect(trade).toMatchObject({
      strategy: 'iron_condor',
      status: 'closed',
      realisedPnl: 165,
      closedAt: at('03-10 15:00'),
    });
    expect(trade?.legs.map((leg) => [leg.direction, leg.realisedPnl])).toEqual([
      ['long', -80],
      ['short', 170],
      ['short', 160],
      ['long', -85],
    ]);
  });

  it('a losing iron condor: the put side breached, closed for 7.04 is −504', () => {
    const [trade] = buildTrades(ACCOUNT, ironCondor('l', '14:30', '03-12 15:00', [5.0, 12.0, 0.05, 0.01]));
    expect(trade).toMatchObject({ strategy: 'iron_condor', status: 'closed', realisedPnl: -504 });
  });

  it('matches a partial close against the oldest lot first', () => {
    const [trade] = buildTrades(ACCOUNT, [
      fill('b1', '14:30', 'A', 'buy', 2, call(500), 3.0),
      fill('b2', '15:30', 'B', 'buy', 2, call(500), 4.0),
      fill('s1', '03-03 14:30', 'C', 'sell', 3, call(500), 5.0),
    ]);
    // 2 × (5 − 3) × 100 from the first lot, 1 × (5 − 4) × 100 from the second.
    expect(trade?.matches.map((match) => [match.openFillId, match.qty, match.realisedPnl])).toEqual([
      ['b1', 2, 400],
      ['b2', 1, 100],
    ]);
    expect(trade).toMatchObject({ status: 'open', realisedPnl: 500, closedAt: null });
    expect(trade?.legs[0]).toMatchObject({
      openedQty: 4,
      closedQty: 3,
      openQty: 1,
      avgOpenPrice: 3.5,
      avgClosePrice: 5,
    });
  });

  it('prices shorts the other way round and subtracts both fills’ fees pro rata', () => {
    const [trade] = buildTrades(ACCOUNT, [
      fill('s1', '14:30', 'A', 'sell', 2, put(480), 2.1, { fee: 1.3 }),
      fill('b1', '15:30', 'B', 'buy', 1, put(480), 0.7, { fee: 0.65 }),
    ]);
    // (2.10 − 0.70) × 100 = 140, minus half the opening fee (0.65) and the closing fee (0.65).
    expect(trade?.realisedPnl).toBe(138.7);
    expect(trade?.fees).toBe(1.3);
  });

  it('has no floating-point residue in the reported figures', () => {
    const [trade] = buildTrades(ACCOUNT, [
      fill('a', '14:30', 'A', 'buy', 3, 'SPY', 0.1),
      fill('b', '14:31', 'B', 'sell', 3, 'SPY', 0.3),
    ]);
    expect(trade?.realisedPnl).toBe(0.6);
  });

  it('closes a short put that expired worthless at 0', () => {
    const [trade] = buildTrades(ACCOUNT, [fill('s1', '14:30', 'A', 'sell', 1, put(450), 1.2)], {
      events: [{ id: 'x1', type: 'expiry', transaction_time: at('03-20 21:00'), symbol: put(450), qty: '1' }],
    });
    expect(trade).toMatchObject({ status: 'closed', realisedPnl: 120, closedAt: at('03-20 21:00') });
    expect(trade?.matches[0]?.closedBy).toBe('expiry');
  });

  it('closes an assigned short call at its intrinsic value', () => {
    const [trade] = buildTrades(ACCOUNT, [fill('s1', '14:30', 'A', 'sell', 1, call(520), 3)], {
      events: [
        {
          id: 'x2',
          type: 'assignment',
          transaction_time: at('03-20 21:00'),
          symbol: call(520),
          qty: '1',
          underlying_price: 527,
        },
      ],
    });
    // Sold at 3, settled at 7 intrinsic: −400.
    expect(trade).toMatchObject({ status: 'closed', realisedPnl: -400 });
  });

  it('reports an expiry of a position opened before the fills as incomplete', () => {
    const trades = buildTrades(ACCOUNT, [], {
      events: [
        { id: 'x3', type: 'expiry', transaction_time: at('03-20 21:00'), symbol: put(450), qty: '-2' },
      ],
    });
    expect(trades).toMatchObject([{ status: 'incomplete', realisedPnl: 0 }]);
  });
});

describe('unrealised P&L from marks', () => {
  const fills = [
    fill('o1', '14:30', 'A', 'sell', 2, put(480), 2.0),
    fill('o2', '14:30', 'A', 'buy', 2, put(470), 0.9),
    fill('c1', '03-04 14:30', 'B', 'buy', 1, put(480), 1.5),
  ];

  it('values each still-open lot at its mark, reversed for shorts', () => {
    const [trade] = buildTrades(ACCOUNT, fills, { marks: { [put(480)]: 1.0, [put(470)]: 0.3 } });
    // Short 480: 1 left, (2.0 − 1.0) × 100 = 100. Long 470: 2 held, (0.3 − 0.9) × 2 × 100 = −120.
    expect(trade?.legs.map((leg) => leg.unrealisedPnl)).toEqual([-120, 100]);
    expect(trade).toMatchObject({ status: 'open', realisedPnl: 50, unrealisedPnl: -20 });
  });

  it('is null rather than a partial sum when a held contract has no mark', () => {
    const [trade] = buildTrades(ACCOUNT, fills, { marks: { [put(480)]: 1.0 } });
    expect(trade?.legs.map((leg) => leg.unrealisedPnl)).toEqual([null, 100]);
    expect(trade?.unrealisedPnl).toBeNull();
  });

  it('is 0 for a closed trade, which needs no marks', () => {
    const [trade] = buildTrades(ACCOUNT, ironCondor('w', '14:30', '15:30', [0.1, 0.3, 0.2, 0.05]));
    expect(trade?.unrealisedPnl).toBe(0);
  });
});
