/** The chat between the user, the orchestrator and agents, paged newest first. */
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { chatMessages } from './schema.ts';

export type ChatMessageRow = typeof chatMessages.$inferSelect;
export type NewChatMessage = typeof chatMessages.$inferInsert;

export async function insertChatMessage(db: Database, message: NewChatMessage): Promise<ChatMessageRow> {
  const [row] = await db.insert(chatMessages).values(message).returning();
  if (!row) throw new Error('chat insert returned no row');
  return row;
}

export async function markTurnInterrupted(db: Database, turnId: string): Promise<void> {
  await db.update(chatMessages).set({ interrupted: true }).where(eq(chatMessages.turnId, turnId));
}

/** One page, newest first; the cursor is the last row's (created_at, id). */
export async function chatPage(
  db: Database,
  orchestratorId: string,
  options: { limit: number; before?: { createdAt: Date; id: string } | undefined },
): Promise<ChatMessageRow[]> {
  const before = options.before;
  return db
    .select()
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.orchestratorId, orchestratorId),
        before
          ? or(
              lt(chatMessages.createdAt, before.createdAt),
              and(eq(chatMessages.createdAt, before.createdAt), sql`${chatMessages.id} < ${before.id}`),
            )
          : undefined,
      ),
    )
    .orderBy(desc(chatMessages.createdAt), desc(chatMessages.id))
    .limit(options.limit);
}
