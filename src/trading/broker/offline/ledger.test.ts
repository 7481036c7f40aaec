import { describe, expect, it } from 'vitest';
import { applyMovement, cashFrom, entriesThrough, holdingsFrom, type LedgerEntry } from './ledger.ts';

let sequence = 0;
function entry(
  symbol: string,
  qtyDelta: number,
  price: number,
  multiplier = 1,
  at = '2026-12-07T15:30:00Z',
): LedgerEntry {
  sequence += 1;
  return {
    id: `${String(sequence).padStart(15, '0')}::x`,
    symbol,
    qtyDelta,
    price,
    cashDelta: -qtyDelta * price * multiplier,
    transactionTime: new Date(at),
  };
}

describe('paper ledger', () => {
  it('averages in, keeps the average while reducing, and restarts at the crossing price', () => {
    expect(applyMovement(0, 0, 10, 100)).toEqual({ qty: 10, avgEntryPrice: 100 });
    expect(applyMovement(10, 100, 10, 110)).toEqual({ qty: 20, avgEntryPrice: 105 });
    expect(applyMovement(20, 105, -5, 120)).toEqual({ qty: 15, avgEntryPrice: 105 });
    expect(applyMovement(15, 105, -15, 90)).toEqual({ qty: 0, avgEntryPrice: 0 });
    expect(applyMovement(5, 105, -8, 90)).toEqual({ qty: -3, avgEntryPrice: 90 });
    expect(applyMovement(-2, 3, -2, 2)).toEqual({ qty: -4, avgEntryPrice: 2.5 });
  });

  it('derives holdings and cash from the entries, dropping closed symbols', () => {
    const entries = [
      entry('SPY', 10, 700),
      entry('SPY261218C00700000', -2, 5.5, 100),
      entry('SPY', -10, 705),
      entry('SPY261218C00700000', 1, 4, 100),
    ];
    const holdings = holdingsFrom(entries);
    expect([...holdings.keys()]).toEqual(['SPY261218C00700000']);
    expect(holdings.get('SPY261218C00700000')).toEqual({
      symbol: 'SPY261218C00700000',
      qty: -1,
      avgEntryPrice: 5.5,
      multiplier: 100,
    });
    expect(cashFrom(100_000, entries)).toBeCloseTo(100_000 - 7000 + 1100 + 7050 - 400, 9);
  });

  it('reads the ledger as it stood at an instant', () => {
    const early = entry('QQQ', 1, 600, 1, '2026-12-04T15:00:00Z');
    const late = entry('QQQ', 1, 610, 1, '2026-12-07T15:00:00Z');
    expect(entriesThrough([early, late], new Date('2026-12-04T21:00:00Z'))).toEqual([early]);
  });
});
