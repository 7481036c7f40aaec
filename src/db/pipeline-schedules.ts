/** Pipeline schedules (schema-pipelines.ts): rows as stored, read newest first. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { type PipelineKind, pipelineSchedules } from './schema-pipelines.ts';

export type PipelineScheduleRow = typeof pipelineSchedules.$inferSelect;

export interface NewPipelineSchedule {
  orchestratorId: string;
  name: string;
  kind: PipelineKind;
  cron: string;
  timezone: string;
  tradingDaysOnly: boolean;
  params: Record<string, unknown>;
}

export async function insertSchedule(db: Database, input: NewPipelineSchedule): Promise<PipelineScheduleRow> {
  const [row] = await db.insert(pipelineSchedules).values(input).returning();
  if (!row) throw new Error('insert into pipeline_schedules returned no row');
  return row;
}

export async function findSchedule(db: Database, id: string): Promise<PipelineScheduleRow | undefined> {
  const [row] = await db.select().from(pipelineSchedules).where(eq(pipelineSchedules.id, id));
  return row;
}

export async function listSchedules(db: Database, orchestratorId?: string): Promise<PipelineScheduleRow[]> {
  return db
    .select()
    .from(pipelineSchedules)
    .where(orchestratorId ? eq(pipelineSchedules.orchestratorId, orchestratorId) : undefined)
    .orderBy(desc(pipelineSchedules.createdAt), desc(pipelineSchedules.id));
}

export type ScheduleChanges = Partial<
  Pick<
    PipelineScheduleRow,
    'name' | 'cron' | 'timezone' | 'tradingDaysOnly' | 'params' | 'paused' | 'checkedThrough'
  >
>;

export async function updateSchedule(
  db: Database,
  id: string,
  changes: ScheduleChanges,
): Promise<PipelineScheduleRow | undefined> {
  const [row] = await db
    .update(pipelineSchedules)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(pipelineSchedules.id, id))
    .returning();
  return row;
}

export async function deleteSchedule(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .delete(pipelineSchedules)
    .where(eq(pipelineSchedules.id, id))
    .returning({ id: pipelineSchedules.id });
  return rows.length > 0;
}

/**
 * Moves a schedule's check forward to `through`, never backwards: an older tick finishing after a
 * newer one must not make the newer one's runs due again.
 */
export async function advanceCheckedThrough(db: Database, id: string, through: Date): Promise<void> {
  await db
    .update(pipelineSchedules)
    .set({
      checkedThrough: sql`greatest(${pipelineSchedules.checkedThrough}, ${through.toISOString()}::timestamptz)`,
    })
    .where(and(eq(pipelineSchedules.id, id)));
}
