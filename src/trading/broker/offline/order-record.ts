/**
 * Paper orders in the Broker interface's shape (BrokerOrder), from submission through fill, cancel or
 * expiry. Pure: ids and instants come from the caller.
 */
import {
  type BrokerOrder,
  type BrokerOrderLeg,
  isPlaceableOrderType,
  isPlaceableTimeInForce,
  type OrderRequest,
} from '../types.ts';
import type { NetFill } from './fill-model.ts';
import type { PlannedOrder } from './validate-order.ts';

export const OPEN_STATUSES = ['new', 'accepted', 'pending_new', 'partially_filled'] as const;

export function isOpen(order: BrokerOrder): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(order.status);
}

export function newOrder(
  request: OrderRequest,
  plan: PlannedOrder,
  ids: { order: string; legs: string[] },
  at: Date,
): BrokerOrder {
  const time = at.toISOString();
  const simple = request.orderClass === 'simple';
  const legs: BrokerOrderLeg[] = simple
    ? []
    : plan.legs.map((leg, index) => ({
        id: ids.legs[index] ?? `${ids.order}-${index}`,
        symbol: leg.symbol,
        side: leg.side,
        ratioQty: leg.ratio,
        positionIntent: leg.intent,
        status: 'new',
        filledQty: 0,
        filledAvgPrice: null,
      }));
  return {
    id: ids.order,
    clientOrderId: request.clientOrderId,
    status: 'new',
    orderClass: request.orderClass,
    type: request.type,
    timeInForce: request.timeInForce,
    symbol: simple ? (plan.legs[0]?.symbol ?? null) : null,
    side: simple ? (plan.legs[0]?.side ?? null) : null,
    qty: plan.qty,
    filledQty: 0,
    filledAvgPrice: null,
    limitPrice: plan.limit,
    legs,
    createdAt: time,
    submittedAt: time,
    updatedAt: time,
    filledAt: null,
    canceledAt: null,
  };
}

export function filledOrder(order: BrokerOrder, fill: NetFill, at: Date): BrokerOrder {
  const time = at.toISOString();
  return {
    ...order,
    status: 'filled',
    filledQty: order.qty,
    filledAvgPrice: fill.net,
    updatedAt: time,
    filledAt: time,
    legs: order.legs.map((leg, index) => ({
      ...leg,
      status: 'filled',
      filledQty: order.qty * leg.ratioQty,
      filledAvgPrice: fill.legs[index]?.price ?? null,
    })),
  };
}

export function closedOrder(order: BrokerOrder, status: 'canceled' | 'expired', at: Date): BrokerOrder {
  const time = at.toISOString();
  return {
    ...order,
    status,
    updatedAt: time,
    canceledAt: status === 'canceled' ? time : order.canceledAt,
    legs: order.legs.map((leg) => ({ ...leg, status })),
  };
}

/**
 * The request a resting order stands for, so a later fill re-checks it against the account as it is
 * then. A simple order's position intent is not part of BrokerOrder: its fill infers it from holdings.
 */
export function requestOf(order: BrokerOrder): OrderRequest {
  const { type, timeInForce } = order;
  // The offline broker holds only orders it placed from an OrderRequest: always placeable kinds.
  if (!isPlaceableOrderType(type) || !isPlaceableTimeInForce(timeInForce)) {
    throw new Error(
      `offline order ${order.id} is ${type}/${timeInForce}, not a kind the offline broker places`,
    );
  }
  const base = {
    clientOrderId: order.clientOrderId,
    qty: order.qty,
    type,
    timeInForce,
    ...(order.limitPrice === null ? {} : { limitPrice: order.limitPrice }),
  };
  if (order.orderClass === 'mleg') {
    return {
      ...base,
      orderClass: 'mleg',
      legs: order.legs.map((leg) => ({
        symbol: leg.symbol,
        side: leg.side,
        ratioQty: leg.ratioQty,
        ...(leg.positionIntent ? { positionIntent: leg.positionIntent } : {}),
      })),
    };
  }
  return {
    ...base,
    orderClass: 'simple',
    ...(order.symbol === null ? {} : { symbol: order.symbol }),
    ...(order.side === null ? {} : { side: order.side }),
  };
}
