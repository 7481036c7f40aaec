/**
 * AI Developer Workflows and their steps. Every state change is a compare-and-set on the row's status,
 * so a duplicate, late or out-of-order queue delivery (at-least-once, unordered) changes nothing.
 */
import { and, asc, desc, eq, getTableColumns, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { before, type Cursor, cursorText } from './cursor.ts';
import { type AdwStatus, type AdwStepStatus, adwSteps, adws, agents, events, modelCalls } from './schema.ts';

export type AdwRow = typeof adws.$inferSelect;
export type AdwStepRow = typeof adwSteps.$inferSelect;

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
export async function listAdws(
  db: Database,
  orchestratorId: string,
  options: { limit: number; before?: Cursor | undefined },
): Promise<Array<AdwRow & { cursor: Cursor }>> {
  const rows = await db
    .select({ ...getTableColumns(adws), createdAtText: cursorText(adws.createdAt) })
    .from(adws)
    .where(
      and(
        eq(adws.orchestratorId, orchestratorId),
        options.before ? before(adws.createdAt, adws.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(adws.createdAt), desc(adws.id))
    .limit(options.limit);
  return rows.map(({ createdAtText, ...row }) => ({
    ...row,
    cursor: { createdAt: createdAtText, id: row.id },
  }));
}

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

export interface StepUsage {
  agentId: string;
  tokens: number;
  costUsd: number;
}

/** Cost per step agent of a workflow (model calls tagged with the workflow id). */
export async function adwUsage(db: Database, adwId: string): Promise<Map<string, StepUsage>> {
  return (await adwUsageMany(db, [adwId])).get(adwId) ?? new Map();
}

/** Cost per step agent of several workflows in one query, by workflow id. */
export async function adwUsageMany(
  db: Database,
  adwIds: readonly string[],
): Promise<Map<string, Map<string, StepUsage>>> {
  const byAdw = new Map<string, Map<string, StepUsage>>(adwIds.map((id) => [id, new Map()]));
  if (adwIds.length === 0) return byAdw;
  const rows = await db
    .select({
      adwId: modelCalls.adwId,
      agentId: modelCalls.agentId,
      tokens: sql<string>`sum(${modelCalls.inputTokens} + ${modelCalls.outputTokens} + ${modelCalls.cacheReadTokens} + ${modelCalls.cacheWriteTokens})`,
      costUsd: sql<string>`sum(${modelCalls.costUsd})`,
    })
    .from(modelCalls)
    .where(inArray(modelCalls.adwId, [...adwIds]))
    .groupBy(modelCalls.adwId, modelCalls.agentId);
  for (const row of rows) {
    const agentId = row.agentId ?? '';
    byAdw
      .get(row.adwId ?? '')
      ?.set(agentId, { agentId, tokens: Number(row.tokens), costUsd: Number(row.costUsd) });
  }
  return byAdw;
}

/** Names of step agents by id. */
export async function stepAgentNames(db: Database, adwId: string): Promise<Map<string, string>> {
  return (await stepAgentNamesMany(db, [adwId])).get(adwId) ?? new Map();
}

/** Names of the step agents of several workflows in one query, by workflow id. */
export async function stepAgentNamesMany(
  db: Database,
  adwIds: readonly string[],
): Promise<Map<string, Map<string, string>>> {
  const byAdw = new Map<string, Map<string, string>>(adwIds.map((id) => [id, new Map()]));
  if (adwIds.length === 0) return byAdw;
  const rows = await db
    .select({ adwId: agents.adwId, id: agents.id, name: agents.name })
    .from(agents)
    .where(inArray(agents.adwId, [...adwIds]));
  for (const row of rows) byAdw.get(row.adwId ?? '')?.set(row.id, row.name);
  return byAdw;
}

/** A workflow's stored events in sequence order, optionally of one step. */
export async function adwEvents(
  db: Database,
  orchestratorId: string,
  adwId: string,
  options: { step?: string | undefined; afterSeq: number; limit: number },
) {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.orchestratorId, orchestratorId),
        eq(events.adwId, adwId),
        gt(events.seq, options.afterSeq),
        options.step ? eq(events.adwStep, options.step) : undefined,
      ),
    )
    .orderBy(asc(events.seq))
    .limit(options.limit);
}

/** A workflow's newest `limit` stored events, returned in sequence order (check_adw's tail). */
export async function latestAdwEvents(db: Database, orchestratorId: string, adwId: string, limit: number) {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.orchestratorId, orchestratorId), eq(events.adwId, adwId)))
    .orderBy(desc(events.seq))
    .limit(limit);
  return rows.reverse();
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
