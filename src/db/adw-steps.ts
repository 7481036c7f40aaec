/**
 * The steps of AI Developer Workflows: reading them, and their transitions (claim, agent, output, end,
 * skip). Every transition is a compare-and-set on the step's status, so a duplicate, late or
 * out-of-order queue delivery changes nothing.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { type AdwStepStatus, adwSteps, adws } from './schema.ts';

export type AdwStepRow = typeof adwSteps.$inferSelect;

export async function stepsOf(db: Database, adwId: string): Promise<AdwStepRow[]> {
  return db.select().from(adwSteps).where(eq(adwSteps.adwId, adwId)).orderBy(asc(adwSteps.stepIndex));
}

/** The steps of several workflows in one query, by workflow id (each list in step order). */
export async function stepsOfMany(
  db: Database,
  adwIds: readonly string[],
): Promise<Map<string, AdwStepRow[]>> {
  const byAdw = new Map<string, AdwStepRow[]>(adwIds.map((id) => [id, []]));
  if (adwIds.length === 0) return byAdw;
  const rows = await db
    .select()
    .from(adwSteps)
    .where(inArray(adwSteps.adwId, [...adwIds]))
    .orderBy(asc(adwSteps.adwId), asc(adwSteps.stepIndex));
  for (const row of rows) byAdw.get(row.adwId)?.push(row);
  return byAdw;
}

export async function findStep(
  db: Database,
  adwId: string,
  stepIndex: number,
): Promise<AdwStepRow | undefined> {
  const [row] = await db
    .select()
    .from(adwSteps)
    .where(and(eq(adwSteps.adwId, adwId), eq(adwSteps.stepIndex, stepIndex)));
  return row;
}

/** Newest first, each row with the cursor that continues after it. */

/**
 * Claims a step: pending → running, only while the workflow is pending or in progress and the step
 * before it is completed or skipped. Undefined when not claimable (duplicate, late, early or cancelled).
 */
export async function claimStep(
  db: Database,
  adwId: string,
  stepIndex: number,
): Promise<AdwStepRow | undefined> {
  const [row] = await db
    .update(adwSteps)
    .set({ status: 'running', attempt: sql`${adwSteps.attempt} + 1`, startedAt: sql`now()` })
    .where(
      and(
        eq(adwSteps.adwId, adwId),
        eq(adwSteps.stepIndex, stepIndex),
        eq(adwSteps.status, 'pending'),
        sql`exists (select 1 from ${adws} where ${adws.id} = ${adwId} and ${adws.status} in ('pending', 'in_progress'))`,
        stepIndex === 0
          ? undefined
          : sql`exists (select 1 from adw_steps p where p.adw_id = ${adwId} and p.step_index = ${stepIndex - 1}
                and p.status in ('completed', 'skipped'))`,
      ),
    )
    .returning();
  return row;
}

/** Records the step's agent once it exists. */
export async function setStepAgent(
  db: Database,
  adwId: string,
  stepIndex: number,
  agentId: string,
): Promise<void> {
  await db
    .update(adwSteps)
    .set({ agentId })
    .where(and(eq(adwSteps.adwId, adwId), eq(adwSteps.stepIndex, stepIndex)));
}

/** The structured result a submit tool accepted; only while the step runs. */
export async function setStepOutput(
  db: Database,
  adwId: string,
  stepIndex: number,
  output: Record<string, unknown>,
): Promise<boolean> {
  const rows = await db
    .update(adwSteps)
    .set({ output })
    .where(and(eq(adwSteps.adwId, adwId), eq(adwSteps.stepIndex, stepIndex), eq(adwSteps.status, 'running')))
    .returning({ stepIndex: adwSteps.stepIndex });
  return rows.length > 0;
}

/** running → completed | failed | cancelled; undefined if the step was not running (already ended). */
export async function endStep(
  db: Database,
  adwId: string,
  stepIndex: number,
  status: Extract<AdwStepStatus, 'completed' | 'failed' | 'cancelled'>,
  error?: string | undefined,
): Promise<AdwStepRow | undefined> {
  const [row] = await db
    .update(adwSteps)
    .set({ status, completedAt: sql`now()`, ...(error === undefined ? {} : { error }) })
    .where(and(eq(adwSteps.adwId, adwId), eq(adwSteps.stepIndex, stepIndex), eq(adwSteps.status, 'running')))
    .returning();
  return row;
}

/** pending → skipped (a condition not met); undefined if it was not pending. */
export async function skipStep(
  db: Database,
  adwId: string,
  stepIndex: number,
): Promise<AdwStepRow | undefined> {
  const [row] = await db
    .update(adwSteps)
    .set({ status: 'skipped', completedAt: sql`now()` })
    .where(and(eq(adwSteps.adwId, adwId), eq(adwSteps.stepIndex, stepIndex), eq(adwSteps.status, 'pending')))
    .returning();
  return row;
}

/**
 * Steps a lost queue message left waiting: pending, claimable (first step, or the one before it
 * ended), of a live workflow untouched for `olderThanSeconds`. The cron re-enqueues them; the claim's
 * compare-and-set makes a duplicate harmless.
 */
export async function strandedSteps(
  db: Database,
  olderThanSeconds: number,
): Promise<Array<{ adwId: string; stepIndex: number }>> {
  return db
    .select({ adwId: adwSteps.adwId, stepIndex: adwSteps.stepIndex })
    .from(adwSteps)
    .innerJoin(adws, eq(adws.id, adwSteps.adwId))
    .where(
      and(
        eq(adwSteps.status, 'pending'),
        inArray(adws.status, ['pending', 'in_progress']),
        sql`${adws.updatedAt} < now() - make_interval(secs => ${olderThanSeconds})`,
        sql`(${adwSteps.stepIndex} = 0 or exists (select 1 from adw_steps p where p.adw_id = ${adwSteps.adwId}
              and p.step_index = ${adwSteps.stepIndex} - 1 and p.status in ('completed', 'skipped')))`,
      ),
    )
    .limit(100);
}
