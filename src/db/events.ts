/**
 * Persisting and replaying the event stream. The Durable Object sequences events and writes them in
 * batches: one multi-row INSERT per chunk instead of one round trip per event (the original's pattern).
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Database } from './client.ts';
import { events } from './schema.ts';

export type EventRow = typeof events.$inferInsert;
export type StoredEvent = typeof events.$inferSelect;

/** Postgres allows 65,535 bind parameters per statement; an event row binds at most 11. */
const ROWS_PER_STATEMENT = 1_000;

/**
 * Inserts events in as few statements as the parameter limit allows. Idempotent: a batch retried
 * after a lost acknowledgement skips the `(orchestrator_id, seq)` pairs already stored.
 */
export async function appendEvents(db: Database, rows: EventRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await db
      .insert(events)
      .values(rows.slice(start, start + ROWS_PER_STATEMENT))
      .onConflictDoNothing({ target: [events.orchestratorId, events.seq] });
  }
}

/** Events after `afterSeq`, in sequence order: the replay a reconnecting client gets. */
export async function eventsAfter(
  db: Database,
  orchestratorId: string,
  afterSeq: number,
  limit: number,
): Promise<StoredEvent[]> {
  return db
    .select()
    .from(events)
    .where(and(eq(events.orchestratorId, orchestratorId), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq))
    .limit(limit);
}
