import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../broker/types.ts';
import { OrderRefusedError } from './errors.ts';
import { call, ironCondor, leg, put, stockOrder } from './order-fixtures.ts';
import { validateOrder } from './validate.ts';

function refusal(order: OrderRequest): OrderRefusedError {
  try {
    validateOrder(order);
  } catch (error) {
    if (error instanceof OrderRefusedError) return error;
    throw error;
  }
  throw new Error('expected the order to be refused');
}

describe('validateOrder', () => {
  it('returns one line per leg with total quantities', () => {
    const lines = validateOrder(ironCondor(3));
    expect(lines.map((line) => [line.instrument.symbol, line.side, line.qty])).toEqual([
      [put(470), 'buy', 3],
      [put(480), 'sell', 3],
      [call(520), 'sell', 3],
      [call(530), 'buy', 3],
    ]);
    expect(validateOrder(stockOrder('buy', 2.5))[0]).toMatchObject({ side: 'buy', qty: 2.5 });
  });

  it('refuses a missing client_order_id, a non-positive qty and a limit order without a price', () => {
    expect(refusal(stockOrder('buy', 1, { clientOrderId: ' ' })).message).toMatch(
      /client_order_id is required/,
    );
    expect(refusal(stockOrder('buy', 0)).message).toMatch(/qty must be positive/);
    expect(refusal(stockOrder('buy', -2)).code).toBe('invalid_order');
    expect(refusal(stockOrder('buy', 1, { type: 'limit' })).message).toMatch(/needs limit_price/);
    expect(refusal(stockOrder('buy', 1, { limitPrice: 5 })).message).toMatch(/only for limit orders/);
  });

  it('refuses mleg orders with too few or too many legs, stock legs, or several underlyings', () => {
    expect(refusal(ironCondor(1, { legs: [leg('buy', put(470))] })).message).toMatch(/2–4 legs \(got 1\)/);
    const five = [470, 480, 490, 500, 510].map((strike) => leg('buy', put(strike)));
    expect(refusal(ironCondor(1, { legs: five })).message).toMatch(/got 5/);
    expect(refusal(ironCondor(1, { legs: [leg('buy', put(470)), leg('sell', 'SPY')] })).message).toMatch(
      /not an option/,
    );
    expect(
      refusal(ironCondor(1, { legs: [leg('buy', put(470)), leg('sell', 'QQQ260320P00400000')] })).message,
    ).toMatch(/one underlying/);
    expect(refusal(ironCondor(1, { legs: [leg('buy', put(470)), leg('sell', put(470))] })).message).toMatch(
      /different contract/,
    );
    expect(refusal(ironCondor(1.5)).message).toMatch(/whole contracts/);
  });

  it('refuses a simple order without symbol or side, or with an unreadable symbol', () => {
    expect(refusal({ ...stockOrder('buy', 1), symbol: undefined as unknown as string }).message).toMatch(
      /needs symbol/,
    );
    expect(refusal(stockOrder('buy', 1, { symbol: 'not a ticker' })).message).toMatch(/neither an OCC/);
    expect(refusal(stockOrder('buy', 1, { symbol: 'SPY261318C00600000' })).message).toMatch(/no such expiry/);
  });
});
