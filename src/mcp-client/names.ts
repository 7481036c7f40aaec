/**
 * How remote MCP servers and their tools are named for agents. A server's name is its namespace: its
 * tool `search` reaches an agent as `mcp__<server>__search`. Server names may not contain `__` or
 * start or end with `_`, so the first `__` after `mcp__` always ends the server's part and a
 * namespaced name parses back unambiguously.
 */

export const MCP_PREFIX = 'mcp__';
export const SERVER_NAME_RULE =
  '1–32 characters of a-z, 0-9, _ and -, not starting or ending with _ and without __';
const SERVER_NAME = /^[a-z0-9_-]{1,32}$/;

/** The Messages API's rule for a tool name. */
const TOOL_NAME_LIMIT = 128;
const TOOL_NAME_CHAR = /[^a-zA-Z0-9_-]/g;

export function isServerName(name: string): boolean {
  return SERVER_NAME.test(name) && !name.includes('__') && !name.startsWith('_') && !name.endsWith('_');
}

/**
 * The name an agent calls a remote tool by. A remote name with characters the Messages API refuses
 * (dots, slashes, …) has them replaced by `_`, and the whole is cut to the API's 128 characters; the
 * caller keeps the remote name to call, so only the model sees the namespaced one.
 */
export function namespacedToolName(server: string, tool: string): string {
  return `${MCP_PREFIX}${server}__${tool.replace(TOOL_NAME_CHAR, '_')}`.slice(0, TOOL_NAME_LIMIT);
}

/** `mcp__docs__search` → `{server: 'docs', tool: 'search'}`; undefined for any other name. */
export function parseNamespacedName(name: string): { server: string; tool: string } | undefined {
  if (!name.startsWith(MCP_PREFIX)) return undefined;
  const rest = name.slice(MCP_PREFIX.length);
  const separator = rest.indexOf('__');
  if (separator <= 0) return undefined;
  const server = rest.slice(0, separator);
  const tool = rest.slice(separator + 2);
  if (!isServerName(server) || tool === '') return undefined;
  return { server, tool };
}
