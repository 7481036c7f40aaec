/**
 * The cached tool list of a remote server (`mcp_servers.tools_cache`): what `tools/list` returned,
 * reduced to what an agent needs. It is re-listed when older than the TTL, when the last attempt
 * failed, or on demand (`POST …/mcp-servers/:name/refresh`).
 */

/** How long a listed tool set is trusted before it is listed again at the next run start. */
export const TOOLS_TTL_MS = 10 * 60 * 1000;

export interface CachedTool {
  /** The remote name, as `tools/call` wants it. */
  name: string;
  description: string;
  /** The tool's JSON Schema for its arguments, passed to the model as it is. */
  inputSchema: Record<string, unknown>;
}

export interface CacheState {
  toolsCachedAt: Date | null;
  lastError: string | null;
}

/** True when the cached list can be used without listing again. */
export function isCacheFresh(state: CacheState, now: number, ttlMs = TOOLS_TTL_MS): boolean {
  if (!state.toolsCachedAt || state.lastError) return false;
  const age = now - state.toolsCachedAt.getTime();
  return age >= 0 && age < ttlMs;
}

/** A description long enough to be useful and short enough not to flood every request's tool list. */
const MAX_DESCRIPTION = 2_000;

/**
 * The cache from a `tools/list` result (or from the jsonb column): entries that are not tools are
 * dropped rather than trusted, since the remote server and the stored value are both outside input.
 */
export function toCachedTools(tools: readonly unknown[]): CachedTool[] {
  const cached: CachedTool[] = [];
  for (const tool of tools) {
    if (!isRecord(tool) || typeof tool.name !== 'string' || tool.name === '') continue;
    const schema = isRecord(tool.inputSchema) ? tool.inputSchema : { type: 'object' };
    const description = typeof tool.description === 'string' ? tool.description : '';
    cached.push({
      name: tool.name,
      description: description.slice(0, MAX_DESCRIPTION),
      inputSchema: { ...schema, type: 'object' },
    });
  }
  return cached;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
