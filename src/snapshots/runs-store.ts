/**
 * option_snapshot_runs rows. A cron instant is claimed by inserting its run: the partial unique index
 * on snapshot_at (cron runs only) turns a second insert of the same instant into a no-op, so however
 * many ticks see an instant due, one run exists for it. Manual runs are never deduplicated.
 */
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { before, type Cursor, cursorText } from '../db/cursor.ts';
import { optionSnapshotRuns } from '../db/schema-trading.ts';
import type { LostRun, RunningRun } from './lost-runs.ts';
import type { RunOutcome } from './run-outcome.ts';

export type SnapshotRunRow = typeof optionSnapshotRuns.$inferSelect;

export async function insertManualRun(
  db: Database,
  snapshotAt: Date,
  underlyings: readonly string[],
): Promise<SnapshotRunRow> {
  const [row] = await db
    .insert(optionSnapshotRuns)
    .values({ trigger: 'manual', snapshotAt, underlyings: [...underlyings] })
    .returning();
  if (!row) throw new Error('insert into option_snapshot_runs returned no row');
  return row;
}

/** Claims a cron instant; the run when this call claimed it, undefined when it already was. */
export async function claimCronRun(
  db: Database,
  snapshotAt: Date,
  underlyings: readonly string[],
): Promise<SnapshotRunRow | undefined> {
  const [row] = await db
    .insert(optionSnapshotRuns)
    .values({ trigger: 'cron', snapshotAt, underlyings: [...underlyings] })
    .onConflictDoNothing({
      target: optionSnapshotRuns.snapshotAt,
      where: sql`${optionSnapshotRuns.trigger} = 'cron'`,
    })
    .returning();
  return row;
}

/** Claims a cron instant that will not run, as a failed run saying why; true when newly recorded. */
export async function recordMissedRun(
  db: Database,
  snapshotAt: Date,
  underlyings: readonly string[],
  reason: string,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .insert(optionSnapshotRuns)
    .values({
      trigger: 'cron',
      snapshotAt,
      underlyings: [...underlyings],
      status: 'failed',
      detail: { missed: true },
      error: reason,
      finishedAt: at,
    })
    .onConflictDoNothing({
      target: optionSnapshotRuns.snapshotAt,
      where: sql`${optionSnapshotRuns.trigger} = 'cron'`,
    })
    .returning({ id: optionSnapshotRuns.id });
  return rows.length > 0;
}

/** Gives a claim back (its queue message could not be sent), so the next tick claims it again. */
export async function releaseCronRun(db: Database, id: string): Promise<void> {
  await db
    .delete(optionSnapshotRuns)
    .where(and(eq(optionSnapshotRuns.id, id), eq(optionSnapshotRuns.status, 'running')));
}

/**
 * Every run still `running`, and the database's clock (null when none is): a run's age is measured
 * by the clock that stamped its created_at, not the Worker's (nor a cron tick's scheduled time).
 */
export async function runningRuns(db: Database): Promise<{ runs: RunningRun[]; now: Date | null }> {
  const rows = await db
    .select({
      id: optionSnapshotRuns.id,
      trigger: optionSnapshotRuns.trigger,
      createdAt: optionSnapshotRuns.createdAt,
      nowMs: sql<number>`extract(epoch from now()) * 1000`.mapWith(Number),
    })
    .from(optionSnapshotRuns)
    .where(eq(optionSnapshotRuns.status, 'running'));
  const nowMs = rows[0]?.nowMs;
  return {
    runs: rows.map(({ id, trigger, createdAt }) => ({ id, trigger, createdAt })),
    now: nowMs === undefined ? null : new Date(nowMs),
  };
}

/** Ends a lost run as failed; false when it finished meanwhile (its own result is kept). */
export async function markRunLost(db: Database, lost: LostRun, at: Date): Promise<boolean> {
  const rows = await db
    .update(optionSnapshotRuns)
    .set({ status: 'failed', detail: { lost: true }, error: lost.error, finishedAt: at })
    .where(and(eq(optionSnapshotRuns.id, lost.id), eq(optionSnapshotRuns.status, 'running')))
    .returning({ id: optionSnapshotRuns.id });
  return rows.length > 0;
}

/** The newest cron instant claimed at or before `at` (null if none ever was). */
export async function lastClaimedInstant(db: Database, at: Date): Promise<Date | null> {
  const [row] = await db
    .select({ snapshotAt: optionSnapshotRuns.snapshotAt })
    .from(optionSnapshotRuns)
    .where(and(eq(optionSnapshotRuns.trigger, 'cron'), lte(optionSnapshotRuns.snapshotAt, at)))
    .orderBy(desc(optionSnapshotRuns.snapshotAt))
    .limit(1);
  return row?.snapshotAt ?? null;
}

export async function findSnapshotRun(db: Database, id: string): Promise<SnapshotRunRow | undefined> {
  const [row] = await db.select().from(optionSnapshotRuns).where(eq(optionSnapshotRuns.id, id)).limit(1);
  return row;
}

/** Writes a run's result once: a run that already finished (a duplicate delivery) is left alone. */
export async function finishSnapshotRun(
  db: Database,
  id: string,
  outcome: RunOutcome,
  at: Date,
): Promise<SnapshotRunRow | undefined> {
  const [row] = await db
    .update(optionSnapshotRuns)
    .set({
      status: outcome.status,
      contracts: outcome.contracts,
      detail: outcome.detail as Record<string, unknown>,
      error: outcome.error,
      finishedAt: at,
    })
    .where(and(eq(optionSnapshotRuns.id, id), eq(optionSnapshotRuns.status, 'running')))
    .returning();
  return row;
}

export interface SnapshotRunFilter {
  trigger?: 'cron' | 'manual' | undefined;
  status?: SnapshotRunRow['status'] | undefined;
  before?: Cursor | undefined;
  limit: number;
}

/** Newest first, keyset-paged on (created_at, id). */
export async function listSnapshotRuns(
  db: Database,
  filter: SnapshotRunFilter,
): Promise<Array<SnapshotRunRow & { cursor: Cursor }>> {
  const rows = await db
    .select({ run: optionSnapshotRuns, createdAtText: cursorText(optionSnapshotRuns.createdAt) })
    .from(optionSnapshotRuns)
    .where(
      and(
        filter.trigger ? eq(optionSnapshotRuns.trigger, filter.trigger) : undefined,
        filter.status ? eq(optionSnapshotRuns.status, filter.status) : undefined,
        filter.before
          ? before(optionSnapshotRuns.createdAt, optionSnapshotRuns.id, filter.before)
          : undefined,
      ),
    )
    .orderBy(desc(optionSnapshotRuns.createdAt), desc(optionSnapshotRuns.id))
    .limit(filter.limit);
  return rows.map(({ run, createdAtText }) => ({ ...run, cursor: { createdAt: createdAtText, id: run.id } }));
}
