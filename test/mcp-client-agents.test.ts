/**
 * Agents calling tools of remote MCP servers (the test MCP server, test/mcp-fixture) through the
 * shared tool executor, scripted through the Messages API emulator: grants from create_agent, the
 * remote JSON Schema passed to the model as it is, results reaching the model in its next request,
 * remote `isError` and transport failures as is_error results, bearer auth, the cached tool list.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mcpServers } from '../src/db/schema-mcp.ts';
import { call, withDatabase } from './helpers/api.ts';
import { modelRequests, scriptModel } from './helpers/emulator.ts';
import {
  addServer,
  fixtureStats,
  fixtureUrl,
  MCP_FIXTURE_TOKEN,
  type ServerJson,
} from './helpers/mcp-fixture.ts';
import { agentStopped, createOrchestrator, ofType, say, turnEnded } from './helpers/orchestrators.ts';
import { openStream } from './helpers/stream.ts';

interface RequestBody {
  system?: string | { text: string }[];
  tools?: { name: string; input_schema: Record<string, unknown> }[];
  messages: { role: string; content: unknown }[];
}

const systemOf = (body: RequestBody) =>
  typeof body.system === 'string' ? body.system : (body.system ?? []).map((b) => b.text).join('\n');
const lastContent = (body: RequestBody) => JSON.stringify(body.messages.at(-1)?.content);
const use = (name: string, input: Record<string, unknown>) => ({ name, input });

/** The orchestrator creates `helper` with the grants and gives it one command; the agent follows `steps`. */
async function runAgent(id: string, grants: string[], steps: Parameters<typeof scriptModel>[1]) {
  await scriptModel(id, [
    { tool_uses: [use('create_agent', { name: 'helper', mcp_tools: grants })] },
    { tool_uses: [use('command_agent', { agent_name: 'helper', command: 'use your remote tools' })] },
    { text: 'Dispatched.' },
    { text: 'Noted.' },
  ]);
  await scriptModel(`${id}:helper`, steps);
  const stream = await openStream(id, 0);
  await turnEnded(stream, (await say(id, 'go')).turn_id);
  await agentStopped(stream, 'helper');
  const requests = (await modelRequests(`${id}:helper`)).map((r) => r.body as RequestBody);
  return { stream, requests };
}

async function server(id: string, name: string): Promise<ServerJson> {
  return (await (await call(`/api/orchestrators/${id}/mcp-servers/${name}`)).json()) as ServerJson;
}

describe('agents with remote MCP tools', () => {
  it('call granted tools; results, remote errors and unavailable servers reach the model', async () => {
    const id = await createOrchestrator();
    const scope = `agents-calc-${id}`;
    await addServer(id, { name: 'calc', url: fixtureUrl(scope, 'open/mcp') });
    await addServer(id, { name: 'gone', url: 'http://127.0.0.1:9/mcp' });
    // Listed once now: the run must use this cache rather than list again.
    await call(`/api/orchestrators/${id}/mcp-servers/calc/refresh`, { method: 'POST' });

    const { stream, requests } = await runAgent(
      id,
      ['mcp__calc__add', 'mcp__calc__fail', 'mcp__gone__*'],
      [
        { tool_uses: [use('mcp__calc__add', { a: 2, b: 3 })] },
        { tool_uses: [use('mcp__calc__fail', {})] },
        { text: 'Done.' },
      ],
    );
    const [first, second, third] = requests;
    if (!first || !second || !third) throw new Error(`expected 3 requests, got ${requests.length}`);
    const tools = first.tools ?? [];
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['mcp__calc__add', 'mcp__calc__fail']));
    expect(tools.map((t) => t.name)).not.toContain('mcp__calc__echo');
    const add = tools.find((t) => t.name === 'mcp__calc__add');
    expect(add?.input_schema).toMatchObject({
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number' } },
      required: ['a', 'b'],
    });
    expect(systemOf(first)).toContain('Available: calc (2 tools)');
    expect(systemOf(first)).toMatch(/Unavailable for this command, so their tools are absent: gone \(/);

    expect(lastContent(second)).toContain('the sum is 5');
    expect(lastContent(second)).not.toContain('"is_error":true');
    expect(lastContent(third)).toContain('the fail tool always fails');
    expect(lastContent(third)).toContain('"is_error":true');

    const results = ofType(stream.events, 'tool_result').filter((e) =>
      String(e.data.name).startsWith('mcp__'),
    );
    expect(results.map((e) => [e.data.name, e.data.is_error])).toEqual([
      ['mcp__calc__add', false],
      ['mcp__calc__fail', true],
    ]);
    const pre = ofType(stream.events, 'PreToolUse').map((e) => e.data.tool_name);
    expect(pre).toEqual(expect.arrayContaining(['mcp__calc__add', 'mcp__calc__fail']));
    expect(ofType(stream.events, 'PostToolUse').map((e) => e.data.tool_name)).toEqual(
      expect.arrayContaining(['mcp__calc__add', 'mcp__calc__fail']),
    );
    expect(await fixtureStats(scope)).toMatchObject({ tools_list: 1, tools_call: 2 });
    expect((await server(id, 'gone')).last_error).toEqual(expect.any(String));
    stream.close();
  });

  it('authenticate with the bearer token; an unreachable server is an is_error result and last_error', async () => {
    const id = await createOrchestrator();
    const scope = `agents-sec-${id}`;
    await addServer(id, {
      name: 'sec',
      url: fixtureUrl(scope, 'secure/mcp'),
      auth: { type: 'bearer', token: MCP_FIXTURE_TOKEN },
    });
    await addServer(id, { name: 'flaky', url: fixtureUrl(`${scope}-flaky`, 'open/mcp') });
    await call(`/api/orchestrators/${id}/mcp-servers/flaky/refresh`, { method: 'POST' });
    // The server goes away after its tools were cached: the run offers them, the call fails.
    await withDatabase((db) =>
      db
        .update(mcpServers)
        .set({ url: 'http://127.0.0.1:9/mcp' })
        .where(and(eq(mcpServers.orchestratorId, id), eq(mcpServers.name, 'flaky'))),
    );

    const { stream, requests } = await runAgent(
      id,
      ['mcp__sec__*', 'mcp__flaky__echo'],
      [
        { tool_uses: [use('mcp__sec__whoami', {})] },
        { tool_uses: [use('mcp__flaky__echo', { text: 'hi' })] },
        { text: 'Done.' },
      ],
    );
    const [, second, third] = requests;
    if (!second || !third) throw new Error(`expected 3 requests, got ${requests.length}`);
    expect(lastContent(second)).toContain('you are the authorized fixture client');
    expect(lastContent(third)).toContain('"is_error":true');
    expect(lastContent(third)).toContain('MCP server flaky failed on echo');
    expect((await fixtureStats(scope)).unauthorized).toBe(0);
    expect((await server(id, 'flaky')).last_error).toEqual(expect.any(String));
    // The token never appears in what the model or the events saw.
    expect(JSON.stringify(requests)).not.toContain(MCP_FIXTURE_TOKEN);
    expect(JSON.stringify(stream.events)).not.toContain(MCP_FIXTURE_TOKEN);
    stream.close();
  });

  it('list a server again at the command’s start when its cached list is older than the TTL', async () => {
    const id = await createOrchestrator();
    const scope = `agents-stale-${id}`;
    await addServer(id, { name: 'calc', url: fixtureUrl(scope, 'open/mcp') });
    await call(`/api/orchestrators/${id}/mcp-servers/calc/refresh`, { method: 'POST' });
    const old = new Date(Date.now() - 11 * 60 * 1000);
    await withDatabase((db) =>
      db
        .update(mcpServers)
        .set({ toolsCachedAt: old })
        .where(eq(mcpServers.url, fixtureUrl(scope, 'open/mcp'))),
    );
    const { stream, requests } = await runAgent(
      id,
      ['mcp__calc__*'],
      [{ tool_uses: [use('mcp__calc__echo', { text: 'fresh' })] }, { text: 'Done.' }],
    );
    expect(requests[0]?.tools?.map((t) => t.name)).toEqual(
      expect.arrayContaining(['mcp__calc__add', 'mcp__calc__echo', 'mcp__calc__fail']),
    );
    expect(lastContent(requests[1] as RequestBody)).toContain('echo: fresh');
    expect(await fixtureStats(scope)).toMatchObject({ tools_list: 2, tools_call: 1 });
    const cachedAt = (await server(id, 'calc')).tools_cached_at;
    expect(new Date(cachedAt ?? 0).getTime()).toBeGreaterThan(old.getTime());
    stream.close();
  });
});
