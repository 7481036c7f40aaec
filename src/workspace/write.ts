/**
 * Writing and deleting workspace files. Each change is one transaction that locks the file row, so two
 * concurrent writers to one file get consecutive versions, never the same one; a retried tool call
 * (same `tool_use_id`, same file) gets its earlier version back instead of writing again.
 */
import { and, eq, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { workspaceFiles, workspaceFileVersions } from '../db/schema.ts';
import { unstorableCharacter } from '../db/storable.ts';
import { diffVersions } from './diff.ts';
import { WorkspaceError } from './errors.ts';
import { isCanonicalPath } from './paths.ts';

export const MAX_FILE_BYTES = 1024 * 1024;
const encoder = new TextEncoder();

/** Who made a change; all optional (a person through the API has none). */
export interface Author {
  agentId?: string | null;
  promptId?: string | null;
  toolUseId?: string | null;
}

/**
 * `created` also covers a deleted file written again (its history continues); `unchanged` means the
 * content was identical and no version was recorded; `replayed` means this tool call already ran.
 */
export type WriteStatus = 'created' | 'updated' | 'unchanged' | 'replayed' | 'deleted';

export interface WriteOutcome {
  path: string;
  version: number;
  status: WriteStatus;
  linesAdded: number;
  linesRemoved: number;
  sizeBytes: number;
  /** Null when the version is a deletion. */
  sha256: string | null;
}

export interface CurrentContent {
  content: string;
  version: number;
}

/** Computes the new content from the current one (null: no live file), under the file's row lock. */
export type Edit = (current: CurrentContent | null) => string;

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
type FileRow = typeof workspaceFiles.$inferSelect;
type VersionRow = Pick<
  typeof workspaceFileVersions.$inferSelect,
  'version' | 'content' | 'sha256' | 'toolUseId' | 'linesAdded' | 'linesRemoved'
>;

export async function writeFile(
  db: Database,
  orchestratorId: string,
  path: string,
  content: string | Edit,
  author: Author = {},
): Promise<WriteOutcome> {
  assertCanonical(path);
  // Fail a plain oversized write before opening a transaction.
  if (typeof content === 'string') await measure(path, content);
  return db.transaction(async (tx) => {
    const file = await lockOrCreate(tx, orchestratorId, path);
    const { earlier, live } = await relevantVersions(tx, file, author);
    if (earlier) return replayed(path, earlier);
    const current = live?.content == null ? null : { content: live.content, version: live.version };
    const next = typeof content === 'string' ? content : content(current);
    const { bytes, sha256 } = await measure(path, next);
    if (current && live?.sha256 === sha256) {
      const { version } = current;
      return { path, version, status: 'unchanged', linesAdded: 0, linesRemoved: 0, sizeBytes: bytes, sha256 };
    }
    const outcome = await recordVersion(
      tx,
      file,
      current?.content ?? null,
      { content: next, sha256, bytes },
      author,
    );
    return { ...outcome, status: current ? 'updated' : 'created' };
  });
}

/** Records a deletion (a version with no content); writing the path again continues its history. */
export async function deleteFile(
  db: Database,
  orchestratorId: string,
  path: string,
  author: Author = {},
): Promise<WriteOutcome> {
  assertCanonical(path);
  return db.transaction(async (tx) => {
    const [file] = await tx
      .select()
      .from(workspaceFiles)
      .where(and(eq(workspaceFiles.orchestratorId, orchestratorId), eq(workspaceFiles.path, path)))
      .for('update');
    if (!file) throw new WorkspaceError('not_found', `File not found: ${path}`);
    const { earlier, live } = await relevantVersions(tx, file, author);
    if (earlier) return replayed(path, earlier);
    if (live?.content == null) throw new WorkspaceError('not_found', `File not found: ${path}`);
    return recordVersion(tx, file, live.content, null, author);
  });
}

/**
 * The file's row, locked for this transaction. A first write inserts a placeholder (version 0) that the
 * same transaction completes; `on conflict do update` both finds an existing row and locks it, and a
 * concurrent first write waits here for the other one to commit.
 */
async function lockOrCreate(tx: Transaction, orchestratorId: string, path: string): Promise<FileRow> {
  const [file] = await tx
    .insert(workspaceFiles)
    .values({ orchestratorId, path, currentVersion: 0, sizeBytes: 0, sha256: '' })
    .onConflictDoUpdate({
      target: [workspaceFiles.orchestratorId, workspaceFiles.path],
      set: { path: sql`excluded.path` },
    })
    .returning();
  if (!file) throw new Error('upsert into workspace_files returned no row');
  return file;
}

/** In one query: the version this tool call already wrote, if any, and the live current version. */
async function relevantVersions(
  tx: Transaction,
  file: FileRow,
  author: Author,
): Promise<{ earlier?: VersionRow | undefined; live?: VersionRow | undefined }> {
  const toolUseId = author.toolUseId ?? null;
  const rows = await tx
    .select({
      version: workspaceFileVersions.version,
      content: workspaceFileVersions.content,
      sha256: workspaceFileVersions.sha256,
      toolUseId: workspaceFileVersions.toolUseId,
      linesAdded: workspaceFileVersions.linesAdded,
      linesRemoved: workspaceFileVersions.linesRemoved,
    })
    .from(workspaceFileVersions)
    .where(
      and(
        eq(workspaceFileVersions.fileId, file.id),
        or(
          eq(workspaceFileVersions.version, file.currentVersion),
          toolUseId === null ? undefined : eq(workspaceFileVersions.toolUseId, toolUseId),
        ),
      ),
    );
  return {
    earlier: toolUseId === null ? undefined : rows.find((row) => row.toolUseId === toolUseId),
    live: file.deletedAt === null ? rows.find((row) => row.version === file.currentVersion) : undefined,
  };
}

/** Appends the next version (`next` null: a deletion) and moves the file row to it. */
async function recordVersion(
  tx: Transaction,
  file: FileRow,
  previous: string | null,
  next: { content: string; sha256: string; bytes: number } | null,
  author: Author,
): Promise<WriteOutcome> {
  const change = diffVersions(file.path, previous, next?.content ?? null);
  const version = file.currentVersion + 1;
  await tx.insert(workspaceFileVersions).values({
    fileId: file.id,
    version,
    content: next?.content ?? null,
    sha256: next?.sha256 ?? null,
    diff: change.diff,
    linesAdded: change.linesAdded,
    linesRemoved: change.linesRemoved,
    agentId: author.agentId ?? null,
    promptId: author.promptId ?? null,
    toolUseId: author.toolUseId ?? null,
  });
  await tx
    .update(workspaceFiles)
    .set({
      currentVersion: version,
      sizeBytes: next?.bytes ?? 0,
      // A deleted file keeps its last content's hash: the column is not null, and it stays meaningful.
      sha256: next?.sha256 ?? file.sha256,
      deletedAt: next ? null : sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(workspaceFiles.id, file.id));
  return {
    path: file.path,
    version,
    status: next ? 'updated' : 'deleted',
    linesAdded: change.linesAdded,
    linesRemoved: change.linesRemoved,
    sizeBytes: next?.bytes ?? 0,
    sha256: next?.sha256 ?? null,
  };
}

function replayed(path: string, row: VersionRow): WriteOutcome {
  return {
    path,
    version: row.version,
    status: 'replayed',
    linesAdded: row.linesAdded,
    linesRemoved: row.linesRemoved,
    sizeBytes: row.content === null ? 0 : encoder.encode(row.content).length,
    sha256: row.sha256,
  };
}

/**
 * Checks that the content can be stored and computes its size and hash. Files hold text: content with a
 * NUL or a lone surrogate (binary data, or a broken escape) is refused rather than silently altered, and
 * before anything is written, so an edit computed under the lock rolls the whole transaction back.
 */
async function measure(path: string, content: string): Promise<{ bytes: number; sha256: string }> {
  const unstorable = unstorableCharacter(content);
  if (unstorable) {
    throw new WorkspaceError(
      'not_text',
      `${path} would contain ${unstorable.label} at character ${unstorable.index}; workspace files hold ` +
        'text only (binary content is not supported). Write the file without that character.',
    );
  }
  const data = encoder.encode(content);
  if (data.length > MAX_FILE_BYTES) {
    throw new WorkspaceError(
      'too_large',
      `${path} would be ${data.length} bytes; ` +
        `workspace files are limited to ${MAX_FILE_BYTES} bytes (1 MiB).`,
    );
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return { bytes: data.length, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
}

function assertCanonical(path: string): void {
  // Callers normalise user input first (paths.ts); a raw path reaching the store is a bug.
  if (!isCanonicalPath(path)) throw new Error(`not a canonical workspace path: ${JSON.stringify(path)}`);
}
