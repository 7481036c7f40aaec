/**
 * Orders that close a position strategy or one of its legs: buy to close what is short, sell to
 * close what is long, as one multi-leg order description. The client_order_id is derived from the
 * strategy id, what is being closed and a caller-given request key, so a retry of the same request
 * produces the same id and the broker rejects it as a duplicate instead of placing a second order.
 * A new attempt (after a cancel, say) needs a new request key.
 */
import { TradeInputError } from '../trades/errors.ts';
import { QTY_EPSILON } from '../trades/money.ts';
import { stableId } from '../trades/stable-id.ts';
import type { PositionLeg } from './broker-position.ts';
import type { PositionStrategy } from './strategies.ts';

/** Alpaca's multi-leg (mleg) orders take at most four legs. */
export const MAX_ORDER_LEGS = 4;
/** Alpaca's limit on client_order_id. */
const MAX_CLIENT_ORDER_ID = 128;

export interface ClosingOrderLeg {
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  position_intent: 'buy_to_close' | 'sell_to_close';
}

export interface ClosingOrder {
  client_order_id: string;
  legs: ClosingOrderLeg[];
}

export function closeStrategyOrder(strategy: PositionStrategy, requestKey: string): ClosingOrder {
  if (strategy.legs.length > MAX_ORDER_LEGS) {
    throw new TradeInputError(
      `strategy ${strategy.id} has ${strategy.legs.length} legs; one order closes at most ${MAX_ORDER_LEGS}: close its legs separately`,
    );
  }
  return {
    client_order_id: clientOrderId(strategy, 'all', requestKey),
    legs: strategy.legs.map((leg) => closingLeg(leg, leg.qty)),
  };
}

/**
 * Closes one leg, named by its symbol or its id; all of it unless `qty` asks for less. The quantity
 * is part of the client_order_id, so "close 1" and "close all" under one key stay distinct orders.
 */
export function closeLegOrder(
  strategy: PositionStrategy,
  leg: string,
  requestKey: string,
  qty?: number,
): ClosingOrder {
  const held = strategy.legs.find((candidate) => candidate.symbol === leg || candidate.id === leg);
  if (!held) throw new TradeInputError(`strategy ${strategy.id} has no leg ${JSON.stringify(leg)}`);
  const closing = qty ?? held.qty;
  if (!(closing > QTY_EPSILON && closing <= held.qty + QTY_EPSILON)) {
    throw new TradeInputError(
      `qty ${closing} must be positive and at most the ${held.qty} held of ${held.symbol}`,
    );
  }
  return {
    client_order_id: clientOrderId(strategy, `${held.symbol}x${closing}`, requestKey),
    legs: [closingLeg(held, closing)],
  };
}

function closingLeg(leg: PositionLeg, qty: number): ClosingOrderLeg {
  return leg.direction === 'short'
    ? { symbol: leg.symbol, side: 'buy', qty, position_intent: 'buy_to_close' }
    : { symbol: leg.symbol, side: 'sell', qty, position_intent: 'sell_to_close' };
}

function clientOrderId(strategy: PositionStrategy, scope: string, requestKey: string): string {
  if (requestKey.trim() === '')
    throw new TradeInputError('a request key is required to make the close idempotent');
  const id = stableId(`${strategy.id}_close`, [scope, requestKey]);
  // pos_<16 hex>_close_<16 hex>: 42 characters, well inside the broker's limit.
  if (id.length > MAX_CLIENT_ORDER_ID) throw new TradeInputError(`client_order_id ${id} is too long`);
  return id;
}
