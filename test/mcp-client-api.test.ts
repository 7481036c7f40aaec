/**
 * Remote MCP servers over REST: CRUD, credentials sealed and never returned, bad input in the one
 * error shape, and tool listing (cache, refresh, bearer and OAuth) against the test MCP server.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mcpServers } from '../src/db/schema-mcp.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import {
  addServer,
  fixtureStats,
  fixtureUrl,
  MCP_FIXTURE_CLIENT,
  MCP_FIXTURE_TOKEN,
  revokeFixtureTokens,
  type ServerJson,
} from './helpers/mcp-fixture.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';

const servers = (id: string) => `/api/orchestrators/${id}/mcp-servers`;

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

describe('MCP servers API', () => {
  it('creates, lists, reads, changes and deletes; secrets are sealed and never returned', async () => {
    const id = await createOrchestrator();
    const created = await addServer(id, {
      name: 'docs',
      url: 'https://mcp.example.com/mcp',
      auth: { type: 'bearer', token: 'super-secret-token' },
    });
    expect(created).toMatchObject({
      name: 'docs',
      auth: { type: 'bearer' },
      has_secret: true,
      enabled: true,
      tools: [],
      tools_cached_at: null,
      last_error: null,
    });
    const listed = await json<{ servers: ServerJson[] }>(await call(servers(id)), 200);
    expect(listed.servers.map((s) => s.name)).toEqual(['docs']);
    const patched = await json<ServerJson>(
      await call(`${servers(id)}/docs`, {
        method: 'PATCH',
        json: {
          enabled: false,
          auth: {
            type: 'oauth',
            client_id: 'c1',
            client_secret: 'oauth-secret',
            token_url: 'https://auth.example.com/t',
            scopes: ['read'],
          },
        },
      }),
      200,
    );
    expect(patched).toMatchObject({
      enabled: false,
      has_secret: true,
      auth: { type: 'oauth', client_id: 'c1', token_url: 'https://auth.example.com/t', scopes: ['read'] },
    });
    const read = await call(`${servers(id)}/docs`);
    const text = await read.text();
    for (const secret of ['super-secret-token', 'oauth-secret']) {
      expect(text).not.toContain(secret);
      expect(JSON.stringify(created)).not.toContain(secret);
      expect(JSON.stringify(patched)).not.toContain(secret);
    }
    const stored = await withDatabase((db) =>
      db.select().from(mcpServers).where(eq(mcpServers.orchestratorId, id)),
    );
    expect(stored[0]?.secretCiphertext).toMatch(/^v1\./);
    expect(stored[0]?.secretCiphertext).not.toContain('oauth-secret');

    const none = await json<ServerJson>(
      await call(`${servers(id)}/docs`, { method: 'PATCH', json: { auth: { type: 'none' } } }),
      200,
    );
    expect(none).toMatchObject({ has_secret: false, auth: { type: 'none' } });
    expect((await call(`${servers(id)}/docs`, { method: 'DELETE' })).status).toBe(204);
    await expectError(await call(`${servers(id)}/docs`), 404, 'not_found');
    await expectError(await call(`${servers(id)}/docs`, { method: 'DELETE' }), 404, 'not_found');
  });

  it('refuses bad input, a taken name and unknown orchestrators in the one error shape', async () => {
    const id = await createOrchestrator();
    await addServer(id, { name: 'calc', url: fixtureUrl('api-bad', 'open/mcp') });
    await expectError(
      await call(servers(id), { method: 'POST', json: { name: 'calc', url: 'https://other.example.com/' } }),
      409,
      'conflict',
    );
    const bad: Record<string, unknown>[] = [
      { name: 'Bad Name', url: 'https://x.example.com/' },
      { name: 'a__b', url: 'https://x.example.com/' },
      { name: 'x'.repeat(33), url: 'https://x.example.com/' },
      { name: 'web', url: 'http://x.example.com/mcp' },
      { name: 'web', url: 'ftp://x.example.com/' },
      { name: 'web', url: 'https://user:pw@x.example.com/' },
      { name: 'web', url: 'https://x.example.com/', auth: { type: 'bearer' } },
      { name: 'web', url: 'https://x.example.com/', auth: { type: 'basic', token: 't' } },
      { name: 'web', url: 'https://x.example.com/', auth: { type: 'bearer', token: 'a\nb' } },
      { name: 'web', url: 'https://x.example.com/', extra: true },
    ];
    for (const body of bad) {
      await expectError(await call(servers(id), { method: 'POST', json: body }), 422, 'validation_failed');
    }
    await expectError(
      await call(`${servers(id)}/calc`, { method: 'PATCH', json: { name: 'renamed' } }),
      422,
      'validation_failed',
    );
    await expectError(await call(`${servers(id)}/BAD`), 422, 'validation_failed');
    await expectError(await call(`${servers(id)}/nope/refresh`, { method: 'POST' }), 404, 'not_found');
    await expectError(await call(servers(crypto.randomUUID())), 404, 'not_found');
  });

  it('lists and caches tools on refresh; a stale cache is listed again at use', async () => {
    const id = await createOrchestrator();
    const scope = `api-cache-${id}`;
    await addServer(id, { name: 'calc', url: fixtureUrl(scope, 'open/mcp') });
    const refreshed = await json<ServerJson>(
      await call(`${servers(id)}/calc/refresh`, { method: 'POST' }),
      200,
    );
    expect(refreshed.tools.map((t) => t.namespaced_name).sort()).toEqual([
      'mcp__calc__add',
      'mcp__calc__echo',
      'mcp__calc__fail',
    ]);
    expect(refreshed.tools_cached_at).not.toBeNull();
    expect(refreshed.last_error).toBeNull();
    expect((await fixtureStats(scope)).tools_list).toBe(1);
    // Reading does not list again; a second refresh does.
    expect((await json<ServerJson>(await call(`${servers(id)}/calc`), 200)).tools).toHaveLength(3);
    await call(`${servers(id)}/calc/refresh`, { method: 'POST' });
    expect((await fixtureStats(scope)).tools_list).toBe(2);
    // A new URL forgets the cache.
    const moved = await json<ServerJson>(
      await call(`${servers(id)}/calc`, {
        method: 'PATCH',
        json: { url: fixtureUrl(`${scope}-b`, 'open/mcp') },
      }),
      200,
    );
    expect(moved).toMatchObject({ tools: [], tools_cached_at: null });
  });

  it('records an unreachable server’s error and clears it once it answers', async () => {
    const id = await createOrchestrator();
    await addServer(id, { name: 'gone', url: 'http://127.0.0.1:9/mcp' });
    const failed = await json<ServerJson>(await call(`${servers(id)}/gone/refresh`, { method: 'POST' }), 200);
    expect(failed.last_error).toEqual(expect.any(String));
    expect(failed.tools).toEqual([]);
    await call(`${servers(id)}/gone`, {
      method: 'PATCH',
      json: { url: fixtureUrl(`api-gone-${id}`, 'open/mcp') },
    });
    const back = await json<ServerJson>(await call(`${servers(id)}/gone/refresh`, { method: 'POST' }), 200);
    expect(back.last_error).toBeNull();
    expect(back.tools).toHaveLength(3);
  });

  it('sends the bearer token; a wrong one is refused and recorded', async () => {
    const id = await createOrchestrator();
    const scope = `api-bearer-${id}`;
    await addServer(id, {
      name: 'right',
      url: fixtureUrl(scope, 'secure/mcp'),
      auth: { type: 'bearer', token: MCP_FIXTURE_TOKEN },
    });
    await addServer(id, {
      name: 'wrong',
      url: fixtureUrl(scope, 'secure/mcp'),
      auth: { type: 'bearer', token: 'not-it' },
    });
    const right = await json<ServerJson>(await call(`${servers(id)}/right/refresh`, { method: 'POST' }), 200);
    expect(right.tools.map((t) => t.name)).toEqual(['whoami']);
    const wrong = await json<ServerJson>(await call(`${servers(id)}/wrong/refresh`, { method: 'POST' }), 200);
    expect(wrong.tools).toEqual([]);
    expect(wrong.last_error).toEqual(expect.any(String));
    expect(wrong.last_error).not.toContain('not-it');
    expect((await fixtureStats(scope)).unauthorized).toBeGreaterThan(0);
  });

  it('fetches an OAuth client-credentials token, reuses it, and fetches a new one after a 401', async () => {
    const id = await createOrchestrator();
    const scope = `api-oauth-${id}`;
    await addServer(id, {
      name: 'oauth',
      url: fixtureUrl(scope, 'secure/mcp'),
      auth: {
        type: 'oauth',
        client_id: MCP_FIXTURE_CLIENT.id,
        client_secret: MCP_FIXTURE_CLIENT.secret,
        token_url: fixtureUrl(scope, 'oauth/token'),
      },
    });
    const first = await json<ServerJson>(await call(`${servers(id)}/oauth/refresh`, { method: 'POST' }), 200);
    expect(first).toMatchObject({ last_error: null, tools: [{ name: 'whoami' }] });
    expect((await fixtureStats(scope)).tokens_issued).toBe(1);
    await call(`${servers(id)}/oauth/refresh`, { method: 'POST' });
    expect((await fixtureStats(scope)).tokens_issued).toBe(1);
    await revokeFixtureTokens(scope);
    const after = await json<ServerJson>(await call(`${servers(id)}/oauth/refresh`, { method: 'POST' }), 200);
    expect(after.last_error).toBeNull();
    expect((await fixtureStats(scope)).tokens_issued).toBe(2);
    const stored = await withDatabase((db) =>
      db.select().from(mcpServers).where(eq(mcpServers.orchestratorId, id)),
    );
    expect(stored[0]?.secretCiphertext).not.toContain(MCP_FIXTURE_CLIENT.secret);
  });
});
