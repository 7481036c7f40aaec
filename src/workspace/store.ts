/**
 * An orchestrator's workspace: a versioned file tree in Postgres (`workspace_files` holds each path's
 * current state, `workspace_file_versions` every version). Reading here; writing in `write.ts`,
 * searching in `search.ts`, both re-exported so callers import one module. Paths must already be
 * canonical (`paths.ts`).
 */
import { and, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { workspaceFiles, workspaceFileVersions } from '../db/schema.ts';
import { pathAfter, pathOrder, underPrefix } from './filters.ts';

export { type SearchMatch, type SearchOptions, type SearchResult, searchFiles } from './search.ts';
export {
  type Author,
  type CurrentContent,
  deleteFile,
  type Edit,
  MAX_FILE_BYTES,
  type WriteOutcome,
  type WriteStatus,
  writeFile,
} from './write.ts';

export interface FileEntry {
  path: string;
  version: number;
  sizeBytes: number;
  sha256: string;
  /** When this version was written. */
  updatedAt: Date;
}

export interface FileContent extends FileEntry {
  content: string;
}

export interface VersionEntry {
  version: number;
  /** True for the version that records a deletion (it has no content). */
  deleted: boolean;
  sizeBytes: number;
  sha256: string | null;
  diff: string;
  linesAdded: number;
  linesRemoved: number;
  agentId: string | null;
  promptId: string | null;
  toolUseId: string | null;
  createdAt: Date;
}

/** Live files in path order; `prefix` is a directory ('' for all), `after` the last path of a page. */
export async function listFiles(
  db: Database,
  orchestratorId: string,
  options: { prefix?: string; after?: string; limit?: number } = {},
): Promise<FileEntry[]> {
  return db
    .select({
      path: workspaceFiles.path,
      version: workspaceFiles.currentVersion,
      sizeBytes: workspaceFiles.sizeBytes,
      sha256: workspaceFiles.sha256,
      updatedAt: workspaceFiles.updatedAt,
    })
    .from(workspaceFiles)
    .where(
      and(
        eq(workspaceFiles.orchestratorId, orchestratorId),
        isNull(workspaceFiles.deletedAt),
        underPrefix(options.prefix ?? ''),
        pathAfter(options.after),
      ),
    )
    .orderBy(pathOrder)
    .limit(options.limit ?? 1_000);
}

/** The current content of a live file, or any earlier version that has content (even of a deleted file). */
export async function readFile(
  db: Database,
  orchestratorId: string,
  path: string,
  version?: number,
): Promise<FileContent | undefined> {
  const [row] = await db
    .select({
      path: workspaceFiles.path,
      version: workspaceFileVersions.version,
      sizeBytes: sql<number>`octet_length(${workspaceFileVersions.content})::int`,
      sha256: workspaceFileVersions.sha256,
      updatedAt: workspaceFileVersions.createdAt,
      content: workspaceFileVersions.content,
    })
    .from(workspaceFiles)
    .innerJoin(workspaceFileVersions, eq(workspaceFileVersions.fileId, workspaceFiles.id))
    .where(
      and(
        eq(workspaceFiles.orchestratorId, orchestratorId),
        eq(workspaceFiles.path, path),
        version === undefined
          ? and(
              isNull(workspaceFiles.deletedAt),
              eq(workspaceFileVersions.version, workspaceFiles.currentVersion),
            )
          : eq(workspaceFileVersions.version, version),
        isNotNull(workspaceFileVersions.content),
      ),
    );
  if (!row || row.content === null || row.sha256 === null) return undefined;
  return { ...row, sizeBytes: Number(row.sizeBytes), content: row.content, sha256: row.sha256 };
}

/** Versions newest first; `before` is the last version of the previous page. Undefined if never written. */
export async function fileHistory(
  db: Database,
  orchestratorId: string,
  path: string,
  options: { before?: number; limit?: number } = {},
): Promise<VersionEntry[] | undefined> {
  const [file] = await db
    .select({ id: workspaceFiles.id, version: workspaceFiles.currentVersion })
    .from(workspaceFiles)
    .where(and(eq(workspaceFiles.orchestratorId, orchestratorId), eq(workspaceFiles.path, path)));
  // A file whose first write rolled back never had a committed row, so version 0 cannot be seen here.
  if (!file) return undefined;
  const rows = await db
    .select({
      version: workspaceFileVersions.version,
      sizeBytes: sql<number | null>`octet_length(${workspaceFileVersions.content})::int`,
      sha256: workspaceFileVersions.sha256,
      diff: workspaceFileVersions.diff,
      linesAdded: workspaceFileVersions.linesAdded,
      linesRemoved: workspaceFileVersions.linesRemoved,
      agentId: workspaceFileVersions.agentId,
      promptId: workspaceFileVersions.promptId,
      toolUseId: workspaceFileVersions.toolUseId,
      createdAt: workspaceFileVersions.createdAt,
    })
    .from(workspaceFileVersions)
    .where(
      and(
        eq(workspaceFileVersions.fileId, file.id),
        options.before === undefined ? undefined : lt(workspaceFileVersions.version, options.before),
      ),
    )
    .orderBy(desc(workspaceFileVersions.version))
    .limit(options.limit ?? 50);
  return rows.map((row) => ({ ...row, deleted: row.sha256 === null, sizeBytes: Number(row.sizeBytes ?? 0) }));
}

/** Every live file with its content, in path order, for the archive; pages keep each query small. */
export async function* liveContents(
  db: Database,
  orchestratorId: string,
  pageSize = 100,
): AsyncGenerator<{ path: string; content: string; updatedAt: Date }> {
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .select({
        path: workspaceFiles.path,
        content: workspaceFileVersions.content,
        updatedAt: workspaceFiles.updatedAt,
      })
      .from(workspaceFiles)
      .innerJoin(
        workspaceFileVersions,
        and(
          eq(workspaceFileVersions.fileId, workspaceFiles.id),
          eq(workspaceFileVersions.version, workspaceFiles.currentVersion),
        ),
      )
      .where(
        and(
          eq(workspaceFiles.orchestratorId, orchestratorId),
          isNull(workspaceFiles.deletedAt),
          pathAfter(after),
        ),
      )
      .orderBy(pathOrder)
      .limit(pageSize);
    for (const row of rows) yield { ...row, content: row.content ?? '' };
    if (rows.length < pageSize) return;
    after = rows.at(-1)?.path;
  }
}

/** Live-file totals, to refuse an archive too large to build in a Worker's memory. */
export async function workspaceTotals(
  db: Database,
  orchestratorId: string,
): Promise<{ files: number; bytes: number }> {
  const [row] = await db
    .select({
      files: sql<string>`count(*)`,
      bytes: sql<string>`coalesce(sum(${workspaceFiles.sizeBytes}), 0)`,
    })
    .from(workspaceFiles)
    .where(and(eq(workspaceFiles.orchestratorId, orchestratorId), isNull(workspaceFiles.deletedAt)));
  return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0) };
}
