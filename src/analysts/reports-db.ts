/** The `analyst_reports` table: storing answers, the previous sentiment reading, and the listing. */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { before, type Cursor, cursorText } from '../db/cursor.ts';
import { type AnalystKind, analystReports } from '../db/schema-pipelines.ts';

export type AnalystReportRow = typeof analystReports.$inferSelect;

export interface NewAnalystReport {
  orchestratorId: string;
  kind: AnalystKind;
  symbol: string | null;
  input: Record<string, unknown>;
  output: Record<string, unknown>;
  model: string;
}

export async function insertAnalystReport(db: Database, report: NewAnalystReport): Promise<AnalystReportRow> {
  const [row] = await db.insert(analystReports).values(report).returning();
  if (!row) throw new Error('insert analyst_reports returned no row');
  return row;
}

/** The score of the latest sentiment reading of the symbol by this orchestrator, or null. */
export async function previousSentimentScore(
  db: Database,
  orchestratorId: string,
  symbol: string,
): Promise<number | null> {
  const [row] = await db
    .select({ output: analystReports.output })
    .from(analystReports)
    .where(
      and(
        eq(analystReports.orchestratorId, orchestratorId),
        eq(analystReports.kind, 'sentiment_shift'),
        eq(analystReports.symbol, symbol),
      ),
    )
    .orderBy(desc(analystReports.createdAt), desc(analystReports.id))
    .limit(1);
  const score = row?.output.score;
  return typeof score === 'number' ? score : null;
}

export interface ReportFilter {
  orchestratorId: string;
  kind?: AnalystKind | undefined;
  symbol?: string | undefined;
  limit: number;
  before?: Cursor | undefined;
}

/** Newest first, with each row's cursor. */
export async function listAnalystReports(
  db: Database,
  filter: ReportFilter,
): Promise<Array<{ row: AnalystReportRow; cursor: Cursor }>> {
  const conditions: SQL[] = [eq(analystReports.orchestratorId, filter.orchestratorId)];
  if (filter.kind) conditions.push(eq(analystReports.kind, filter.kind));
  if (filter.symbol) conditions.push(eq(analystReports.symbol, filter.symbol));
  if (filter.before) conditions.push(before(analystReports.createdAt, analystReports.id, filter.before));
  const rows = await db
    .select({ row: analystReports, createdAtText: cursorText(analystReports.createdAt) })
    .from(analystReports)
    .where(and(...conditions))
    .orderBy(desc(analystReports.createdAt), desc(analystReports.id))
    .limit(filter.limit);
  return rows.map(({ row, createdAtText }) => ({ row, cursor: { createdAt: createdAtText, id: row.id } }));
}
