import { describe, expect, it } from 'vitest';
import type { BrokerOrder, OrderRequest } from '../broker/types.ts';
import { call, ironCondor, put, stockOrder } from './order-fixtures.ts';
import { differencesFrom } from './same-order.ts';

/** The order a broker would report for a request. */
function placedAs(request: OrderRequest): BrokerOrder {
  const at = '2026-03-02T15:00:00Z';
  return {
    id: 'order-1',
    clientOrderId: request.clientOrderId,
    status: 'filled',
    orderClass: request.orderClass,
    type: request.type,
    timeInForce: request.timeInForce,
    symbol: request.symbol ?? null,
    side: request.side ?? null,
    qty: request.qty,
    filledQty: request.qty,
    filledAvgPrice: 1,
    limitPrice: request.limitPrice ?? null,
    legs: (request.legs ?? []).map((leg, index) => ({
      id: `leg-${index}`,
      symbol: leg.symbol,
      side: leg.side,
      ratioQty: leg.ratioQty,
      positionIntent: leg.positionIntent ?? 'buy_to_open',
      status: 'filled',
      filledQty: request.qty * leg.ratioQty,
      filledAvgPrice: 1,
    })),
    createdAt: at,
    submittedAt: at,
    updatedAt: at,
    filledAt: at,
    canceledAt: null,
  };
}

describe('differencesFrom', () => {
  it('finds none for a resent order, whatever intents the broker filled in', () => {
    expect(differencesFrom(stockOrder('buy', 3), placedAs(stockOrder('buy', 3)))).toEqual([]);
    expect(differencesFrom(ironCondor(2), placedAs(ironCondor(2)))).toEqual([]);
  });

  it('names what differs: quantity, side, price, legs', () => {
    expect(differencesFrom(stockOrder('buy', 3), placedAs(stockOrder('sell', 4)))).toEqual([
      'qty: 3 ≠ 4',
      'side: "buy" ≠ "sell"',
    ]);
    const limit = stockOrder('buy', 1, { type: 'limit', limitPrice: 5 });
    expect(differencesFrom(limit, placedAs({ ...limit, limitPrice: 6 }))).toEqual(['limit_price: 5 ≠ 6']);
    const swapped = ironCondor(1, {
      legs: [
        { symbol: put(470), side: 'buy', ratioQty: 1 },
        { symbol: call(530), side: 'buy', ratioQty: 1 },
      ],
    });
    expect(differencesFrom(swapped, placedAs(ironCondor(1)))[0]).toMatch(/^legs: /);
  });
});
