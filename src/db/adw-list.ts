/**
 * Reading workflows page by page: an orchestrator's workflows newest first, and a workflow's events in
 * sequence order (or its newest ones, for check_adw's tail).
 */
import { and, asc, desc, eq, getTableColumns, gt } from 'drizzle-orm';
import type { AdwRow } from './adws.ts';
import type { Database } from './client.ts';
import { before, type Cursor, cursorText } from './cursor.ts';
import { adws, events } from './schema.ts';

export async function listAdws(
  db: Database,
  orchestratorId: string,
  options: { limit: number; before?: Cursor | undefined },
): Promise<Array<AdwRow & { cursor: Cursor }>> {
  const rows = await db
    .select({ ...getTableColumns(adws), createdAtText: cursorText(adws.createdAt) })
    .from(adws)
    .where(
      and(
        eq(adws.orchestratorId, orchestratorId),
        options.before ? before(adws.createdAt, adws.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(adws.createdAt), desc(adws.id))
    .limit(options.limit);
  return rows.map(({ createdAtText, ...row }) => ({
    ...row,
    cursor: { createdAt: createdAtText, id: row.id },
  }));
}

export async function adwEvents(
  db: Database,
  orchestratorId: string,
  adwId: string,
  options: { step?: string | undefined; afterSeq: number; limit: number },
) {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.orchestratorId, orchestratorId),
        eq(events.adwId, adwId),
        gt(events.seq, options.afterSeq),
        options.step ? eq(events.adwStep, options.step) : undefined,
      ),
    )
    .orderBy(asc(events.seq))
    .limit(options.limit);
}

/** A workflow's newest `limit` stored events, returned in sequence order (check_adw's tail). */
export async function latestAdwEvents(db: Database, orchestratorId: string, adwId: string, limit: number) {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.orchestratorId, orchestratorId), eq(events.adwId, adwId)))
    .orderBy(desc(events.seq))
    .limit(limit);
  return rows.reverse();
}
