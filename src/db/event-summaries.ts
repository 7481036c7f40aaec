/**
 * Reading the events that still need a summary and writing summaries back. The write only fills
 * empty summaries (`summary is null`) and returns what it filled: with at-least-once, unordered
 * queue delivery, a second writer of the same events changes nothing and broadcasts nothing.
 */
import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { EventSummary } from '../summaries/events.ts';
import type { Database } from './client.ts';
import type { StoredEvent } from './events.ts';
import { events } from './schema.ts';
import { storable } from './storable.ts';

export interface SeqRange {
  /** Exclusive. */
  afterSeq: number;
  /** Inclusive. */
  upToSeq: number;
}

/** Events of the given types in the range that have no summary yet, in seq order. */
export async function unsummarizedEvents(
  db: Database,
  orchestratorId: string,
  range: SeqRange,
  types: readonly string[],
  limit: number,
): Promise<StoredEvent[]> {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.orchestratorId, orchestratorId),
        gt(events.seq, range.afterSeq),
        lte(events.seq, range.upToSeq),
        inArray(events.type, [...types]),
        isNull(events.summary),
      ),
    )
    .orderBy(asc(events.seq))
    .limit(limit);
}

/**
 * Sets each event's summary unless it already has one, in one statement (the pairs travel as one
 * JSON parameter, like appendEvents); returns the summaries actually written, in seq order. Summaries
 * are model text: what jsonb refuses is replaced first (see storable.ts).
 */
export async function writeSummaries(
  db: Database,
  orchestratorId: string,
  summaries: readonly EventSummary[],
): Promise<EventSummary[]> {
  if (summaries.length === 0) return [];
  const written = await db
    .update(events)
    .set({ summary: sql`r.summary` })
    .from(
      sql`jsonb_to_recordset(${JSON.stringify(storable(summaries))}::jsonb) as r(seq bigint, summary text)`,
    )
    .where(and(eq(events.orchestratorId, orchestratorId), eq(events.seq, sql`r.seq`), isNull(events.summary)))
    .returning({ seq: events.seq, summary: events.summary });
  return written
    .flatMap((row) => (row.summary === null ? [] : [{ seq: row.seq, summary: row.summary }]))
    .sort((a, b) => a.seq - b.seq);
}
