/**
 * Pipeline runs (schema-pipelines.ts). A scheduled run is claimed by inserting it: the unique index on
 * (schedule_id, scheduled_for) makes a second insert of the same instant a no-op, so however many
 * cron ticks see a run due, one row (and one queue message) exists for it.
 */
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { before, type Cursor, cursorText } from './cursor.ts';
import {
  type PipelineKind,
  type PipelineRunStatus,
  type PipelineTrigger,
  pipelineRuns,
} from './schema-pipelines.ts';

export type PipelineRunRow = typeof pipelineRuns.$inferSelect;

export interface NewPipelineRun {
  orchestratorId: string;
  scheduleId: string | null;
  kind: PipelineKind;
  trigger: PipelineTrigger;
  scheduledFor: Date | null;
  status: PipelineRunStatus;
  params: Record<string, unknown>;
  result?: Record<string, unknown> | null;
  error?: string | null;
  executionLog?: Record<string, unknown>[];
  attempts?: number;
  startedAt?: Date | null;
  finishedAt?: Date | null;
}

export async function insertRun(db: Database, input: NewPipelineRun): Promise<PipelineRunRow> {
  const [row] = await db.insert(pipelineRuns).values(input).returning();
  if (!row) throw new Error('insert into pipeline_runs returned no row');
  return row;
}

/** Inserts a scheduled run unless its (schedule, instant) exists; the row when this call claimed it. */
export async function claimRun(db: Database, input: NewPipelineRun): Promise<PipelineRunRow | undefined> {
  const [row] = await db
    .insert(pipelineRuns)
    .values(input)
    .onConflictDoNothing({ target: [pipelineRuns.scheduleId, pipelineRuns.scheduledFor] })
    .returning();
  return row;
}

export async function findRun(db: Database, id: string): Promise<PipelineRunRow | undefined> {
  const [row] = await db.select().from(pipelineRuns).where(eq(pipelineRuns.id, id));
  return row;
}

/** A run still `running` this long after it started is taken to have lost its worker. */
export const RUN_STALE_AFTER_SECONDS = 300;

/**
 * Marks a run running (one more attempt) if it is queued, or running but stale (its worker died);
 * undefined otherwise (finished, or running elsewhere right now).
 */
export async function startRun(db: Database, id: string): Promise<PipelineRunRow | undefined> {
  const [row] = await db
    .update(pipelineRuns)
    .set({ status: 'running', attempts: sql`${pipelineRuns.attempts} + 1`, startedAt: sql`now()` })
    .where(
      and(
        eq(pipelineRuns.id, id),
        or(
          eq(pipelineRuns.status, 'queued'),
          and(
            eq(pipelineRuns.status, 'running'),
            lt(pipelineRuns.startedAt, sql`now() - make_interval(secs => ${RUN_STALE_AFTER_SECONDS})`),
          ),
        ),
      ),
    )
    .returning();
  return row;
}

/** Queued runs older than `seconds` (their queue message was lost): the cron sends them again. */
export async function strandedRuns(db: Database, seconds: number, limit = 100): Promise<string[]> {
  const rows = await db
    .select({ id: pipelineRuns.id })
    .from(pipelineRuns)
    .where(
      and(
        eq(pipelineRuns.status, 'queued'),
        lt(pipelineRuns.createdAt, sql`now() - make_interval(secs => ${seconds})`),
      ),
    )
    .orderBy(pipelineRuns.createdAt)
    .limit(limit);
  return rows.map((row) => row.id);
}

export interface RunEnding {
  status: 'succeeded' | 'failed';
  result: Record<string, unknown> | null;
  error: string | null;
  executionLog: Record<string, unknown>[];
}

export async function finishRun(
  db: Database,
  id: string,
  ending: RunEnding,
): Promise<PipelineRunRow | undefined> {
  const [row] = await db
    .update(pipelineRuns)
    .set({ ...ending, finishedAt: sql`now()` })
    .where(and(eq(pipelineRuns.id, id), eq(pipelineRuns.status, 'running')))
    .returning();
  return row;
}

export interface RunFilter {
  orchestratorId?: string | undefined;
  scheduleId?: string | undefined;
  kind?: PipelineKind | undefined;
  status?: PipelineRunStatus | undefined;
  limit: number;
  before?: Cursor | undefined;
}

export async function listRuns(
  db: Database,
  filter: RunFilter,
): Promise<Array<PipelineRunRow & { cursor: Cursor }>> {
  const rows = await db
    .select({ run: pipelineRuns, createdAtText: cursorText(pipelineRuns.createdAt) })
    .from(pipelineRuns)
    .where(
      and(
        filter.orchestratorId ? eq(pipelineRuns.orchestratorId, filter.orchestratorId) : undefined,
        filter.scheduleId ? eq(pipelineRuns.scheduleId, filter.scheduleId) : undefined,
        filter.kind ? eq(pipelineRuns.kind, filter.kind) : undefined,
        filter.status ? eq(pipelineRuns.status, filter.status) : undefined,
        filter.before ? before(pipelineRuns.createdAt, pipelineRuns.id, filter.before) : undefined,
      ),
    )
    .orderBy(desc(pipelineRuns.createdAt), desc(pipelineRuns.id))
    .limit(filter.limit);
  return rows.map(({ run, createdAtText }) => ({ ...run, cursor: { createdAt: createdAtText, id: run.id } }));
}
