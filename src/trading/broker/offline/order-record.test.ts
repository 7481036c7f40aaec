import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../types.ts';
import { closedOrder, filledOrder, isOpen, newOrder, requestOf } from './order-record.ts';
import { planOrder } from './validate-order.ts';

const AT = new Date('2026-12-07T15:30:00Z');
const LATER = new Date('2026-12-07T15:31:00Z');

const spread: OrderRequest = {
  clientOrderId: 'spread-1',
  orderClass: 'mleg',
  qty: 3,
  type: 'limit',
  limitPrice: 2.1,
  timeInForce: 'gtc',
  legs: [
    { symbol: 'SPY261218C00700000', side: 'buy', ratioQty: 1, positionIntent: 'buy_to_open' },
    { symbol: 'SPY261218C00710000', side: 'sell', ratioQty: 1, positionIntent: 'sell_to_open' },
  ],
};

function placed(request: OrderRequest) {
  const plan = planOrder(request, AT, new Map());
  return newOrder(request, plan, { order: 'o-1', legs: ['l-1', 'l-2'] }, AT);
}

describe('paper order records', () => {
  it('records a new multi-leg order with its legs and no symbol or side of its own', () => {
    const order = placed(spread);
    expect(order).toMatchObject({
      id: 'o-1',
      clientOrderId: 'spread-1',
      status: 'new',
      orderClass: 'mleg',
      symbol: null,
      side: null,
      qty: 3,
      limitPrice: 2.1,
      filledQty: 0,
      submittedAt: AT.toISOString(),
    });
    expect(order.legs.map((leg) => [leg.id, leg.symbol, leg.side, leg.positionIntent, leg.status])).toEqual([
      ['l-1', 'SPY261218C00700000', 'buy', 'buy_to_open', 'new'],
      ['l-2', 'SPY261218C00710000', 'sell', 'sell_to_open', 'new'],
    ]);
    expect(isOpen(order)).toBe(true);
  });

  it('turns a stored order back into the request it stands for', () => {
    expect(requestOf(placed(spread))).toEqual(spread);
    const stock: OrderRequest = {
      clientOrderId: 'stock-1',
      orderClass: 'simple',
      symbol: 'GLD',
      side: 'buy',
      qty: 2,
      type: 'market',
      timeInForce: 'day',
    };
    expect(requestOf(placed(stock))).toEqual(stock);
  });

  it('fills every leg at its price and the order at the net; cancels and expires legs with it', () => {
    const filled = filledOrder(placed(spread), { legs: [{ price: 6.2 }, { price: 4.15 }], net: 2.05 }, LATER);
    expect(filled).toMatchObject({
      status: 'filled',
      filledQty: 3,
      filledAvgPrice: 2.05,
      filledAt: LATER.toISOString(),
    });
    expect(filled.legs.map((leg) => [leg.status, leg.filledQty, leg.filledAvgPrice])).toEqual([
      ['filled', 3, 6.2],
      ['filled', 3, 4.15],
    ]);
    expect(isOpen(filled)).toBe(false);
    const canceled = closedOrder(placed(spread), 'canceled', LATER);
    expect(canceled).toMatchObject({ status: 'canceled', canceledAt: LATER.toISOString() });
    expect(canceled.legs.every((leg) => leg.status === 'canceled')).toBe(true);
    expect(closedOrder(placed(spread), 'expired', LATER)).toMatchObject({
      status: 'expired',
      canceledAt: null,
    });
  });
});
