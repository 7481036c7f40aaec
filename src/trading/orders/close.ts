/**
 * Closing a position strategy, or one leg of it, through placeOrder. The client_order_id comes from
 * the strategy id, what is closed and the caller's request key (positions/closing-orders.ts), so a
 * retried close returns the first close's order. A retry can arrive after that order filled, when
 * the strategy no longer exists: the orders already stored under the strategy's close prefix are
 * checked first, matching the request key exactly.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { brokerOrders } from '../../db/schema-trading.ts';
import type { BrokerAccountRow } from '../accounts/store.ts';
import type { Broker, BrokerOrder, OrderRequest } from '../broker/types.ts';
import { type ClosingOrder, closeLegOrder, closeStrategyOrder, groupPositions } from '../positions/index.ts';
import { TradeInputError } from '../trades/errors.ts';
import { stableId } from '../trades/stable-id.ts';
import { OrderRefusedError } from './errors.ts';
import { type PlacedOrder, placeOrderOnce } from './place.ts';

export interface CloseInput {
  db: Database;
  account: BrokerAccountRow;
  broker: Broker;
  strategyId: string;
  requestKey: string;
  /** A leg's symbol or id: close only it (all of it unless qty says less). */
  leg?: string;
  qty?: number;
}

export class StrategyNotFoundError extends Error {
  override readonly name = 'StrategyNotFoundError';
}

export async function closePosition(input: CloseInput): Promise<PlacedOrder> {
  const { db, account, broker, strategyId, requestKey } = input;
  const earlier = await earlierClose(db, account.id, strategyId, requestKey);
  if (earlier) return { order: earlier, created: false };

  const strategy = groupPositions(account.id, await broker.positions()).find((s) => s.id === strategyId);
  if (!strategy) {
    throw new StrategyNotFoundError(
      `Position strategy ${strategyId} is not held (closed already, or its legs changed: reload the positions)`,
    );
  }
  let closing: ClosingOrder;
  try {
    closing =
      input.leg === undefined
        ? closeStrategyOrder(strategy, requestKey)
        : closeLegOrder(strategy, input.leg, requestKey, input.qty);
  } catch (error) {
    // An unknown leg, more than is held, too many legs for one order: the request's fault.
    if (error instanceof TradeInputError) throw new OrderRefusedError('invalid_order', error.message);
    throw error;
  }
  return placeOrderOnce({ db, account, broker, order: closingOrderRequest(closing) });
}

/** One leg: a simple order. Several: an mleg market order, quantities as ratios of their common divisor. */
export function closingOrderRequest(closing: ClosingOrder): OrderRequest {
  const base = {
    clientOrderId: closing.client_order_id,
    type: 'market' as const,
    timeInForce: 'day' as const,
  };
  const [only, ...others] = closing.legs;
  if (only && others.length === 0) {
    return {
      ...base,
      orderClass: 'simple',
      symbol: only.symbol,
      side: only.side,
      positionIntent: only.position_intent,
      qty: only.qty,
    };
  }
  const unit = closing.legs.map((leg) => leg.qty).reduce(gcd);
  return {
    ...base,
    orderClass: 'mleg',
    qty: unit,
    legs: closing.legs.map((leg) => ({
      symbol: leg.symbol,
      side: leg.side,
      ratioQty: leg.qty / unit,
      positionIntent: leg.position_intent,
    })),
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A close already placed under this strategy and request key, whatever it closed. */
async function earlierClose(
  db: Database,
  accountId: string,
  strategyId: string,
  requestKey: string,
): Promise<BrokerOrder | null> {
  const prefix = `${strategyId}_close`;
  const rows = await db
    .select({ clientOrderId: brokerOrders.clientOrderId, order: brokerOrders.order })
    .from(brokerOrders)
    .where(
      and(
        eq(brokerOrders.accountId, accountId),
        sql`left(${brokerOrders.clientOrderId}, ${prefix.length + 1}) = ${`${prefix}_`}`,
      ),
    );
  for (const row of rows) {
    const order = row.order as unknown as BrokerOrder;
    const scopes = ['all'];
    const single = order.orderClass === 'simple' ? order.symbol : null;
    if (single) scopes.push(`${single}x${order.qty}`);
    if (scopes.some((scope) => stableId(prefix, [scope, requestKey]) === row.clientOrderId)) return order;
  }
  return null;
}
