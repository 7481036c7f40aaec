/**
 * A remote server's cached tools as the runtime's ToolDefinitions. The model gets each tool's own JSON
 * Schema (`inputJsonSchema`); the local zod schema only checks that the input is an object, since the
 * remote server validates the arguments and says what is wrong in an `isError` result. Every call
 * reads the server's row again (it may have been disabled, deleted or given new credentials since the
 * run started) and opens its own session.
 */
import { ProtocolError } from '@modelcontextprotocol/client';
import { z } from 'zod';
import { findMcpServer, type McpServerRow, updateMcpServer } from '../db/mcp-servers.ts';
import type { ToolContext, ToolDefinition, ToolResult } from '../tools/types.ts';
import type { CachedTool } from './cache.ts';
import { describeFailure, withSession } from './connection.ts';
import { namespacedToolName } from './names.ts';
import { toToolResult } from './results.ts';

const anyObject = z.record(z.string(), z.unknown());

export interface RemoteToolDeps {
  encodedKey: string | undefined;
  timeoutMs?: number;
}

export function remoteToolDefinitions(
  row: McpServerRow,
  tools: readonly CachedTool[],
  deps: RemoteToolDeps,
): ToolDefinition[] {
  return tools.map((tool) => {
    const name = namespacedToolName(row.name, tool.name);
    return {
      name,
      description: `[MCP server ${row.name}] ${tool.description}`.trim(),
      input: anyObject,
      inputJsonSchema: tool.inputSchema,
      // A remote tool may have any side effect: it runs alone, like any tool we cannot vouch for.
      concurrencySafe: false,
      run: (input: Record<string, unknown>, ctx: ToolContext) =>
        callRemoteTool(row, tool.name, input, ctx, deps),
    };
  });
}

async function callRemoteTool(
  startRow: McpServerRow,
  remoteName: string,
  input: Record<string, unknown>,
  ctx: ToolContext,
  deps: RemoteToolDeps,
): Promise<ToolResult> {
  const label = `${startRow.name}/${remoteName}`;
  const row = await findMcpServer(ctx.db, ctx.orchestratorId, startRow.name);
  if (!row || row.id !== startRow.id)
    return { content: `MCP server ${startRow.name} was removed.`, isError: true };
  if (!row.enabled) return { content: `MCP server ${row.name} is disabled.`, isError: true };
  try {
    const result = await withSession(
      row,
      {
        db: ctx.db,
        encodedKey: deps.encodedKey,
        signal: ctx.signal,
        ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
      },
      ({ client, options }) => client.callTool({ name: remoteName, arguments: input }, options),
    );
    return toToolResult(result, label);
  } catch (error) {
    if (ctx.signal.aborted) return { content: `${label} was interrupted.`, isError: true };
    const message = describeFailure(error);
    // A JSON-RPC error is the server answering (unknown tool, bad arguments): it is up, so only a
    // failure to reach or talk to it is recorded as the server's error.
    if (!(error instanceof ProtocolError)) {
      await updateMcpServer(ctx.db, row.id, { lastError: message }).catch(() => undefined);
    }
    return { content: `MCP server ${row.name} failed on ${remoteName}: ${message}`, isError: true };
  }
}
