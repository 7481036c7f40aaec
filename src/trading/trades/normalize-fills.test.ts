import { describe, expect, it } from 'vitest';
import { TradeInputError } from './errors.ts';
import { at, call, fill, put } from './fill-fixtures.ts';
import { normalizeFills } from './normalize-fills.ts';

describe('normalizeFills', () => {
  it('parses Alpaca string numbers and recognises options and stock', () => {
    const [option, stock] = normalizeFills([
      fill('a', '14:30', 'o1', 'sell', 2, put(480), 1.25, { fee: 0.5 }),
      fill('b', '14:31', 'o2', 'buy', 100, 'SPY', 501.1234),
    ]);
    expect(option).toMatchObject({ sign: -1, qty: 2, price: 1.25, fee: 0.5, source: 'fill' });
    expect(option?.instrument).toMatchObject({
      kind: 'option',
      underlying: 'SPY',
      strike: 480,
      multiplier: 100,
    });
    expect(stock?.instrument).toEqual({ kind: 'stock', symbol: 'SPY', underlying: 'SPY', multiplier: 1 });
  });

  it('orders by time, then id, whatever order the pages came in', () => {
    const fills = [
      fill('b', '14:30', 'o1', 'buy', 1, put(470), 1),
      fill('c', '14:29', 'o1', 'buy', 1, put(470), 1),
      fill('a', '14:30', 'o1', 'buy', 1, put(470), 1),
    ];
    expect(normalizeFills(fills).map((f) => f.id)).toEqual(['c', 'a', 'b']);
    expect(normalizeFills([...fills].reverse()).map((f) => f.id)).toEqual(['c', 'a', 'b']);
  });

  it('compares instants, not strings, across time zone offsets', () => {
    // 09:20 in New York is 14:20Z: after 14:10Z, though its text sorts first.
    const newYork = {
      ...fill('ny', '14:30', 'o1', 'buy', 1, 'SPY', 1),
      transaction_time: '2026-03-02T09:20:00-05:00',
    };
    const utc = fill('utc', '14:10', 'o1', 'buy', 1, 'SPY', 1);
    expect(normalizeFills([newYork, utc]).map((f) => f.id)).toEqual(['utc', 'ny']);
  });

  it('drops exact duplicates from overlapping pages and refuses conflicting ones', () => {
    const one = fill('a', '14:30', 'o1', 'buy', 1, put(470), 1);
    expect(normalizeFills([one, { ...one }])).toHaveLength(1);
    expect(() => normalizeFills([one, { ...one, qty: '2' }])).toThrow(/appears twice/);
  });

  it.each([
    [{ qty: '0' }, /qty must be positive/],
    [{ qty: 'ten' }, /qty must be a finite number/],
    [{ price: '-1' }, /price must not be negative/],
    [{ transaction_time: 'yesterday' }, /not an ISO date-time/],
    [{ symbol: 'SPY261320P00480000' }, /no such expiry/],
    [{ symbol: 'spy!' }, /neither an OCC option symbol nor a stock ticker/],
    [{ order_id: '' }, /order_id must be a non-empty string/],
    [{ position_intent: 'sell_to_open' as const }, /contradicts side buy/],
  ])('rejects %o', (change, message) => {
    const bad = { ...fill('a', '14:30', 'o1', 'buy', 1, put(470), 1), ...change };
    expect(() => normalizeFills([bad])).toThrow(TradeInputError);
    expect(() => normalizeFills([bad])).toThrow(message);
  });

  it('turns an expiry into a close at 0 and an assignment into a close at intrinsic value', () => {
    const [expired, assigned] = normalizeFills(
      [],
      [
        { id: 'e1', type: 'expiry', transaction_time: at('03-20 21:00'), symbol: put(470), qty: '-1' },
        {
          id: 'e2',
          type: 'assignment',
          transaction_time: at('03-20 21:01'),
          symbol: call(520),
          qty: '1',
          underlying_price: '527.5',
        },
      ],
    );
    expect(expired).toMatchObject({ sign: null, qty: 1, price: 0, source: 'expiry', orderId: 'e1' });
    expect(assigned).toMatchObject({ sign: null, qty: 1, price: 7.5, source: 'assignment' });
  });

  it('needs the underlying price to value an assignment', () => {
    expect(() =>
      normalizeFills(
        [],
        [{ id: 'e', type: 'assignment', transaction_time: at('14:00'), symbol: put(480), qty: 1 }],
      ),
    ).toThrow(/underlying_price is required/);
  });
});
