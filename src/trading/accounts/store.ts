/**
 * Broker accounts as stored: lookups, the default offline paper account every installation has, and
 * the account an orchestrator trades. Credentials stay sealed here; only the broker factory opens them.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { brokerAccounts, orchestratorAccounts } from '../../db/schema-trading.ts';

export type BrokerAccountRow = typeof brokerAccounts.$inferSelect;

/** Fixed so that every installation, test and browser session finds the same default account. */
export const DEFAULT_ACCOUNT_ID = '00000000-0000-4000-8000-00000000a11e';

/** The built-in offline paper account: created on first use, never duplicated. */
export async function ensureDefaultAccount(db: Database): Promise<BrokerAccountRow> {
  await db
    .insert(brokerAccounts)
    .values({
      id: DEFAULT_ACCOUNT_ID,
      name: 'Offline paper',
      broker: 'offline',
      mode: 'paper',
      tradingEnabled: true,
    })
    .onConflictDoNothing();
  const account = await findAccount(db, DEFAULT_ACCOUNT_ID, { includeArchived: true });
  if (!account) throw new Error('the default offline account could not be created');
  return account;
}

export async function findAccount(
  db: Database,
  id: string,
  options: { includeArchived?: boolean } = {},
): Promise<BrokerAccountRow | undefined> {
  const where = options.includeArchived
    ? eq(brokerAccounts.id, id)
    : and(eq(brokerAccounts.id, id), isNull(brokerAccounts.archivedAt));
  const [row] = await db.select().from(brokerAccounts).where(where).limit(1);
  return row;
}

/** The account the orchestrator selected; the default offline paper account when it chose none. */
export async function accountForOrchestrator(
  db: Database,
  orchestratorId: string,
): Promise<BrokerAccountRow> {
  const [selected] = await db
    .select({ account: brokerAccounts })
    .from(orchestratorAccounts)
    .innerJoin(brokerAccounts, eq(brokerAccounts.id, orchestratorAccounts.accountId))
    .where(and(eq(orchestratorAccounts.orchestratorId, orchestratorId), isNull(brokerAccounts.archivedAt)))
    .limit(1);
  return selected?.account ?? ensureDefaultAccount(db);
}
