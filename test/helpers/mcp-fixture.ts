/** The test MCP server (test/mcp-fixture) from Worker tests: its URLs per scope and its counters. */
import { inject } from 'vitest';
import { call } from './api.ts';

export { MCP_FIXTURE_CLIENT, MCP_FIXTURE_TOKEN } from '../mcp-fixture/credentials.ts';

export interface FixtureStats {
  tools_list: number;
  tools_call: number;
  unauthorized: number;
  tokens_issued: number;
}

/** `open/mcp`, `secure/mcp`, `oauth/token`… under a scope of the test's own. */
export function fixtureUrl(scope: string, path: string): string {
  return `${inject('mcpFixtureUrl')}/s/${scope}/${path}`;
}

export async function fixtureStats(scope: string): Promise<FixtureStats> {
  return (await (await fetch(fixtureUrl(scope, 'stats'))).json()) as FixtureStats;
}

export async function revokeFixtureTokens(scope: string): Promise<void> {
  await fetch(fixtureUrl(scope, 'oauth/revoke'), { method: 'POST' });
}

export interface ServerJson {
  name: string;
  url: string;
  auth: { type: string; client_id?: string; token_url?: string; scopes?: string[] };
  has_secret: boolean;
  enabled: boolean;
  tools: { name: string; namespaced_name: string; description: string }[];
  tools_cached_at: string | null;
  last_error: string | null;
}

/** Registers a server through the API and returns its JSON; throws unless 201. */
export async function addServer(orchestratorId: string, body: Record<string, unknown>): Promise<ServerJson> {
  const response = await call(`/api/orchestrators/${orchestratorId}/mcp-servers`, {
    method: 'POST',
    json: body,
  });
  if (response.status !== 201)
    throw new Error(`adding the server failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as ServerJson;
}
