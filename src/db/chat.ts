/** The chat between the user, the orchestrator and agents, paged newest first. */
import { and, desc, eq, getTableColumns } from 'drizzle-orm';
import type { Database } from './client.ts';
import { before, type Cursor, cursorText } from './cursor.ts';
import { chatMessages } from './schema.ts';
import { storable } from './storable.ts';

export type ChatMessageRow = typeof chatMessages.$inferSelect;
export type NewChatMessage = typeof chatMessages.$inferInsert;

/** Model text and tool inputs are stored with what Postgres refuses replaced (see storable.ts). */
export async function insertChatMessage(db: Database, message: NewChatMessage): Promise<ChatMessageRow> {
  const [row] = await db.insert(chatMessages).values(storable(message)).returning();
  if (!row) throw new Error('chat insert returned no row');
  return row;
}

export async function markTurnInterrupted(db: Database, turnId: string): Promise<void> {
  await db.update(chatMessages).set({ interrupted: true }).where(eq(chatMessages.turnId, turnId));
}

/** One page, newest first, each row with the cursor that continues after it. */
export async function chatPage(
  db: Database,
  orchestratorId: string,
  options: { limit: number; before?: Cursor | undefined },
): Promise<Array<ChatMessageRow & { cursor: Cursor }>> {
  const rows = await db
    .select({ ...getTableColumns(chatMessages), createdAtText: cursorText(chatMessages.createdAt) })
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.orchestratorId, orchestratorId),
        options.before ? before(chatMessages.createdAt, chatMessages.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(chatMessages.createdAt), desc(chatMessages.id))
    .limit(options.limit);
  return rows.map(({ createdAtText, ...row }) => ({
    ...row,
    cursor: { createdAt: createdAtText, id: row.id },
  }));
}
