/** Test fixtures only: order requests and quotes on SPY options (symbols from trades/fill-fixtures). */
import type { OrderLegRequest, OrderRequest, Quote } from '../broker/types.ts';
import { call, put } from '../trades/fill-fixtures.ts';

export { call, put };

export function quote(symbol: string, bid: number, ask: number): Quote {
  return { symbol, bid, ask, bidSize: 10, askSize: 10, time: '2026-03-02T15:00:00Z' };
}

export function leg(
  side: 'buy' | 'sell',
  symbol: string,
  positionIntent?: OrderLegRequest['positionIntent'],
): OrderLegRequest {
  return { symbol, side, ratioQty: 1, ...(positionIntent ? { positionIntent } : {}) };
}

/** Short 480/520, long 470/530: 10-wide wings. */
export function ironCondor(qty = 1, extra: Partial<OrderRequest> = {}): OrderRequest {
  return {
    clientOrderId: 'condor-1',
    orderClass: 'mleg',
    legs: [leg('buy', put(470)), leg('sell', put(480)), leg('sell', call(520)), leg('buy', call(530))],
    qty,
    type: 'market',
    timeInForce: 'day',
    ...extra,
  };
}

export function stockOrder(
  side: 'buy' | 'sell',
  qty: number,
  extra: Partial<OrderRequest> = {},
): OrderRequest {
  return {
    clientOrderId: 'stock-1',
    orderClass: 'simple',
    symbol: 'SPY',
    side,
    qty,
    type: 'market',
    timeInForce: 'day',
    ...extra,
  };
}

export const condorQuotes = [
  quote(put(470), 0.8, 1.0),
  quote(put(480), 1.9, 2.1),
  quote(call(520), 1.7, 1.9),
  quote(call(530), 0.8, 1.0),
];
