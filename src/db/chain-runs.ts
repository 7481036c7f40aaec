/**
 * Agent-chain runs (schema-pipelines.ts). The run's Durable Object writes the row when the run starts
 * (status running) and once more when it ends; the routes only read.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { before, type Cursor, cursorText } from './cursor.ts';
import { chainRuns } from './schema-pipelines.ts';

export type ChainRunRow = typeof chainRuns.$inferSelect;

export interface NewChainRun {
  id: string;
  orchestratorId: string | null;
  chain: string;
  request: string | null;
  params: Record<string, unknown>;
}

/** Inserts the running row; a second call for the same id (a retried start) changes nothing. */
export async function insertChainRun(db: Database, input: NewChainRun): Promise<void> {
  await db
    .insert(chainRuns)
    .values({ ...input, status: 'running' })
    .onConflictDoNothing({ target: chainRuns.id });
}

export interface ChainRunEnding {
  status: 'succeeded' | 'failed';
  result: Record<string, unknown> | null;
  error: Record<string, unknown> | null;
  executionLog: Record<string, unknown>[];
}

/** Records how a running run ended; a run that already ended keeps its first ending. */
export async function finishChainRun(db: Database, id: string, ending: ChainRunEnding): Promise<void> {
  await db
    .update(chainRuns)
    .set({ ...ending, finishedAt: sql`now()` })
    .where(and(eq(chainRuns.id, id), eq(chainRuns.status, 'running')));
}

export async function findChainRun(db: Database, id: string): Promise<ChainRunRow | undefined> {
  const [row] = await db.select().from(chainRuns).where(eq(chainRuns.id, id));
  return row;
}

export interface ChainRunFilter {
  orchestratorId?: string | undefined;
  limit: number;
  before?: Cursor | undefined;
}

/** Newest first, keyset-paged on (created_at, id). */
export async function listChainRuns(
  db: Database,
  filter: ChainRunFilter,
): Promise<Array<ChainRunRow & { cursor: Cursor }>> {
  const rows = await db
    .select({ run: chainRuns, createdAtText: cursorText(chainRuns.createdAt) })
    .from(chainRuns)
    .where(
      and(
        filter.orchestratorId ? eq(chainRuns.orchestratorId, filter.orchestratorId) : undefined,
        filter.before ? before(chainRuns.createdAt, chainRuns.id, filter.before) : undefined,
      ),
    )
    .orderBy(desc(chainRuns.createdAt), desc(chainRuns.id))
    .limit(filter.limit);
  return rows.map(({ run, createdAtText }) => ({ ...run, cursor: { createdAt: createdAtText, id: run.id } }));
}
