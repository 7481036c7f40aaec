/**
 * Which remote tools an agent may call. Remote tools are opt-in: an agent gets none unless granted,
 * by its template's `tools` list or by create_agent's `mcp_tools`. A grant is `mcp__<server>__*`
 * (every tool the server lists) or `mcp__<server>__<tool>` (one tool, by its namespaced name). A slash
 * command's `allowed-tools` can narrow the granted set with the same syntax, never widen it.
 */
import { parseNamespacedName } from './names.ts';

export const GRANT_RULE = 'mcp__<server>__<tool> or mcp__<server>__* (server: a registered MCP server name)';

/** True for a well-formed grant (the server need not exist: a template may name one not yet added). */
export function isMcpGrant(grant: string): boolean {
  const parsed = parseNamespacedName(grant);
  if (!parsed) return false;
  return parsed.tool === '*' || /^[a-zA-Z0-9_-]+$/.test(parsed.tool);
}

/** True when the grant covers the namespaced tool name. */
export function grantCovers(grant: string, toolName: string): boolean {
  const parsed = parseNamespacedName(grant);
  if (!parsed) return false;
  if (parsed.tool === '*') return parseNamespacedName(toolName)?.server === parsed.server;
  return grant === toolName;
}

/** The MCP grants among a list of tool names (a template's or a command's list mixes both kinds). */
export function mcpGrantsIn(names: readonly string[] | undefined): string[] {
  return (names ?? []).filter(isMcpGrant);
}

/** The servers the grants name, each once, in order. */
export function grantedServers(grants: readonly string[]): string[] {
  const servers = grants.map((grant) => parseNamespacedName(grant)?.server);
  return [...new Set(servers.filter((server): server is string => server !== undefined))];
}

export interface GrantSources {
  /** The template's tool list (built-in names and MCP grants mixed), if the agent has a template. */
  template?: readonly string[];
  /** Grants given at creation (create_agent's `mcp_tools`), kept in the agent's metadata. */
  agent?: readonly string[];
  /** The slash command's `allowed-tools`, if it has one: a restriction, not a grant. */
  command?: readonly string[];
}

/** The grants in force: the template's and the agent's together. */
export function effectiveGrants(sources: GrantSources): string[] {
  return [...new Set([...mcpGrantsIn(sources.template), ...mcpGrantsIn(sources.agent)])];
}

/** Whether the agent may call this namespaced tool under these sources. */
export function toolAllowed(toolName: string, sources: GrantSources): boolean {
  const granted = effectiveGrants(sources).some((grant) => grantCovers(grant, toolName));
  if (!granted) return false;
  if (!sources.command) return true;
  return mcpGrantsIn(sources.command).some((grant) => grantCovers(grant, toolName));
}

/** `metadata.mcp_tools` as stored by create_agent; anything malformed is ignored. */
export function agentGrants(metadata: Record<string, unknown>): string[] {
  const value = metadata.mcp_tools;
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && isMcpGrant(item))
    : [];
}
