/**
 * The remote tools of one command run: the servers the agent's grants name, each one's tool list
 * (cached, or listed now when stale), turned into ToolDefinitions and narrowed to what is granted.
 * A server that is missing, disabled or failing contributes no tools; the system prompt names it so
 * the agent knows why a tool it expected is absent. Nothing here throws into the run.
 */
import type { Database } from '../db/client.ts';
import { findMcpServers } from '../db/mcp-servers.ts';
import type { ToolDefinition } from '../tools/types.ts';
import { describeFailure } from './connection.ts';
import { effectiveGrants, type GrantSources, grantedServers, toolAllowed } from './grants.ts';
import { remoteToolDefinitions } from './tool-definitions.ts';
import { currentTools } from './tool-list.ts';

const LIST_TIMEOUT_MS = 10_000;

export interface McpRunSetup {
  tools: ToolDefinition[];
  /** A paragraph for the system prompt about the granted servers; empty when none is granted. */
  note: string;
}

export async function mcpRunSetup(
  db: Database,
  orchestratorId: string,
  encodedKey: string | undefined,
  sources: GrantSources,
): Promise<McpRunSetup> {
  const servers = grantedServers(effectiveGrants(sources));
  if (servers.length === 0) return { tools: [], note: '' };
  try {
    const rows = await findMcpServers(db, orchestratorId, servers);
    // Listed side by side, with a shorter timeout than a call's: this delays the command's start.
    const outcomes = await Promise.all(
      servers.map(async (name) => {
        const row = rows.find((candidate) => candidate.name === name);
        if (!row) return { name, problem: 'not registered' };
        if (!row.enabled) return { name, problem: 'disabled' };
        const listed = await currentTools(row, { db, encodedKey, timeoutMs: LIST_TIMEOUT_MS });
        if (!listed.ok) return { name, problem: listed.error };
        const granted = remoteToolDefinitions(listed.row, listed.tools, { encodedKey }).filter((tool) =>
          toolAllowed(tool.name, sources),
        );
        return { name, granted };
      }),
    );
    const tools: ToolDefinition[] = [];
    const available: string[] = [];
    const unavailable: string[] = [];
    for (const outcome of outcomes) {
      if ('problem' in outcome) {
        unavailable.push(`${outcome.name} (${outcome.problem})`);
        continue;
      }
      tools.push(...outcome.granted);
      const count = outcome.granted.length;
      available.push(`${outcome.name} (${count} tool${count === 1 ? '' : 's'})`);
    }
    return { tools, note: describeServers(available, unavailable) };
  } catch (error) {
    return { tools: [], note: describeServers([], [`all (${describeFailure(error)})`]) };
  }
}

function describeServers(available: string[], unavailable: string[]): string {
  const lines = ['## Remote MCP servers', 'Tools named mcp__<server>__<tool> run on remote MCP servers.'];
  if (available.length > 0) lines.push(`Available: ${available.join(', ')}.`);
  if (unavailable.length > 0)
    lines.push(`Unavailable for this command, so their tools are absent: ${unavailable.join('; ')}.`);
  return lines.join('\n');
}
