/**
 * Remote MCP servers of one orchestrator (schema-mcp.ts). The secret column is written only with
 * ciphertext (src/mcp-client/secrets.ts); callers that answer the API map rows through a function that
 * leaves it out.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from './client.ts';
import { type McpAuthKind, mcpServers } from './schema-mcp.ts';

export type McpServerRow = typeof mcpServers.$inferSelect;

export interface NewMcpServer {
  orchestratorId: string;
  name: string;
  url: string;
  authKind: McpAuthKind;
  secretCiphertext: string | null;
  oauthConfig: Record<string, unknown> | null;
  enabled: boolean;
}

/** Inserts the server, or returns undefined when the orchestrator already has one by that name. */
export async function insertMcpServer(db: Database, input: NewMcpServer): Promise<McpServerRow | undefined> {
  const [row] = await db.insert(mcpServers).values(input).onConflictDoNothing().returning();
  return row;
}

export async function listMcpServers(db: Database, orchestratorId: string): Promise<McpServerRow[]> {
  return db
    .select()
    .from(mcpServers)
    .where(eq(mcpServers.orchestratorId, orchestratorId))
    .orderBy(asc(mcpServers.name));
}

export async function findMcpServer(
  db: Database,
  orchestratorId: string,
  name: string,
): Promise<McpServerRow | undefined> {
  const [row] = await db
    .select()
    .from(mcpServers)
    .where(and(eq(mcpServers.orchestratorId, orchestratorId), eq(mcpServers.name, name)));
  return row;
}

/** The named servers (those an agent's grants mention), enabled or not. */
export async function findMcpServers(
  db: Database,
  orchestratorId: string,
  names: string[],
): Promise<McpServerRow[]> {
  if (names.length === 0) return [];
  return db
    .select()
    .from(mcpServers)
    .where(and(eq(mcpServers.orchestratorId, orchestratorId), inArray(mcpServers.name, names)));
}

export type McpServerChanges = Partial<
  Pick<
    McpServerRow,
    | 'url'
    | 'authKind'
    | 'secretCiphertext'
    | 'oauthConfig'
    | 'enabled'
    | 'toolsCache'
    | 'toolsCachedAt'
    | 'lastError'
  >
>;

export async function updateMcpServer(
  db: Database,
  id: string,
  changes: McpServerChanges,
): Promise<McpServerRow | undefined> {
  const [row] = await db
    .update(mcpServers)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(mcpServers.id, id))
    .returning();
  return row;
}

export async function deleteMcpServer(db: Database, orchestratorId: string, name: string): Promise<boolean> {
  const deleted = await db
    .delete(mcpServers)
    .where(and(eq(mcpServers.orchestratorId, orchestratorId), eq(mcpServers.name, name)))
    .returning({ id: mcpServers.id });
  return deleted.length > 0;
}
