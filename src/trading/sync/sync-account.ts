/**
 * Copies a broker account's orders and activities into Postgres. Both are keyed by the broker's ids,
 * so overlapping windows upsert rather than duplicate, and re-running a window changes nothing.
 *
 * The default window starts a few minutes before the last sync's end (an activity can be reported
 * late, with an earlier transaction time) or, on the first sync, 30 days back. Orders still open in
 * Postgres are refreshed too, however old: the window reaches back to the oldest of them.
 *
 * `activities_through` only advances when this window joined the synced history without a gap (it
 * started at or before the previous mark, or it was the default first window): a short sync after a
 * fill must not make the next default sync skip older history.
 */
import { and, eq, inArray, min } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { brokerOrders, brokerSyncState } from '../../db/schema-trading.ts';
import type { BrokerAccountRow } from '../accounts/store.ts';
import type { Broker } from '../broker/types.ts';
import { recordOrders } from '../orders/record.ts';
import { recordActivities } from './record-activities.ts';

export const SYNC_OVERLAP_MS = 5 * 60_000;
export const FIRST_SYNC_LOOKBACK_MS = 30 * 24 * 60 * 60_000;
/**
 * Statuses of an order that may still change (done_for_day: a GTC order resumes the next session;
 * held: a bracket's exit waiting for its entry).
 */
export const OPEN_ORDER_STATUSES = [
  'done_for_day',
  'new',
  'accepted',
  'pending_new',
  'partially_filled',
  'pending_cancel',
  'stopped',
  'suspended',
  'calculated',
  'held',
];

/** The window holds no time: its start (given, or the default) is not before its end. */
export class EmptySyncWindowError extends RangeError {
  override readonly name = 'EmptySyncWindowError';
}

export interface SyncInput {
  db: Database;
  account: Pick<BrokerAccountRow, 'id'>;
  broker: Broker;
  /** ISO 8601 window; defaults described above. */
  after?: string;
  until?: string;
  now?: () => Date;
}

export interface SyncResult {
  /** Orders and activities the broker reported in the window. */
  orders: number;
  activities: number;
  /** Rows that were new or changed. */
  changed: { orders: number; activities: number };
  after: string;
  through: string;
}

export async function syncAccount({
  db,
  account,
  broker,
  after,
  until,
  now,
}: SyncInput): Promise<SyncResult> {
  const clock = now ?? (() => new Date());
  const state = await syncState(db, account.id);
  const previous = state?.activitiesThrough ?? null;
  // Never past now: a mark in the future would make later syncs skip what happens until then.
  const current = clock();
  const windowEnd = until && Date.parse(until) < current.getTime() ? until : current.toISOString();
  const windowStart =
    after ??
    new Date(
      previous ? previous.getTime() - SYNC_OVERLAP_MS : Date.parse(windowEnd) - FIRST_SYNC_LOOKBACK_MS,
    ).toISOString();
  if (Date.parse(windowStart) >= Date.parse(windowEnd)) {
    throw new EmptySyncWindowError(
      `the sync window is empty: after ${windowStart} is not before until ${windowEnd}`,
    );
  }

  try {
    const ordersStart = await oldestOpenOrderBefore(db, account.id, windowStart);
    const [orders, activities] = await Promise.all([
      broker.orders({ status: 'all', after: ordersStart, until: windowEnd }),
      broker.activities({ after: windowStart, until: windowEnd }),
    ]);
    const recordedOrders = await recordOrders(db, account.id, orders);
    const changedActivities = await recordActivities(db, account.id, activities);

    const joins = previous ? Date.parse(windowStart) <= previous.getTime() : after === undefined;
    const end = new Date(windowEnd);
    const through = joins && (!previous || end > previous) ? end : previous;
    await saveState(
      db,
      account.id,
      { activitiesThrough: through, ordersThrough: through, lastError: null },
      clock(),
    );
    return {
      orders: orders.length,
      activities: activities.fills.length + activities.events.length,
      changed: { orders: recordedOrders.inserted + recordedOrders.updated, activities: changedActivities },
      after: windowStart,
      through: windowEnd,
    };
  } catch (error) {
    await saveState(
      db,
      account.id,
      {
        activitiesThrough: previous,
        ordersThrough: state?.ordersThrough ?? null,
        lastError: (error as Error).message,
      },
      clock(),
    );
    throw error;
  }
}

export async function syncState(
  db: Database,
  accountId: string,
): Promise<typeof brokerSyncState.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(brokerSyncState)
    .where(eq(brokerSyncState.accountId, accountId))
    .limit(1);
  return row;
}

async function saveState(
  db: Database,
  accountId: string,
  values: { activitiesThrough: Date | null; ordersThrough: Date | null; lastError: string | null },
  at: Date,
): Promise<void> {
  const row = { ...values, lastSyncedAt: at };
  await db
    .insert(brokerSyncState)
    .values({ accountId, ...row })
    .onConflictDoUpdate({ target: brokerSyncState.accountId, set: row });
}

/** The window start, pulled back to the oldest order Postgres still holds as open. */
async function oldestOpenOrderBefore(db: Database, accountId: string, windowStart: string): Promise<string> {
  const [row] = await db
    .select({ oldest: min(brokerOrders.submittedAt) })
    .from(brokerOrders)
    .where(and(eq(brokerOrders.accountId, accountId), inArray(brokerOrders.status, OPEN_ORDER_STATUSES)));
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  // The broker's `after` is exclusive: step one millisecond back to include the order itself.
  return oldest && oldest.getTime() - 1 < Date.parse(windowStart)
    ? new Date(oldest.getTime() - 1).toISOString()
    : windowStart;
}
