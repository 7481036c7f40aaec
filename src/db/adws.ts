/**
 * AI Developer Workflows: the workflow row and its transitions. Every state change is a compare-and-set
 * on the row's status, so a duplicate, late or out-of-order queue delivery (at-least-once, unordered)
 * changes nothing. Steps are in adw-steps.ts, listing and events in adw-list.ts, costs in adw-usage.ts.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AdwStepRow } from './adw-steps.ts';
import type { Database } from './client.ts';
import { type AdwStatus, adwSteps, adws } from './schema.ts';

export type AdwRow = typeof adws.$inferSelect;

export interface NewAdw {
  orchestratorId: string;
  name: string;
  workflowType: string;
  description?: string | undefined;
  input: Record<string, unknown>;
  steps: readonly string[];
}

/** The workflow row and one pending row per step, together. */
export async function insertAdw(db: Database, input: NewAdw): Promise<AdwRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(adws)
      .values({
        orchestratorId: input.orchestratorId,
        name: input.name,
        workflowType: input.workflowType,
        description: input.description ?? null,
        totalSteps: input.steps.length,
        input: input.input,
      })
      .returning();
    if (!row) throw new Error('insert into adws returned no row');
    await tx
      .insert(adwSteps)
      .values(input.steps.map((step, stepIndex) => ({ adwId: row.id, stepIndex, step })));
    return row;
  });
}

export async function findAdw(db: Database, id: string): Promise<AdwRow | undefined> {
  const [row] = await db.select().from(adws).where(eq(adws.id, id));
  return row;
}

/** The newest workflow of an orchestrator with this name (names need not be unique). */
export async function findAdwByName(
  db: Database,
  orchestratorId: string,
  name: string,
): Promise<AdwRow | undefined> {
  const [row] = await db
    .select()
    .from(adws)
    .where(and(eq(adws.orchestratorId, orchestratorId), eq(adws.name, name)))
    .orderBy(desc(adws.createdAt))
    .limit(1);
  return row;
}

const completedCount = (adwId: string) =>
  sql<number>`(select count(*)::int from adw_steps s where s.adw_id = ${adwId} and s.status = 'completed')`;

/** pending|in_progress → in_progress at a step's start; started_at is set once. */
export async function markStepStarted(
  db: Database,
  adwId: string,
  step: string,
): Promise<AdwRow | undefined> {
  const [row] = await db
    .update(adws)
    .set({
      status: 'in_progress',
      currentStep: step,
      startedAt: sql`coalesce(${adws.startedAt}, now())`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(adws.id, adwId), inArray(adws.status, ['pending', 'in_progress'])))
    .returning();
  return row;
}

/** Recounts completed steps (never incremented: a retried update must not count twice). */
export async function refreshProgress(db: Database, adwId: string): Promise<AdwRow | undefined> {
  const [row] = await db
    .update(adws)
    .set({ completedSteps: completedCount(adwId), updatedAt: sql`now()` })
    .where(eq(adws.id, adwId))
    .returning();
  return row;
}

/** in_progress|pending → completed | failed; undefined if the workflow had already ended. */
export async function finishAdw(
  db: Database,
  adwId: string,
  status: Extract<AdwStatus, 'completed' | 'failed'>,
  failure?: { step: string; message: string },
  output?: Record<string, unknown>,
): Promise<AdwRow | undefined> {
  const [row] = await db
    .update(adws)
    .set({
      status,
      completedSteps: completedCount(adwId),
      completedAt: sql`now()`,
      updatedAt: sql`now()`,
      ...(status === 'completed' ? { currentStep: null } : {}),
      ...(failure ? { errorStep: failure.step, errorMessage: failure.message } : {}),
      ...(output ? { output } : {}),
    })
    .where(and(eq(adws.id, adwId), inArray(adws.status, ['pending', 'in_progress'])))
    .returning();
  return row;
}

/**
 * Fails a workflow at a step: the row (in_progress|pending → failed) and, in the same transaction, the
 * steps still pending after it (→ cancelled: they will never run). Undefined when it had already ended.
 */
export async function failAdw(
  db: Database,
  adwId: string,
  failure: { step: string; message: string },
): Promise<{ adw: AdwRow; steps: AdwStepRow[] } | undefined> {
  return db.transaction(async (tx) => {
    const adw = await finishAdw(tx, adwId, 'failed', failure);
    if (!adw) return undefined;
    const steps = await tx
      .update(adwSteps)
      .set({ status: 'cancelled', completedAt: sql`now()` })
      .where(and(eq(adwSteps.adwId, adwId), eq(adwSteps.status, 'pending')))
      .returning();
    return { adw, steps: steps.sort((a, b) => a.stepIndex - b.stepIndex) };
  });
}

/**
 * Cancels a workflow: the row, its pending steps and its running step (whose agent the caller
 * interrupts). Undefined when it had already ended.
 */
export async function cancelAdw(
  db: Database,
  adwId: string,
): Promise<{ adw: AdwRow; steps: AdwStepRow[] } | undefined> {
  return db.transaction(async (tx) => {
    const [adw] = await tx
      .update(adws)
      .set({ status: 'cancelled', completedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(adws.id, adwId), inArray(adws.status, ['pending', 'in_progress'])))
      .returning();
    if (!adw) return undefined;
    const steps = await tx
      .update(adwSteps)
      .set({ status: 'cancelled', completedAt: sql`now()` })
      .where(and(eq(adwSteps.adwId, adwId), inArray(adwSteps.status, ['pending', 'running'])))
      .returning();
    return { adw, steps: steps.sort((a, b) => a.stepIndex - b.stepIndex) };
  });
}
