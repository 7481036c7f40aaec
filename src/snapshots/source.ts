/**
 * Where snapshots get their market data: the first non-archived Alpaca account (paper before live,
 * oldest first — Alpaca serves the same market data to both, and a paper key risks nothing), else the
 * built-in offline paper account with its deterministic bundled market. Snapshots only read market
 * data, so any account's key will do; the choice is stable so consecutive snapshots share a source.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { brokerAccounts } from '../db/schema-trading.ts';
import { type BrokerAccountRow, ensureDefaultAccount } from '../trading/accounts/store.ts';
import { type BrokerEnvironment, openBroker } from '../trading/broker/factory.ts';
import type { Broker } from '../trading/broker/types.ts';

export async function snapshotAccount(db: Database): Promise<BrokerAccountRow> {
  const [alpaca] = await db
    .select()
    .from(brokerAccounts)
    .where(and(eq(brokerAccounts.broker, 'alpaca'), isNull(brokerAccounts.archivedAt)))
    .orderBy(
      sql`${brokerAccounts.mode} = 'paper' desc`,
      asc(brokerAccounts.createdAt),
      asc(brokerAccounts.id),
    )
    .limit(1);
  return alpaca ?? ensureDefaultAccount(db);
}

export interface SnapshotSource {
  account: BrokerAccountRow;
  broker: Broker;
}

export async function openSnapshotSource(
  db: Database,
  env: BrokerEnvironment,
  now?: () => Date,
): Promise<SnapshotSource> {
  const account = await snapshotAccount(db);
  const broker = await openBroker(account, { db, env, ...(now ? { now } : {}) });
  return { account, broker };
}
