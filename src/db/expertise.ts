/**
 * Expertise documents and their versions (schema-experts.ts). A change is one transaction that locks
 * the document row, so two writers get consecutive versions; the new content is computed under the
 * lock from the current one, so targeted edits always apply to the latest version.
 */
import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { assertWithinLimit, countLines, expertiseDiff } from '../experts/document.ts';
import type { Database } from './client.ts';
import { expertiseDocuments, expertiseVersions } from './schema-experts.ts';
import { storableText } from './storable.ts';

export interface ExpertiseSummary {
  domain: string;
  version: number;
  lines: number;
  maxLines: number;
  updatedAt: Date;
}

export interface ExpertiseDocument extends ExpertiseSummary {
  content: string;
  createdAt: Date;
}

export interface ExpertiseVersion {
  version: number;
  diff: string;
  linesAdded: number;
  linesRemoved: number;
  author: string;
  reason: string | null;
  createdAt: Date;
}

/** What the change is computed from: the current document, or null when there is none yet. */
export interface CurrentExpertise {
  content: string;
  version: number;
  maxLines: number;
}

export interface ExpertiseChange {
  /** The new content, from the current document (which may be null). Throw to refuse the change. */
  content: (current: CurrentExpertise | null) => string;
  /** A new line limit (a person may set it); the content is checked against it. */
  maxLines?: number | undefined;
  author: string;
  reason?: string | null | undefined;
}

export interface ExpertiseWrite {
  domain: string;
  /** `unchanged`: the content was identical and no version was recorded. */
  status: 'created' | 'updated' | 'unchanged';
  version: number;
  lines: number;
  maxLines: number;
  diff: string;
  linesAdded: number;
  linesRemoved: number;
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
type DocumentRow = typeof expertiseDocuments.$inferSelect;

export async function listExpertise(db: Database, orchestratorId: string): Promise<ExpertiseSummary[]> {
  const rows = await db
    .select({
      domain: expertiseDocuments.domain,
      version: expertiseDocuments.version,
      content: expertiseDocuments.content,
      maxLines: expertiseDocuments.maxLines,
      updatedAt: expertiseDocuments.updatedAt,
    })
    .from(expertiseDocuments)
    // Version 0 is the placeholder of a first write still in its transaction; never visible, but cheap to rule out.
    .where(and(eq(expertiseDocuments.orchestratorId, orchestratorId), sql`${expertiseDocuments.version} > 0`))
    .orderBy(asc(expertiseDocuments.domain));
  return rows.map(({ content, ...row }) => ({ ...row, lines: countLines(content) }));
}

export async function readExpertise(
  db: Database,
  orchestratorId: string,
  domain: string,
): Promise<ExpertiseDocument | undefined> {
  const [row] = await db
    .select()
    .from(expertiseDocuments)
    .where(and(eq(expertiseDocuments.orchestratorId, orchestratorId), eq(expertiseDocuments.domain, domain)));
  if (!row || row.version < 1) return undefined;
  return toDocument(row);
}

/** Versions newest first; `before` is the last version of the previous page. Undefined: no document. */
export async function expertiseHistory(
  db: Database,
  orchestratorId: string,
  domain: string,
  options: { before?: number | undefined; limit?: number } = {},
): Promise<ExpertiseVersion[] | undefined> {
  const [document] = await db
    .select({ id: expertiseDocuments.id })
    .from(expertiseDocuments)
    .where(and(eq(expertiseDocuments.orchestratorId, orchestratorId), eq(expertiseDocuments.domain, domain)));
  if (!document) return undefined;
  return db
    .select({
      version: expertiseVersions.version,
      diff: expertiseVersions.diff,
      linesAdded: expertiseVersions.linesAdded,
      linesRemoved: expertiseVersions.linesRemoved,
      author: expertiseVersions.author,
      reason: expertiseVersions.reason,
      createdAt: expertiseVersions.createdAt,
    })
    .from(expertiseVersions)
    .where(
      and(
        eq(expertiseVersions.documentId, document.id),
        options.before === undefined ? undefined : lt(expertiseVersions.version, options.before),
      ),
    )
    .orderBy(desc(expertiseVersions.version))
    .limit(options.limit ?? 50);
}

/** Creates or updates the document as one new version (see the module comment). */
export async function writeExpertise(
  db: Database,
  orchestratorId: string,
  domain: string,
  change: ExpertiseChange,
): Promise<ExpertiseWrite> {
  return db.transaction(async (tx) => {
    const row = await lockOrCreate(tx, orchestratorId, domain, change.maxLines);
    const current =
      row.version > 0 ? { content: row.content, version: row.version, maxLines: row.maxLines } : null;
    // Text a model wrote may hold what Postgres refuses; people are refused it at the API boundary.
    const next = storableText(change.content(current));
    const maxLines = change.maxLines ?? row.maxLines;
    // Thrown inside the transaction, so a refused first write leaves no placeholder behind.
    assertWithinLimit(domain, next, maxLines);
    if (current && current.content === next && maxLines === row.maxLines) {
      return {
        domain,
        status: 'unchanged',
        version: row.version,
        lines: countLines(next),
        maxLines,
        diff: '',
        linesAdded: 0,
        linesRemoved: 0,
      };
    }
    const version = row.version + 1;
    const diff = expertiseDiff(domain, current?.content ?? null, next);
    await tx.insert(expertiseVersions).values({
      documentId: row.id,
      version,
      content: next,
      diff: diff.diff,
      linesAdded: diff.linesAdded,
      linesRemoved: diff.linesRemoved,
      author: storableText(change.author),
      reason: change.reason ? storableText(change.reason) : null,
    });
    await tx
      .update(expertiseDocuments)
      .set({ content: next, version, maxLines, updatedAt: sql`now()` })
      .where(eq(expertiseDocuments.id, row.id));
    return {
      domain,
      status: current ? 'updated' : 'created',
      version,
      lines: countLines(next),
      maxLines,
      ...diff,
    };
  });
}

/**
 * The document's row, locked for this transaction. A first write inserts a placeholder (version 0)
 * that the same transaction completes or rolls back; `on conflict do update` finds and locks an
 * existing row, and a concurrent first write waits here for the other to commit.
 */
async function lockOrCreate(
  tx: Transaction,
  orchestratorId: string,
  domain: string,
  maxLines: number | undefined,
): Promise<DocumentRow> {
  const [row] = await tx
    .insert(expertiseDocuments)
    .values({ orchestratorId, domain, content: '', version: 0, ...(maxLines ? { maxLines } : {}) })
    .onConflictDoUpdate({
      target: [expertiseDocuments.orchestratorId, expertiseDocuments.domain],
      set: { domain: sql`excluded.domain` },
    })
    .returning();
  if (!row) throw new Error('upsert into expertise_documents returned no row');
  return row;
}

function toDocument(row: DocumentRow): ExpertiseDocument {
  return {
    domain: row.domain,
    version: row.version,
    lines: countLines(row.content),
    maxLines: row.maxLines,
    content: row.content,
    updatedAt: row.updatedAt,
    createdAt: row.createdAt,
  };
}
