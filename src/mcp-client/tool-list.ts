/**
 * Listing a server's tools (`tools/list`, every page) into its cache row. A failure is recorded in
 * `last_error` (the cached list is kept for when the server is back, but not offered meanwhile) and
 * returned, never thrown: a broken server must not break a run or a settings page.
 */
import { type McpServerRow, updateMcpServer } from '../db/mcp-servers.ts';
import { type CachedTool, isCacheFresh, toCachedTools } from './cache.ts';
import { describeFailure, type ServerAccess, withSession } from './connection.ts';

/** More pages than any sane server has: a loop guard against a server that never ends its cursor. */
const MAX_PAGES = 20;

export type ListOutcome =
  | { ok: true; tools: CachedTool[]; row: McpServerRow }
  | { ok: false; error: string; row: McpServerRow };

export async function refreshToolList(row: McpServerRow, access: ServerAccess): Promise<ListOutcome> {
  try {
    const listed = await withSession(row, access, async ({ client, options }) => {
      const tools: unknown[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const result = await client.listTools(cursor ? { cursor } : undefined, options);
        tools.push(...result.tools);
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return toCachedTools(tools);
    });
    const updated = await updateMcpServer(access.db, row.id, {
      toolsCache: listed,
      toolsCachedAt: new Date(),
      lastError: null,
    });
    return { ok: true, tools: listed, row: updated ?? row };
  } catch (error) {
    const message = describeFailure(error);
    const updated = await updateMcpServer(access.db, row.id, { lastError: message }).catch(() => undefined);
    return { ok: false, error: message, row: updated ?? row };
  }
}

/** The server's tools for a run: the cache when fresh, else listed now. */
export async function currentTools(
  row: McpServerRow,
  access: ServerAccess,
  now = Date.now(),
): Promise<ListOutcome> {
  if (isCacheFresh(row, now)) return { ok: true, tools: toCachedTools(row.toolsCache), row };
  return refreshToolList(row, access);
}
