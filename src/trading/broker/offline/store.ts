/**
 * The paper broker's tables (src/db/schema-trading.ts): the account row (locked by every write, so
 * one account's orders, fills and settlements happen one at a time), the order book and the ledger.
 */
import { and, asc, desc, eq, gt, inArray, lte, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import {
  type ActivityKind,
  paperAccounts,
  paperActivities,
  paperOrders,
} from '../../../db/schema-trading.ts';
import type { ActivityQuery, BrokerFill, BrokerOrder, OptionEvent, OrderQuery } from '../types.ts';
import type { LedgerEntry } from './ledger.ts';
import { OPEN_STATUSES } from './order-record.ts';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
type Executor = Database | Transaction;

export const STARTING_CASH = 100_000;

export interface StoredEntry extends LedgerEntry {
  kind: ActivityKind;
  payload: BrokerFill | OptionEvent;
}

/**
 * The account's paper row, created on first use with the starting cash, and locked until the
 * transaction ends: concurrent calls for one account queue here.
 */
export async function lockPaperAccount(
  tx: Transaction,
  accountId: string,
  at: Date,
): Promise<{ startingCash: number }> {
  const [row] = await tx
    .insert(paperAccounts)
    .values({ accountId, startingCash: STARTING_CASH, createdAt: at })
    .onConflictDoUpdate({
      target: paperAccounts.accountId,
      set: { startingCash: sql`${paperAccounts.startingCash}` },
    })
    .returning({ startingCash: paperAccounts.startingCash });
  if (!row) throw new Error(`paper account ${accountId} could not be opened`);
  return row;
}

export async function loadLedger(tx: Executor, accountId: string): Promise<LedgerEntry[]> {
  const rows = await tx
    .select()
    .from(paperActivities)
    .where(eq(paperActivities.accountId, accountId))
    .orderBy(asc(paperActivities.id));
  return rows.map((row) => ({
    id: row.id,
    symbol: row.symbol,
    qtyDelta: row.qtyDelta,
    cashDelta: row.cashDelta,
    price: Number((row.payload as { price?: number }).price ?? 0),
    transactionTime: row.transactionTime,
  }));
}

export async function insertEntries(
  tx: Transaction,
  accountId: string,
  entries: readonly StoredEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(paperActivities).values(
    entries.map((entry) => ({
      accountId,
      id: entry.id,
      kind: entry.kind,
      transactionTime: entry.transactionTime,
      symbol: entry.symbol,
      qtyDelta: entry.qtyDelta,
      cashDelta: entry.cashDelta,
      payload: { ...entry.payload } as Record<string, unknown>,
    })),
  );
}

function toOrder(row: { order: Record<string, unknown> }): BrokerOrder {
  return row.order as unknown as BrokerOrder;
}

export async function insertOrder(tx: Transaction, accountId: string, order: BrokerOrder): Promise<void> {
  await tx.insert(paperOrders).values({
    id: order.id,
    accountId,
    clientOrderId: order.clientOrderId,
    status: order.status,
    order: { ...order } as Record<string, unknown>,
    createdAt: new Date(order.createdAt),
    updatedAt: new Date(order.updatedAt),
  });
}

export async function updateOrder(tx: Transaction, accountId: string, order: BrokerOrder): Promise<void> {
  await tx
    .update(paperOrders)
    .set({
      status: order.status,
      order: { ...order } as Record<string, unknown>,
      updatedAt: new Date(order.updatedAt),
    })
    .where(and(eq(paperOrders.accountId, accountId), eq(paperOrders.id, order.id)));
}

export async function openOrders(tx: Executor, accountId: string): Promise<BrokerOrder[]> {
  const rows = await tx
    .select({ order: paperOrders.order })
    .from(paperOrders)
    .where(and(eq(paperOrders.accountId, accountId), inArray(paperOrders.status, [...OPEN_STATUSES])))
    .orderBy(asc(paperOrders.createdAt), asc(paperOrders.id));
  return rows.map(toOrder);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findOrder(
  tx: Executor,
  accountId: string,
  orderId: string,
): Promise<BrokerOrder | undefined> {
  if (!UUID.test(orderId)) return undefined;
  const [row] = await tx
    .select({ order: paperOrders.order })
    .from(paperOrders)
    .where(and(eq(paperOrders.accountId, accountId), eq(paperOrders.id, orderId)));
  return row ? toOrder(row) : undefined;
}

export async function findOrderByClientId(
  tx: Executor,
  accountId: string,
  clientOrderId: string,
): Promise<BrokerOrder | undefined> {
  const [row] = await tx
    .select({ order: paperOrders.order })
    .from(paperOrders)
    .where(and(eq(paperOrders.accountId, accountId), eq(paperOrders.clientOrderId, clientOrderId)));
  return row ? toOrder(row) : undefined;
}

/** Newest first, as Alpaca lists orders; `after` is exclusive, `until` inclusive, on submission time. */
export async function listOrders(tx: Executor, accountId: string, query: OrderQuery): Promise<BrokerOrder[]> {
  const conditions: SQL[] = [eq(paperOrders.accountId, accountId)];
  if (query.status === 'open') conditions.push(inArray(paperOrders.status, [...OPEN_STATUSES]));
  if (query.status === 'closed') conditions.push(notInArray(paperOrders.status, [...OPEN_STATUSES]));
  if (query.after) conditions.push(gt(paperOrders.createdAt, new Date(query.after)));
  if (query.until) conditions.push(lte(paperOrders.createdAt, new Date(query.until)));
  const rows = await tx
    .select({ order: paperOrders.order })
    .from(paperOrders)
    .where(and(...conditions))
    .orderBy(desc(paperOrders.createdAt), desc(paperOrders.id));
  const orders = rows.map(toOrder);
  if (!query.symbols || query.symbols.length === 0) return orders;
  const wanted = new Set(query.symbols);
  return orders.filter(
    (order) =>
      (order.symbol !== null && wanted.has(order.symbol)) || order.legs.some((leg) => wanted.has(leg.symbol)),
  );
}

/**
 * One page of the ledger after the id `cursor`, in id order, within the query's time window
 * (`after` exclusive, `until` inclusive).
 */
export async function activityPage(
  tx: Executor,
  accountId: string,
  query: ActivityQuery,
  cursor: string | null,
  limit: number,
): Promise<{ id: string; kind: ActivityKind; payload: Record<string, unknown> }[]> {
  const conditions: SQL[] = [eq(paperActivities.accountId, accountId)];
  if (cursor !== null) conditions.push(gt(paperActivities.id, cursor));
  if (query.after) conditions.push(gt(paperActivities.transactionTime, new Date(query.after)));
  if (query.until) conditions.push(lte(paperActivities.transactionTime, new Date(query.until)));
  return tx
    .select({ id: paperActivities.id, kind: paperActivities.kind, payload: paperActivities.payload })
    .from(paperActivities)
    .where(and(...conditions))
    .orderBy(asc(paperActivities.id))
    .limit(limit);
}
