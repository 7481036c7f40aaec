/**
 * The shape rules every order must meet before limits are even considered: a positive quantity, a
 * limit price on limit orders, a symbol and side on simple orders, and 2–4 option legs on one
 * underlying (distinct contracts) on multi-leg orders. Pure: no broker, no database.
 */

import type { OrderRequest } from '../broker/types.ts';
import { TradeInputError } from '../trades/errors.ts';
import { instrumentOf } from '../trades/instrument.ts';
import type { Instrument } from '../trades/types.ts';
import { OrderRefusedError } from './errors.ts';

export const MIN_MLEG_LEGS = 2;
export const MAX_MLEG_LEGS = 4;
/** Alpaca's limit on client_order_id. */
export const MAX_CLIENT_ORDER_ID = 128;

/** One line of an order, whatever its class: what is traded, which way, how many in all. */
export interface OrderLine {
  instrument: Instrument;
  side: 'buy' | 'sell';
  /** Total contracts or shares (the leg's ratio × the order's qty). */
  qty: number;
  positionIntent: OrderRequest['positionIntent'] | null;
}

/** Checks the order and returns its lines; throws OrderRefusedError('invalid_order') naming the fault. */
export function validateOrder(order: OrderRequest): OrderLine[] {
  const clientOrderId = order.clientOrderId?.trim() ?? '';
  if (clientOrderId === '') invalid('client_order_id is required (it makes the order safe to retry)');
  if (clientOrderId.length > MAX_CLIENT_ORDER_ID) {
    invalid(`client_order_id must be at most ${MAX_CLIENT_ORDER_ID} characters`);
  }
  if (!(Number.isFinite(order.qty) && order.qty > 0)) invalid(`qty must be positive (got ${order.qty})`);
  if (order.type === 'limit') {
    if (order.limitPrice === undefined || !Number.isFinite(order.limitPrice)) {
      invalid('a limit order needs limit_price');
    }
  } else if (order.limitPrice !== undefined) {
    invalid('limit_price is only for limit orders');
  }
  return order.orderClass === 'mleg' ? multiLegLines(order) : [simpleLine(order)];
}

function simpleLine(order: OrderRequest): OrderLine {
  if (order.legs !== undefined && order.legs.length > 0) invalid('legs are only for mleg orders');
  if (!order.symbol) invalid('a simple order needs symbol');
  if (order.side !== 'buy' && order.side !== 'sell') invalid('a simple order needs side (buy or sell)');
  const instrument = instrumentOrRefuse(order.symbol);
  if (order.type === 'limit' && (order.limitPrice ?? 0) <= 0) {
    invalid('limit_price must be positive on a simple order');
  }
  if (instrument.kind === 'option' && !Number.isInteger(order.qty)) {
    invalid('option orders trade whole contracts: qty must be an integer');
  }
  return { instrument, side: order.side, qty: order.qty, positionIntent: order.positionIntent ?? null };
}

function multiLegLines(order: OrderRequest): OrderLine[] {
  if (order.symbol !== undefined || order.side !== undefined) {
    invalid('an mleg order takes symbol and side per leg, not on the order');
  }
  const legs = order.legs ?? [];
  if (legs.length < MIN_MLEG_LEGS || legs.length > MAX_MLEG_LEGS) {
    invalid(`an mleg order has ${MIN_MLEG_LEGS}–${MAX_MLEG_LEGS} legs (got ${legs.length})`);
  }
  if (!Number.isInteger(order.qty)) invalid('option orders trade whole contracts: qty must be an integer');
  const lines = legs.map((leg, index): OrderLine => {
    const instrument = instrumentOrRefuse(leg.symbol, `legs[${index}]`);
    if (instrument.kind !== 'option')
      invalid(`legs[${index}]: ${leg.symbol} is not an option; mleg legs are options`);
    if (!(Number.isInteger(leg.ratioQty) && leg.ratioQty > 0)) {
      invalid(`legs[${index}]: ratio_qty must be a positive integer`);
    }
    if (leg.side !== 'buy' && leg.side !== 'sell') invalid(`legs[${index}]: side must be buy or sell`);
    return {
      instrument,
      side: leg.side,
      qty: leg.ratioQty * order.qty,
      positionIntent: leg.positionIntent ?? null,
    };
  });
  const underlyings = new Set(lines.map((line) => line.instrument.underlying));
  if (underlyings.size > 1) {
    invalid(`all legs of an mleg order are on one underlying (got ${[...underlyings].join(', ')})`);
  }
  const symbols = new Set(lines.map((line) => line.instrument.symbol));
  if (symbols.size !== lines.length) invalid('each leg of an mleg order is a different contract');
  return lines;
}

function instrumentOrRefuse(symbol: string, where?: string): Instrument {
  try {
    return instrumentOf(symbol);
  } catch (error) {
    if (error instanceof TradeInputError) invalid(where ? `${where}: ${error.message}` : error.message);
    throw error;
  }
}

function invalid(message: string): never {
  throw new OrderRefusedError('invalid_order', message);
}
