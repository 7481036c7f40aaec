/** Reading stored snapshots: an underlying's latest chain, and one contract's figures over time. */
import { and, asc, eq, gte, lte, max } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { optionSnapshots } from '../db/schema-trading.ts';

export type SnapshotRowStored = typeof optionSnapshots.$inferSelect;

/** The newest snapshot of an underlying (optionally one expiry), or null when it has none. */
export async function latestSnapshot(
  db: Database,
  underlying: string,
  expiry?: string,
): Promise<{ snapshotAt: Date; contracts: SnapshotRowStored[] } | null> {
  const [newest] = await db
    .select({ at: max(optionSnapshots.snapshotAt) })
    .from(optionSnapshots)
    .where(eq(optionSnapshots.underlying, underlying));
  const at = newest?.at ?? null;
  if (at === null) return null;
  const contracts = await db
    .select()
    .from(optionSnapshots)
    .where(
      and(
        eq(optionSnapshots.underlying, underlying),
        eq(optionSnapshots.snapshotAt, at),
        expiry ? eq(optionSnapshots.expiry, expiry) : undefined,
      ),
    )
    .orderBy(asc(optionSnapshots.expiry), asc(optionSnapshots.strike), asc(optionSnapshots.optionType));
  return { snapshotAt: at, contracts };
}

/** One contract's rows in [from, to], oldest first, at most `limit`. */
export async function snapshotHistory(
  db: Database,
  symbol: string,
  range: { from?: Date | undefined; to?: Date | undefined; limit: number },
): Promise<SnapshotRowStored[]> {
  return db
    .select()
    .from(optionSnapshots)
    .where(
      and(
        eq(optionSnapshots.symbol, symbol),
        range.from ? gte(optionSnapshots.snapshotAt, range.from) : undefined,
        range.to ? lte(optionSnapshots.snapshotAt, range.to) : undefined,
      ),
    )
    .orderBy(asc(optionSnapshots.snapshotAt))
    .limit(range.limit);
}

/** True if any snapshot ever stored the symbol (an empty range is then not a 404). */
export async function symbolKnown(db: Database, symbol: string): Promise<boolean> {
  const [row] = await db
    .select({ id: optionSnapshots.id })
    .from(optionSnapshots)
    .where(eq(optionSnapshots.symbol, symbol))
    .limit(1);
  return row !== undefined;
}
