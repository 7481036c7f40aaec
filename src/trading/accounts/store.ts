/**
 * Broker accounts as stored: lookups, the default offline paper account every installation has, and
 * the account an orchestrator trades. Credentials stay sealed here; only the broker factory opens them.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { brokerAccounts, orchestratorAccounts, paperAccounts } from '../../db/schema-trading.ts';

export type BrokerAccountRow = typeof brokerAccounts.$inferSelect;

/** Fixed so that every installation, test and browser session finds the same default account. */
export const DEFAULT_ACCOUNT_ID = '00000000-0000-4000-8000-00000000a11e';

/**
 * The built-in offline paper account: created on first use, never duplicated. Read first: it exists
 * on every call but the first, so the common path is one query, not an insert and a read.
 */
export async function ensureDefaultAccount(db: Database): Promise<BrokerAccountRow> {
  const existing = await readAccount(db, DEFAULT_ACCOUNT_ID, { includeArchived: true });
  if (existing) return existing;
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
  const account = await readAccount(db, DEFAULT_ACCOUNT_ID, { includeArchived: true });
  if (!account) throw new Error('the default offline account could not be created');
  return account;
}

/**
 * The account with this id. The default account is created on first use here too, so a route or a
 * stored row naming it works on a fresh installation before anything has listed the accounts.
 */
export async function findAccount(
  db: Database,
  id: string,
  options: { includeArchived?: boolean } = {},
): Promise<BrokerAccountRow | undefined> {
  const row = await readAccount(db, id, options);
  if (row || id.toLowerCase() !== DEFAULT_ACCOUNT_ID) return row;
  return ensureDefaultAccount(db);
}

async function readAccount(
  db: Database,
  id: string,
  options: { includeArchived?: boolean },
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

/** Every account not archived, the default first, then oldest first (a stable order for the switcher). */
export async function listAccounts(
  db: Database,
  options: { ids?: readonly string[] | undefined } = {},
): Promise<BrokerAccountRow[]> {
  await ensureDefaultAccount(db);
  if (options.ids && options.ids.length === 0) return [];
  const rows = await db
    .select()
    .from(brokerAccounts)
    .where(
      and(
        isNull(brokerAccounts.archivedAt),
        options.ids ? inArray(brokerAccounts.id, [...options.ids]) : undefined,
      ),
    )
    .orderBy(asc(brokerAccounts.createdAt), asc(brokerAccounts.id));
  return [
    ...rows.filter((row) => row.id === DEFAULT_ACCOUNT_ID),
    ...rows.filter((row) => row.id !== DEFAULT_ACCOUNT_ID),
  ];
}

export type NewAccountRow = typeof brokerAccounts.$inferInsert & { id: string };

export async function insertAccount(db: Database, values: NewAccountRow): Promise<BrokerAccountRow> {
  const [row] = await db.insert(brokerAccounts).values(values).returning();
  if (!row) throw new Error(`account ${values.id} was not stored`);
  return row;
}

/**
 * Another offline paper account, opened with `startingCash`: its paper ledger row is written in the
 * same transaction (the offline broker would otherwise open it on first use with its default cash).
 */
export async function insertOfflineAccount(
  db: Database,
  values: NewAccountRow,
  startingCash: number,
): Promise<BrokerAccountRow> {
  return db.transaction(async (tx) => {
    const row = await insertAccount(tx, values);
    await tx.insert(paperAccounts).values({ accountId: row.id, startingCash, createdAt: row.createdAt });
    return row;
  });
}

export type AccountChanges = Partial<
  Pick<
    BrokerAccountRow,
    'name' | 'tradingEnabled' | 'maxOrderNotional' | 'maxDailyLoss' | 'credentialsSealed' | 'keyIdHint'
  >
>;

/**
 * Applies the changes to a live (not archived) account; undefined when there is none. `check` sees the
 * row as it will be (the stored row, locked, with the changes applied) and throws to refuse: two
 * concurrent PATCHes (one enabling live trading, one clearing a limit) cannot each pass against the
 * row as it was before the other and together leave a live account trading without limits.
 */
export async function updateAccount(
  db: Database,
  id: string,
  changes: AccountChanges,
  check: (next: BrokerAccountRow) => void = () => {},
): Promise<BrokerAccountRow | undefined> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(brokerAccounts)
      .where(and(eq(brokerAccounts.id, id), isNull(brokerAccounts.archivedAt)))
      .for('update');
    if (!current) return undefined;
    check({ ...current, ...changes });
    const [row] = await tx
      .update(brokerAccounts)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(brokerAccounts.id, id))
      .returning();
    return row;
  });
}

/**
 * Archives the account and drops every orchestrator's selection of it, in one transaction, so those
 * orchestrators fall back to the default account instead of pointing at an archived one.
 */
export async function archiveAccount(db: Database, id: string): Promise<BrokerAccountRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(brokerAccounts)
      .set({ archivedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(brokerAccounts.id, id), isNull(brokerAccounts.archivedAt)))
      .returning();
    if (row) await tx.delete(orchestratorAccounts).where(eq(orchestratorAccounts.accountId, id));
    return row;
  });
}

/** Makes `accountId` the account the orchestrator trades (replacing any earlier choice). */
export async function selectAccount(db: Database, orchestratorId: string, accountId: string): Promise<void> {
  await db
    .insert(orchestratorAccounts)
    .values({ orchestratorId, accountId })
    .onConflictDoUpdate({
      target: orchestratorAccounts.orchestratorId,
      set: { accountId, selectedAt: new Date() },
    });
}
