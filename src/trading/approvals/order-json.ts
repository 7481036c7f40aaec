/**
 * The order an approval holds, as stored and shown (snake_case, the broker request exactly as it will
 * be sent), and back to the broker's OrderRequest when a person approves it.
 */
import { z } from 'zod';
import type { OrderRequest } from '../broker/types.ts';

const positionIntent = z.enum(['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close']);

export const storedOrderSchema = z.object({
  client_order_id: z.string(),
  order_class: z.enum(['simple', 'mleg']),
  symbol: z.string().optional(),
  side: z.enum(['buy', 'sell']).optional(),
  position_intent: positionIntent.optional(),
  legs: z
    .array(
      z.object({
        symbol: z.string(),
        side: z.enum(['buy', 'sell']),
        ratio_qty: z.number(),
        position_intent: positionIntent.optional(),
      }),
    )
    .optional(),
  qty: z.number(),
  type: z.enum(['market', 'limit']),
  limit_price: z.number().optional(),
  time_in_force: z.enum(['day', 'gtc']),
});
export type StoredOrder = z.infer<typeof storedOrderSchema>;

export function storedOrder(order: OrderRequest): StoredOrder {
  return {
    client_order_id: order.clientOrderId,
    order_class: order.orderClass,
    ...(order.symbol !== undefined ? { symbol: order.symbol } : {}),
    ...(order.side !== undefined ? { side: order.side } : {}),
    ...(order.positionIntent !== undefined ? { position_intent: order.positionIntent } : {}),
    ...(order.legs
      ? {
          legs: order.legs.map((leg) => ({
            symbol: leg.symbol,
            side: leg.side,
            ratio_qty: leg.ratioQty,
            ...(leg.positionIntent ? { position_intent: leg.positionIntent } : {}),
          })),
        }
      : {}),
    qty: order.qty,
    type: order.type,
    ...(order.limitPrice !== undefined ? { limit_price: order.limitPrice } : {}),
    time_in_force: order.timeInForce,
  };
}

export function orderRequestOf(stored: Record<string, unknown>): OrderRequest {
  const order = storedOrderSchema.parse(stored);
  return {
    clientOrderId: order.client_order_id,
    orderClass: order.order_class,
    ...(order.symbol !== undefined ? { symbol: order.symbol } : {}),
    ...(order.side !== undefined ? { side: order.side } : {}),
    ...(order.position_intent !== undefined ? { positionIntent: order.position_intent } : {}),
    ...(order.legs
      ? {
          legs: order.legs.map((leg) => ({
            symbol: leg.symbol,
            side: leg.side,
            ratioQty: leg.ratio_qty,
            ...(leg.position_intent ? { positionIntent: leg.position_intent } : {}),
          })),
        }
      : {}),
    qty: order.qty,
    type: order.type,
    ...(order.limit_price !== undefined ? { limitPrice: order.limit_price } : {}),
    timeInForce: order.time_in_force,
  };
}

/** "buy 1 SPY261218C00600000" / "2 × [sell …, buy …]": an order in words when no better summary exists. */
export function orderWords(order: OrderRequest): string {
  const price =
    order.type === 'limit' && order.limitPrice !== undefined ? ` limit ${order.limitPrice}` : ' market';
  if (order.orderClass === 'simple')
    return `${order.side ?? '?'} ${order.qty} ${order.symbol ?? '?'}${price}`;
  const legs = (order.legs ?? []).map((leg) => `${leg.side} ${leg.ratioQty} ${leg.symbol}`).join(', ');
  return `${order.qty} × [${legs}]${price}`;
}
