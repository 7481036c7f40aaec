/**
 * Orders on Alpaca: idempotent placement by client_order_id, lookups, cancellation, and listing a
 * whole time window (Alpaca pages orders by time, not by token).
 */
import { z } from 'zod';
import type { BrokerOrder, OrderQuery, OrderRequest } from '../types.ts';
import { BrokerError } from '../types.ts';
import { type AlpacaClient, mapOrThrow, orNull } from './client.ts';
import { toBrokerOrder, toOrderBody } from './mapping.ts';
import { drainByTime } from './paging.ts';
import { wireOrder, wireOrders } from './wire-schemas.ts';

export const ORDER_PAGE_SIZE = 500;

/** DELETE answers 204 with no body: its success is the value (a recovered attempt returns the same). */
const cancelRequested = z.unknown().transform(() => 'cancel_requested' as const);
const CANCELED: ReadonlySet<string> = new Set(['canceled', 'pending_cancel']);

export function orderApi(client: AlpacaClient) {
  const byClientIdUrl = (clientOrderId: string) =>
    client.trading('/v2/orders:by_client_order_id', { client_order_id: clientOrderId });

  async function orderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
    const wire = await orNull(client.get(byClientIdUrl(clientOrderId), wireOrder));
    return wire === null ? null : mapOrThrow(() => toBrokerOrder(wire));
  }

  /**
   * A second submission under the same client_order_id never places a second order: Alpaca refuses
   * the duplicate (422) and the order already placed is returned. A POST whose answer is lost
   * (network error, timeout, 5xx, 429) is looked up by its client_order_id before being sent again.
   */
  async function submitOrder(order: OrderRequest): Promise<BrokerOrder> {
    try {
      const wire = await client.http.request({
        method: 'POST',
        url: client.trading('/v2/orders'),
        body: toOrderBody(order),
        schema: wireOrder,
        idempotent: false,
        recover: async () =>
          (await orNull(client.get(byClientIdUrl(order.clientOrderId), wireOrder))) ?? undefined,
      });
      return mapOrThrow(() => toBrokerOrder(wire));
    } catch (error) {
      if (isDuplicateClientOrderId(error)) {
        const existing = await orderByClientId(order.clientOrderId);
        if (existing) return existing;
      }
      throw error;
    }
  }

  /**
   * Alpaca refuses to cancel an order already canceled (422), so a DELETE is not blindly resent: when
   * an attempt's answer is lost, the order is looked up first, and one the lost attempt canceled ends
   * the request as done instead of as a refusal.
   */
  async function cancelOrder(orderId: string): Promise<void> {
    await client.http.request({
      method: 'DELETE',
      url: client.trading(`/v2/orders/${encodeURIComponent(orderId)}`),
      schema: cancelRequested,
      idempotent: false,
      recover: async () => {
        const current = await orNull(
          client.get(client.trading(`/v2/orders/${encodeURIComponent(orderId)}`), wireOrder),
        );
        return current && CANCELED.has(current.status) ? 'cancel_requested' : undefined;
      },
    });
  }

  async function order(orderId: string): Promise<BrokerOrder> {
    const wire = await client.get(
      client.trading(`/v2/orders/${encodeURIComponent(orderId)}`, { nested: 'true' }),
      wireOrder,
    );
    return mapOrThrow(() => toBrokerOrder(wire));
  }

  async function orders(query: OrderQuery): Promise<BrokerOrder[]> {
    const wires = await drainByTime('GET /v2/orders', ORDER_PAGE_SIZE, query.after, (after) =>
      client.get(
        client.trading('/v2/orders', {
          status: query.status,
          after,
          until: query.until,
          direction: 'asc',
          limit: ORDER_PAGE_SIZE,
          nested: 'true',
          symbols: query.symbols?.length ? query.symbols.join(',') : undefined,
        }),
        wireOrders,
      ),
    );
    return mapOrThrow(() => wires.map(toBrokerOrder));
  }

  return { submitOrder, cancelOrder, order, orderByClientId, orders };
}

function isDuplicateClientOrderId(error: unknown): boolean {
  return (
    error instanceof BrokerError &&
    error.code === 'rejected' &&
    /client_order_id must be unique|duplicate client_order_id/i.test(error.message)
  );
}
