import { describe, expect, it } from 'vitest';
import { dueSettlements, ledgerId } from './expiry-settlement.ts';
import type { Holding } from './ledger.ts';

const AFTER_EXPIRY = new Date('2026-12-18T21:00:00Z');
const BEFORE_EXPIRY = new Date('2026-12-18T20:59:59Z');
const price = () => 705.25;

function option(symbol: string, qty: number): Holding {
  return { symbol, qty, avgEntryPrice: 1, multiplier: 100 };
}

describe('option expiry settlement', () => {
  it('settles nothing before 16:00 New York on the expiry date, and never stock', () => {
    expect(dueSettlements([option('SPY261218C00700000', 1)], BEFORE_EXPIRY, price)).toEqual([]);
    expect(
      dueSettlements([{ symbol: 'SPY', qty: 5, avgEntryPrice: 700, multiplier: 1 }], AFTER_EXPIRY, price),
    ).toEqual([]);
  });

  it('expires out-of-the-money contracts at zero, long or short', () => {
    const [long, short] = dueSettlements(
      [option('SPY261218C00710000', 2), option('SPY261218P00700000', -3)],
      AFTER_EXPIRY,
      price,
    );
    expect(long).toMatchObject({ kind: 'expiry', qtyDelta: -2, cashDelta: 0, price: 0 });
    expect(long?.event).toEqual({
      id: ledgerId(AFTER_EXPIRY, 'expiry-SPY261218C00710000'),
      type: 'expiry',
      transaction_time: '2026-12-18T21:00:00.000Z',
      symbol: 'SPY261218C00710000',
      qty: -2,
    });
    expect(short).toMatchObject({ kind: 'expiry', qtyDelta: 3, cashDelta: 0 });
  });

  it('exercises a long in-the-money contract and assigns a short one at intrinsic value, in cash', () => {
    const [exercise, assignment] = dueSettlements(
      [option('SPY261218C00700000', 2), option('SPY261218P00710000', -1)],
      AFTER_EXPIRY,
      price,
    );
    expect(exercise).toMatchObject({ kind: 'exercise', qtyDelta: -2, cashDelta: 1050, price: 5.25 });
    expect(exercise?.event).toMatchObject({ type: 'exercise', qty: -2, underlying_price: 705.25 });
    expect(assignment).toMatchObject({ kind: 'assignment', qtyDelta: 1, price: 4.75 });
    expect(assignment?.cashDelta).toBeCloseTo(-475, 9);
    expect(assignment?.event).toMatchObject({ type: 'assignment', qty: 1, underlying_price: 705.25 });
  });

  it('orders ledger ids by time first', () => {
    const early = ledgerId(new Date('2026-12-18T21:00:00Z'), 'z');
    const late = ledgerId(new Date('2027-01-08T21:00:00Z'), 'a');
    expect(early < late).toBe(true);
    expect(early).toMatch(/^\d{15}::z$/);
  });
});
