/** Commands given to agents: each agent's FIFO queue and its run history. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { type PromptStatus, prompts } from './schema.ts';
import { storable, storableText } from './storable.ts';

export type PromptRow = typeof prompts.$inferSelect;

/** A command's text may come from a model: what Postgres refuses is replaced (see storable.ts). */
export async function insertPrompt(
  db: Database,
  input: { orchestratorId: string; agentId: string; author: PromptRow['author']; text: string },
): Promise<PromptRow> {
  const [row] = await db
    .insert(prompts)
    .values(storable({ ...input, taskSlug: taskSlug(input.text) }))
    .returning();
  if (!row) throw new Error('prompt insert returned no row');
  return row;
}

export async function queuedPrompts(db: Database, agentId: string): Promise<PromptRow[]> {
  return db
    .select()
    .from(prompts)
    .where(and(eq(prompts.agentId, agentId), inArray(prompts.status, ['queued', 'running'])))
    .orderBy(asc(prompts.createdAt), asc(prompts.id));
}

export async function latestPrompt(db: Database, agentId: string): Promise<PromptRow | undefined> {
  const [row] = await db
    .select()
    .from(prompts)
    .where(eq(prompts.agentId, agentId))
    .orderBy(desc(prompts.createdAt))
    .limit(1);
  return row;
}

export async function setPromptStatus(
  db: Database,
  promptId: string,
  status: PromptStatus,
  error?: string | undefined,
): Promise<void> {
  const timing =
    status === 'running'
      ? { startedAt: sql`coalesce(${prompts.startedAt}, now())` }
      : { finishedAt: sql`now()` };
  await db
    .update(prompts)
    .set({
      status,
      ...(status === 'queued' ? {} : timing),
      ...(error === undefined ? {} : { error: storableText(error) }),
    })
    .where(eq(prompts.id, promptId));
}

/** Marks every queued or running command of an agent as interrupted (the agent was deleted). */
export async function cancelPrompts(db: Database, agentId: string): Promise<void> {
  await db
    .update(prompts)
    .set({ status: 'interrupted', finishedAt: sql`now()`, error: 'agent deleted' })
    .where(and(eq(prompts.agentId, agentId), inArray(prompts.status, ['queued', 'running'])));
}

/** kebab-case of the first words, plus a timestamp: how the original named a task. */
export function taskSlug(text: string, now = new Date()): string {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${words || 'task'}-${stamp}`;
}

/** For each agent of an orchestrator: the command it runs now and how many wait behind it. */
export async function queueState(
  db: Database,
  orchestratorId: string,
): Promise<Map<string, { running: string | null; queued: number }>> {
  const rows = await db
    .select({
      agentId: prompts.agentId,
      running: sql<
        string | null
      >`(array_agg(${prompts.text} order by ${prompts.startedAt} desc) filter (where ${prompts.status} = 'running'))[1]`,
      queued: sql<string>`count(*) filter (where ${prompts.status} = 'queued')`,
    })
    .from(prompts)
    .where(and(eq(prompts.orchestratorId, orchestratorId), inArray(prompts.status, ['queued', 'running'])))
    .groupBy(prompts.agentId);
  return new Map(rows.map((row) => [row.agentId, { running: row.running, queued: Number(row.queued) }]));
}
