/**
 * broker_orders rows: the broker's view of each order, keyed by (account, broker order id). A row is
 * rewritten only when the broker's order differs from the stored one, so re-syncing an unchanged
 * window changes nothing (synced_at included).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { brokerOrders } from '../../db/schema-trading.ts';
import type { BrokerOrder } from '../broker/types.ts';

export type BrokerOrderRow = typeof brokerOrders.$inferSelect;

function rowOf(accountId: string, order: BrokerOrder): typeof brokerOrders.$inferInsert {
  return {
    accountId,
    brokerOrderId: order.id,
    clientOrderId: order.clientOrderId,
    status: order.status,
    symbol: order.symbol,
    side: order.side,
    orderClass: order.orderClass,
    orderType: order.type,
    qty: order.qty,
    filledQty: order.filledQty,
    filledAvgPrice: order.filledAvgPrice,
    limitPrice: order.limitPrice,
    order: order as unknown as Record<string, unknown>,
    submittedAt: new Date(order.submittedAt),
    brokerUpdatedAt: new Date(order.updatedAt),
  };
}

/** Upserts the orders; returns how many rows were inserted and how many changed. */
export async function recordOrders(
  db: Database,
  accountId: string,
  orders: readonly BrokerOrder[],
): Promise<{ inserted: number; updated: number; insertedIds: Set<string> }> {
  const insertedIds = new Set<string>();
  let updated = 0;
  for (const order of orders) {
    const row = rowOf(accountId, order);
    const [inserted] = await db
      .insert(brokerOrders)
      .values(row)
      .onConflictDoNothing({ target: [brokerOrders.accountId, brokerOrders.brokerOrderId] })
      .returning({ id: brokerOrders.brokerOrderId });
    if (inserted) {
      insertedIds.add(order.id);
      continue;
    }
    const { accountId: _account, brokerOrderId: _id, ...changes } = row;
    const changed = await db
      .update(brokerOrders)
      .set({ ...changes, syncedAt: sql`now()` })
      .where(
        and(
          eq(brokerOrders.accountId, accountId),
          eq(brokerOrders.brokerOrderId, order.id),
          sql`${brokerOrders.order} is distinct from ${JSON.stringify(order)}::jsonb`,
        ),
      )
      .returning({ id: brokerOrders.brokerOrderId });
    updated += changed.length;
  }
  return { inserted: insertedIds.size, updated, insertedIds };
}

/** Records one order; `created` says whether this call stored it first. */
export async function recordOrder(db: Database, accountId: string, order: BrokerOrder): Promise<boolean> {
  const { insertedIds } = await recordOrders(db, accountId, [order]);
  return insertedIds.has(order.id);
}

export async function storedOrderByClientId(
  db: Database,
  accountId: string,
  clientOrderId: string,
): Promise<BrokerOrder | null> {
  const [row] = await db
    .select({ order: brokerOrders.order })
    .from(brokerOrders)
    .where(and(eq(brokerOrders.accountId, accountId), eq(brokerOrders.clientOrderId, clientOrderId)))
    .limit(1);
  return row ? (row.order as unknown as BrokerOrder) : null;
}
