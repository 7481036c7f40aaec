/**
 * Where snapshots get their market data. `SNAPSHOT_ACCOUNT_ID` (or a manual run's `account_id`) pins
 * an account; otherwise the first non-archived Alpaca account (paper before live, oldest first:
 * Alpaca serves the same market data to both, and a paper key risks nothing), else the built-in
 * offline paper account with its deterministic bundled market. Snapshots only read market data, so
 * any account's key will do; the rule is stable so consecutive snapshots share a source.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { brokerAccounts } from '../db/schema-trading.ts';
import { isUuid } from '../db/uuid.ts';
import {
  type BrokerAccountRow,
  DEFAULT_ACCOUNT_ID,
  ensureDefaultAccount,
  findAccount,
} from '../trading/accounts/store.ts';
import { type BrokerEnvironment, openBroker } from '../trading/broker/factory.ts';
import type { Broker } from '../trading/broker/types.ts';

/** The pinned account is not an account id, does not exist or is archived. */
export class SnapshotAccountNotFoundError extends Error {
  override readonly name = 'SnapshotAccountNotFoundError';
  constructor(readonly accountId: string) {
    super(
      isUuid(accountId)
        ? `the snapshot account ${accountId} does not exist or is archived`
        : `the snapshot account '${accountId}' is not an account id (a UUID)`,
    );
  }
}

export async function snapshotAccount(db: Database, pinnedId?: string): Promise<BrokerAccountRow> {
  // The offline account is created on first use, pinned or not.
  if (pinnedId === DEFAULT_ACCOUNT_ID) return ensureDefaultAccount(db);
  if (pinnedId) {
    const pinned = isUuid(pinnedId) ? await findAccount(db, pinnedId) : undefined;
    if (!pinned) throw new SnapshotAccountNotFoundError(pinnedId);
    return pinned;
  }
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
  pinnedId?: string,
): Promise<SnapshotSource> {
  const account = await snapshotAccount(db, pinnedId);
  return { account, broker: await openBroker(account, { db, env }) };
}
