/**
 * Regex search over the current contents of live files, line by line, in path order. Bounded in files,
 * bytes and matches, because a Worker has a CPU and memory budget and a model a context window; the
 * result says when and why it stopped early, so the caller can narrow the search.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { workspaceFiles, workspaceFileVersions } from '../db/schema.ts';
import { pathOrder, underPrefix } from './filters.ts';

export interface SearchOptions {
  /** Directory to search ('' or absent: the whole workspace). */
  prefix?: string;
  /** Only paths this matches (see glob.ts). */
  glob?: RegExp;
  maxFiles?: number;
  maxBytes?: number;
  maxMatches?: number;
  /** Matched lines longer than this are cut in the result (matching sees the whole line). */
  maxLineChars?: number;
}

export interface SearchMatch {
  path: string;
  /** 1-based. */
  line: number;
  text: string;
}

export interface SearchResult {
  matches: SearchMatch[];
  filesSearched: number;
  /** Files that passed the prefix and glob filters. */
  filesConsidered: number;
  /** Why the search stopped before the end, or null when it was complete. */
  truncated: string | null;
}

export const SEARCH_LIMITS = {
  maxFiles: 2_000,
  maxBytes: 16 * 1024 * 1024,
  maxMatches: 200,
  maxLineChars: 300,
};
const BATCH = 50;

export async function searchFiles(
  db: Database,
  orchestratorId: string,
  pattern: RegExp,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const limits = { ...SEARCH_LIMITS, ...definedOnly(options) };
  // A global or sticky RegExp keeps state between test() calls and would skip matches.
  const regexp = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  const candidates = (
    await db
      .select({ id: workspaceFiles.id, path: workspaceFiles.path, sizeBytes: workspaceFiles.sizeBytes })
      .from(workspaceFiles)
      .where(
        and(
          eq(workspaceFiles.orchestratorId, orchestratorId),
          isNull(workspaceFiles.deletedAt),
          underPrefix(options.prefix ?? ''),
        ),
      )
      .orderBy(pathOrder)
  ).filter((file) => options.glob?.test(file.path) ?? true);

  const result: SearchResult = {
    matches: [],
    filesSearched: 0,
    filesConsidered: candidates.length,
    truncated: null,
  };
  let bytes = 0;
  let planned = candidates.length;
  for (const [index, file] of candidates.entries()) {
    if (index >= limits.maxFiles || bytes + file.sizeBytes > limits.maxBytes) {
      planned = index;
      break;
    }
    bytes += file.sizeBytes;
  }
  for (let start = 0; start < planned; start += BATCH) {
    const batch = candidates.slice(start, Math.min(start + BATCH, planned));
    const contents = await contentsOf(
      db,
      batch.map((file) => file.id),
    );
    for (const file of batch) {
      result.filesSearched++;
      const lines = (contents.get(file.id) ?? '').split('\n');
      for (const [i, raw] of lines.entries()) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (!regexp.test(line)) continue;
        if (result.matches.length >= limits.maxMatches) {
          result.truncated = `stopped at ${limits.maxMatches} matches`;
          return result;
        }
        result.matches.push({ path: file.path, line: i + 1, text: cut(line, limits.maxLineChars) });
      }
    }
  }
  if (planned < candidates.length) {
    const limit =
      planned >= limits.maxFiles ? `${limits.maxFiles} files` : `${Math.round(limits.maxBytes / 1024)} KiB`;
    result.truncated = `searched ${planned} of ${candidates.length} files (limit: ${limit})`;
  }
  return result;
}

async function contentsOf(db: Database, fileIds: string[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: workspaceFiles.id, content: workspaceFileVersions.content })
    .from(workspaceFiles)
    .innerJoin(
      workspaceFileVersions,
      and(
        eq(workspaceFileVersions.fileId, workspaceFiles.id),
        eq(workspaceFileVersions.version, workspaceFiles.currentVersion),
      ),
    )
    .where(inArray(workspaceFiles.id, fileIds));
  return new Map(rows.map((row) => [row.id, row.content ?? '']));
}

function cut(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, max)}…`;
}

function definedOnly(options: SearchOptions): Partial<typeof SEARCH_LIMITS> {
  const { maxFiles, maxBytes, maxMatches, maxLineChars } = options;
  return Object.fromEntries(
    Object.entries({ maxFiles, maxBytes, maxMatches, maxLineChars }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}
