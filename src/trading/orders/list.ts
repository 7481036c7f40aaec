/** broker_orders as the API lists them: newest submitted first, keyset-paged on (submitted_at, id). */
import { and, desc, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { brokerOrders } from '../../db/schema-trading.ts';
import type { BrokerOrder } from '../broker/types.ts';
import { OPEN_ORDER_STATUSES } from '../sync/sync-account.ts';

export interface OrderPageQuery {
  status: 'open' | 'closed' | 'all';
  limit: number;
  /** The last row of the previous page: submitted_at as Postgres prints it, and the broker order id. */
  before?: { time: string; id: string } | undefined;
}

export interface ListedOrder {
  order: BrokerOrder;
  cursor: { time: string; id: string };
}

export async function listStoredOrders(
  db: Database,
  accountId: string,
  query: OrderPageQuery,
): Promise<ListedOrder[]> {
  const conditions: SQL[] = [eq(brokerOrders.accountId, accountId)];
  if (query.status === 'open') conditions.push(inArray(brokerOrders.status, OPEN_ORDER_STATUSES));
  if (query.status === 'closed') conditions.push(notInArray(brokerOrders.status, OPEN_ORDER_STATUSES));
  if (query.before) {
    conditions.push(
      sql`(${brokerOrders.submittedAt}, ${brokerOrders.brokerOrderId}) < (${query.before.time}::timestamptz, ${query.before.id})`,
    );
  }
  const rows = await db
    .select({
      order: brokerOrders.order,
      id: brokerOrders.brokerOrderId,
      time: sql<string>`${brokerOrders.submittedAt}::text`,
    })
    .from(brokerOrders)
    .where(and(...conditions))
    .orderBy(desc(brokerOrders.submittedAt), desc(brokerOrders.brokerOrderId))
    .limit(query.limit);
  return rows.map((row) => ({
    order: row.order as unknown as BrokerOrder,
    cursor: { time: row.time, id: row.id },
  }));
}
