/** Orchestrator rows and their cost totals. Every query names the orchestrator it reads. */
import { and, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { before, type Cursor, cursorText } from './cursor.ts';
import { modelCalls, orchestrators } from './schema.ts';
import { toUsage, type Usage, usageSums } from './usage.ts';

export type OrchestratorRow = typeof orchestrators.$inferSelect;

export type { Usage as UsageTotals } from './usage.ts';

export interface NewOrchestrator {
  name: string;
  model: string;
  systemPrompt?: string | undefined;
  budgetUsd?: number | undefined;
}

export async function insertOrchestrator(db: Database, input: NewOrchestrator): Promise<OrchestratorRow> {
  const [row] = await db
    .insert(orchestrators)
    .values({
      name: input.name,
      model: input.model,
      systemPrompt: input.systemPrompt,
      budgetUsd: input.budgetUsd,
    })
    .returning();
  if (!row) throw new Error('insert into orchestrators returned no row');
  return row;
}

export async function findOrchestrator(db: Database, id: string): Promise<OrchestratorRow | undefined> {
  const [row] = await db.select().from(orchestrators).where(eq(orchestrators.id, id));
  return row;
}

/** Newest first, each row with the cursor that continues after it. */
export async function listOrchestrators(
  db: Database,
  options: {
    includeArchived: boolean;
    limit: number;
    before?: Cursor | undefined;
    /** Only these (a scoped API token's orchestrators); all when absent. */
    ids?: readonly string[] | undefined;
  },
): Promise<Array<OrchestratorRow & { cursor: Cursor }>> {
  if (options.ids?.length === 0) return [];
  const rows = await db
    .select({ ...getTableColumns(orchestrators), createdAtText: cursorText(orchestrators.createdAt) })
    .from(orchestrators)
    .where(
      and(
        options.includeArchived ? undefined : isNull(orchestrators.archivedAt),
        options.before ? before(orchestrators.createdAt, orchestrators.id, options.before) : undefined,
        options.ids ? inArray(orchestrators.id, [...options.ids]) : undefined,
      ),
    )
    .orderBy(desc(orchestrators.createdAt), desc(orchestrators.id))
    .limit(options.limit);
  return rows.map(({ createdAtText, ...row }) => ({
    ...row,
    cursor: { createdAt: createdAtText, id: row.id },
  }));
}

/** Archives once; archiving an archived orchestrator returns it unchanged. */
export async function archiveOrchestrator(db: Database, id: string): Promise<OrchestratorRow | undefined> {
  const [row] = await db
    .update(orchestrators)
    .set({
      archivedAt: sql`coalesce(${orchestrators.archivedAt}, now())`,
      status: 'archived',
      updatedAt: sql`now()`,
    })
    .where(eq(orchestrators.id, id))
    .returning();
  return row;
}

/** Sums over every model call made on the orchestrator's behalf: its turns, agents, summaries, workflows. */
export async function usageTotals(db: Database, orchestratorId: string): Promise<Usage> {
  const [row] = await db
    .select(usageSums)
    .from(modelCalls)
    .where(eq(modelCalls.orchestratorId, orchestratorId));
  return toUsage(row);
}

/** The same totals for a page of orchestrators in one grouped query; those without calls get zeros. */
export async function usageTotalsMany(
  db: Database,
  orchestratorIds: readonly string[],
): Promise<Map<string, Usage>> {
  const totals = new Map(orchestratorIds.map((id) => [id, toUsage(undefined)]));
  if (orchestratorIds.length === 0) return totals;
  const rows = await db
    .select({ orchestratorId: modelCalls.orchestratorId, ...usageSums })
    .from(modelCalls)
    .where(inArray(modelCalls.orchestratorId, [...orchestratorIds]))
    .groupBy(modelCalls.orchestratorId);
  for (const { orchestratorId, ...row } of rows) totals.set(orchestratorId, toUsage(row));
  return totals;
}

export interface OrchestratorChanges {
  name?: string | undefined;
  model?: string | undefined;
  systemPrompt?: string | null | undefined;
  budgetUsd?: number | null | undefined;
}

/** Applies the given changes to a live orchestrator; undefined when it does not exist or is archived. */
export async function updateOrchestrator(
  db: Database,
  id: string,
  changes: OrchestratorChanges,
): Promise<OrchestratorRow | undefined> {
  const [row] = await db
    .update(orchestrators)
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.model !== undefined ? { model: changes.model } : {}),
      ...(changes.systemPrompt !== undefined ? { systemPrompt: changes.systemPrompt } : {}),
      ...(changes.budgetUsd !== undefined ? { budgetUsd: changes.budgetUsd } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(orchestrators.id, id), isNull(orchestrators.archivedAt)))
    .returning();
  return row;
}
