/**
 * What the Worker asked of PostgreSQL, counted by the server itself: transactions (every statement
 * outside an explicit transaction is one), rows written and read, and sessions opened, for the
 * scratch database only (pg_stat_database). Divided by the number of turns it says how many round
 * trips and connections a turn costs.
 *
 * The counters lag: a backend reports its statistics at most once a second, and an idle one only
 * after `PGSTAT_IDLE_INTERVAL` (10 s), so a reading is taken only once that long has passed since the
 * last work. Exited backends (one per HTTP request, see src/http/database.ts) report as they exit.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';

/** Longer than PostgreSQL's idle statistics interval (10 s). */
export const PG_STATS_SETTLE_MS = 11_000;

export interface PgActivity {
  transactions: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsDeleted: number;
  rowsFetched: number;
  sessions: number;
}

/** Waits for the counters to settle, then reads them. */
export async function settledPgActivity(db: Database): Promise<PgActivity> {
  await sleep(PG_STATS_SETTLE_MS);
  // A fresh snapshot: within a transaction PostgreSQL would keep returning the first one it took.
  await db.execute(sql`select pg_stat_clear_snapshot()`);
  const result = await db.execute(sql`
    select xact_commit + xact_rollback as transactions, tup_inserted, tup_updated, tup_deleted, tup_fetched,
           sessions
    from pg_stat_database where datname = current_database()`);
  const row = (result as unknown as { rows: Record<string, string | number>[] }).rows[0] ?? {};
  const value = (name: string): number => Number(row[name] ?? Number.NaN);
  return {
    transactions: value('transactions'),
    rowsInserted: value('tup_inserted'),
    rowsUpdated: value('tup_updated'),
    rowsDeleted: value('tup_deleted'),
    rowsFetched: value('tup_fetched'),
    sessions: value('sessions'),
  };
}

/** Per-unit difference between two readings (e.g. per turn), the reading's own query discounted. */
export function activityPer(before: PgActivity, after: PgActivity, units: number): PgActivity {
  // Each reading runs two statements (clear snapshot, select) in the bench's own session.
  const readingTransactions = 2;
  const per = (key: keyof PgActivity, own = 0): number => (after[key] - before[key] - own) / units;
  return {
    transactions: per('transactions', readingTransactions),
    rowsInserted: per('rowsInserted'),
    rowsUpdated: per('rowsUpdated'),
    rowsDeleted: per('rowsDeleted'),
    rowsFetched: per('rowsFetched'),
    sessions: per('sessions'),
  };
}
