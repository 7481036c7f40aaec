/**
 * Persisting and replaying the event stream. The Durable Object sequences events and writes them in
 * batches: one INSERT per chunk of up to 1,000 events instead of one round trip per event (the
 * original's pattern).
 */
import { and, asc, desc, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';
import { containsPattern } from './like.ts';
import { events } from './schema.ts';
import { storable } from './storable.ts';

export type EventRow = typeof events.$inferInsert;
export type StoredEvent = typeof events.$inferSelect;

const ROWS_PER_STATEMENT = 1_000;

/** The record type is derived from the table, so a new column cannot be forgotten here. */
const columns = getTableConfig(events).columns;
const columnList = sql.raw(columns.map((column) => `"${column.name}"`).join(', '));
const recordType = sql.raw(columns.map((column) => `"${column.name}" ${column.getSQLType()}`).join(', '));

/**
 * Inserts events idempotently: a batch retried after a lost acknowledgement skips the
 * `(orchestrator_id, seq)` pairs already stored.
 *
 * Each chunk travels as one JSON parameter expanded by `jsonb_to_recordset`. Building a multi-row
 * VALUES statement costs the Worker about as much CPU as Postgres spends storing the rows (bench/),
 * and one parameter per chunk also keeps clear of Postgres's 65,535 bind-parameter limit. Event text
 * and `data` come from models and tools: `storable` replaces what jsonb refuses (NUL, lone
 * surrogates), since one such character would fail the whole chunk, and the outbox would retry it forever.
 */
export async function appendEvents(db: Database, rows: EventRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = storable(rows.slice(start, start + ROWS_PER_STATEMENT).map(toRecord));
    await db.execute(sql`
      insert into ${events} (${columnList})
      select ${columnList} from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(${recordType})
      on conflict (${sql.identifier(events.orchestratorId.name)}, ${sql.identifier(events.seq.name)}) do nothing`);
  }
}

function toRecord(row: EventRow): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of columns) {
    const key = columnKeys.get(column.name);
    const value = key === undefined ? undefined : row[key];
    // Only literal defaults (the `data` object) apply here; the events table has no SQL defaults.
    record[column.name] = value === undefined ? (column.default ?? null) : value;
  }
  return record;
}

const columnKeys = new Map(
  Object.entries(getTableColumns(events)).map(([key, column]) => [column.name, key as keyof EventRow]),
);

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

/** The latest events of one agent (optionally of one command), newest first. */
export async function latestAgentEvents(
  db: Database,
  orchestratorId: string,
  agentId: string,
  options: { promptId?: string | undefined; limit: number },
): Promise<StoredEvent[]> {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.orchestratorId, orchestratorId),
        eq(events.agentId, agentId),
        options.promptId ? eq(events.promptId, options.promptId) : undefined,
      ),
    )
    .orderBy(desc(events.seq))
    .limit(options.limit);
}

export interface EventFilters {
  afterSeq: number;
  limit: number;
  agentId?: string | undefined;
  category?: string | undefined;
  type?: string | undefined;
  /** Case-insensitive substring of the summary or the payload. */
  text?: string | undefined;
}

/** Events in sequence order, filtered; paged with `afterSeq` (the last seq of the previous page). */
export async function searchEvents(
  db: Database,
  orchestratorId: string,
  filters: EventFilters,
): Promise<StoredEvent[]> {
  const pattern = filters.text ? containsPattern(filters.text) : undefined;
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.orchestratorId, orchestratorId),
        gt(events.seq, filters.afterSeq),
        filters.agentId ? eq(events.agentId, filters.agentId) : undefined,
        filters.category ? eq(events.category, filters.category) : undefined,
        filters.type ? eq(events.type, filters.type) : undefined,
        pattern
          ? sql`(${events.summary} ilike ${pattern} or ${events.data}::text ilike ${pattern})`
          : undefined,
      ),
    )
    .orderBy(asc(events.seq))
    .limit(filters.limit);
}
