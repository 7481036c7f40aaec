/**
 * The MCP endpoint, driven by the official MCP client over Streamable HTTP, routed into the Worker
 * under test. The client's default JSON-schema validator is the workerd one (`@cfworker/json-schema`,
 * chosen by the package's `workerd` export condition), so no Ajv code generation is attempted.
 */

import { exports } from 'cloudflare:workers';
import { Client, type ClientOptions, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { stepScope, write } from './helpers/adws.ts';
import { call, expectError, ORIGIN } from './helpers/api.ts';
import { scriptModel } from './helpers/emulator.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { TEST_TOKEN } from './helpers/tokens.ts';
import { until } from './helpers/wait.ts';

const MCP_URL = new URL('/mcp', ORIGIN);

const TOOLS = [
  'check_workflow',
  'create_orchestrator',
  'list_agents',
  'list_files',
  'list_orchestrators',
  'read_chat',
  'read_events',
  'read_file',
  'send_message',
  'start_workflow',
];

async function connect(options: ClientOptions = {}): Promise<Client> {
  const client = new Client({ name: 'mcp-server-test', version: '1.0.0' }, options);
  const transport = new StreamableHTTPClientTransport(MCP_URL, {
    fetch: (input, init) => exports.default.fetch(new Request(input, init)),
    requestInit: { headers: { Authorization: `Bearer ${TEST_TOKEN}` } },
  });
  await client.connect(transport);
  return client;
}

interface ToolOutcome {
  isError: boolean;
  text: string;
  data: Record<string, unknown>;
}

async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<ToolOutcome> {
  const result = await client.callTool({ name, arguments: args });
  const first = Array.isArray(result.content) ? result.content[0] : undefined;
  return {
    isError: result.isError === true,
    text: first && first.type === 'text' ? first.text : '',
    data: (result.structuredContent ?? {}) as Record<string, unknown>,
  };
}

/** A successful tool call's structured result. */
async function use<T>(client: Client, name: string, args: Record<string, unknown>): Promise<T> {
  const outcome = await callTool(client, name, args);
  if (outcome.isError) throw new Error(`${name} failed: ${outcome.text}`);
  return outcome.data as T;
}

interface EventJson {
  seq: number;
  type: string;
  agent_id?: string;
  data: Record<string, unknown>;
}

const initializeBody = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

function postInitialize(headers: Record<string, string>, token: string | null): Promise<Response> {
  return call('/mcp', {
    method: 'POST',
    token,
    headers: { Accept: 'application/json, text/event-stream', ...headers },
    json: initializeBody,
  });
}

describe('MCP server: conformance', () => {
  it('initializes with server info, tool capability and instructions, and keeps no session', async () => {
    const client = await connect();
    expect(client.getServerVersion()).toMatchObject({ name: 'edge-orchestrator' });
    expect(client.getServerCapabilities()?.tools).toBeDefined();
    expect(client.getInstructions()).toContain('send_message');
    await client.close();

    const raw = await postInitialize({}, TEST_TOKEN);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('mcp-session-id')).toBeNull();
  });

  it('also serves the 2026-07-28 era to a negotiating client', async () => {
    const client = await connect({ versionNegotiation: { mode: 'auto' } });
    expect(client.getProtocolEra()).toBe('modern');
    const listed = await use<{ orchestrators: unknown[] }>(client, 'list_orchestrators', { limit: 1 });
    expect(listed.orchestrators).toEqual(expect.any(Array));
    await client.close();
  });

  it('lists every tool with a description and an object input schema', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
    for (const tool of tools) {
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.inputSchema.type, tool.name).toBe('object');
    }
    // send_message declares its output, so clients can validate its result.
    expect(tools.find((tool) => tool.name === 'send_message')?.outputSchema?.required).toEqual([
      'message_id',
      'turn_id',
      'interrupted_turn_id',
    ]);
    const readEvents = tools.find((tool) => tool.name === 'read_events');
    expect(Object.keys(readEvents?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['orchestrator_id', 'after_seq', 'limit', 'type', 'category']),
    );
    await client.close();
  });
});

describe('MCP server: tools', () => {
  it('creates and lists orchestrators', async () => {
    const client = await connect();
    const created = await use<{ id: string; name: string }>(client, 'create_orchestrator', {
      name: 'via mcp',
    });
    expect(created.name).toBe('via mcp');
    const listed = await use<{ orchestrators: Array<{ id: string }> }>(client, 'list_orchestrators', {
      limit: 200,
    });
    expect(listed.orchestrators.map((o) => o.id)).toContain(created.id);
    await client.close();
  });

  it("sends a message, then sees the turn's events, the chat, the agent and the file it wrote", async () => {
    const id = await createOrchestrator({ name: 'mcp chat' });
    await scriptModel(id, [
      { tool_uses: [{ name: 'create_agent', input: { name: 'scribe' } }] },
      { tool_uses: [{ name: 'command_agent', input: { agent_name: 'scribe', command: 'write notes' } }] },
      { text: 'Dispatched.' },
    ]);
    await scriptModel(`${id}:scribe`, [
      { tool_uses: [{ name: 'write_file', input: { path: 'notes/mcp.md', content: '# via MCP\n' } }] },
      { text: 'Wrote notes/mcp.md.' },
    ]);
    const client = await connect();
    // With tools/list cached, the client compiles send_message's output schema and validates the
    // result: the workerd validator at work (Ajv's code generation is refused there).
    await client.listTools();
    const sent = await use<{ turn_id: string; message_id: string }>(client, 'send_message', {
      orchestrator_id: id,
      message: 'please write notes',
    });
    expect(sent.turn_id).toEqual(expect.any(String));

    // Page through the events with the returned cursor until the agent has stopped.
    const seen: EventJson[] = [];
    let afterSeq = 0;
    await until(async () => {
      const page = await use<{ events: EventJson[]; next_after_seq: number | null; last_seq: number }>(
        client,
        'read_events',
        { orchestrator_id: id, after_seq: afterSeq, limit: 1000 },
      );
      seen.push(...page.events);
      afterSeq = page.events.at(-1)?.seq ?? afterSeq;
      return seen.some((e) => e.type === 'Stop' && e.agent_id);
    }, 'the agent to stop');
    expect(seen.map((e) => e.seq)).toEqual([...seen.keys()].map((i) => (seen[0]?.seq ?? 0) + i));
    const turn = seen.filter((e) => e.data.turn_id === sent.turn_id).map((e) => e.type);
    expect(turn).toEqual(expect.arrayContaining(['turn_started', 'turn_completed']));

    const filtered = await use<{ events: EventJson[] }>(client, 'read_events', {
      orchestrator_id: id,
      type: 'turn_completed',
    });
    // The agent's report starts a later turn of its own, so the filter may return more than ours.
    expect(filtered.events.map((e) => e.type)).toEqual(filtered.events.map(() => 'turn_completed'));
    expect(filtered.events.map((e) => e.data.turn_id)).toContain(sent.turn_id);
    const byCategory = await use<{ events: EventJson[] }>(client, 'read_events', {
      orchestrator_id: id,
      category: 'file',
    });
    expect(byCategory.events.every((e) => e.type === 'file_changes')).toBe(true);

    const chat = await use<{ messages: Array<{ sender: string; content: string }> }>(client, 'read_chat', {
      orchestrator_id: id,
      limit: 50,
    });
    expect(chat.messages.map((m) => [m.sender, m.content])).toEqual(
      expect.arrayContaining([
        ['user', 'please write notes'],
        ['orchestrator', 'Dispatched.'],
      ]),
    );

    const agents = await use<{ agents: Array<{ name: string }> }>(client, 'list_agents', {
      orchestrator_id: id,
    });
    expect(agents.agents.map((a) => a.name)).toEqual(['scribe']);

    const files = await use<{ files: Array<{ path: string }> }>(client, 'list_files', {
      orchestrator_id: id,
      prefix: 'notes',
    });
    expect(files.files.map((f) => f.path)).toEqual(['notes/mcp.md']);
    const file = await use<{ content: string; version: number }>(client, 'read_file', {
      orchestrator_id: id,
      path: './notes/mcp.md',
    });
    expect(file).toMatchObject({ content: '# via MCP\n', version: 1 });
    await client.close();
  });

  it('starts a workflow and follows it to completion with check_workflow', async () => {
    const id = await createOrchestrator({ name: 'mcp workflow' });
    const client = await connect();
    const adw = await use<{ id: string; status: string; total_steps: number }>(client, 'start_workflow', {
      orchestrator_id: id,
      type: 'plan_build',
      name: 'hello',
      prompt: 'write hello',
    });
    expect(adw).toMatchObject({ status: 'pending', total_steps: 2 });
    await scriptModel(stepScope(id, 'plan', adw.id), [
      { tool_uses: [write('specs/hello.md', '# Plan: hello\n### New Files\n- `hello.txt`\n')] },
      { tool_uses: [{ name: 'submit_plan', input: { path: 'specs/hello.md' } }] },
      { text: 'Implementation Plan Created: specs/hello.md' },
    ]);
    await scriptModel(stepScope(id, 'build', adw.id), [
      { tool_uses: [write('hello.txt', 'hello\n')] },
      { text: 'Built.' },
    ]);

    interface Checked {
      status: string;
      cost_usd: number;
      steps: Array<{ step: string; status: string; cost_usd: number }>;
    }
    const done = await until(async () => {
      const checked = await use<Checked>(client, 'check_workflow', { workflow_id: adw.id });
      return ['completed', 'failed', 'cancelled'].includes(checked.status) && checked;
    }, 'the workflow to finish');
    expect(done.status).toBe('completed');
    expect(done.steps.map((s) => [s.step, s.status])).toEqual([
      ['plan', 'completed'],
      ['build', 'completed'],
    ]);
    expect(done.cost_usd).toBeGreaterThan(0);
    const built = await use<{ content: string }>(client, 'read_file', {
      orchestrator_id: id,
      path: 'hello.txt',
    });
    expect(built.content).toBe('hello\n');
    await client.close();
  });
});

describe('MCP server: failures', () => {
  it('answers bad arguments and unknown ids with isError results, not protocol errors', async () => {
    const id = await createOrchestrator({ name: 'mcp errors' });
    const unknown = crypto.randomUUID();
    const client = await connect();

    const badId = await callTool(client, 'list_agents', { orchestrator_id: 'not-a-uuid' });
    expect(badId).toMatchObject({ isError: true });
    expect(badId.text).toContain('orchestrator_id');

    const missing = await callTool(client, 'send_message', { orchestrator_id: id });
    expect(missing).toMatchObject({ isError: true });
    expect(missing.text).toContain('message');

    const unknownOrchestrator = await callTool(client, 'read_chat', { orchestrator_id: unknown });
    expect(unknownOrchestrator).toMatchObject({ isError: true });
    expect(unknownOrchestrator.text).toContain(`404 not_found: Orchestrator ${unknown} was not found.`);

    const unknownWorkflow = await callTool(client, 'check_workflow', { workflow_id: unknown });
    expect(unknownWorkflow.text).toContain('404 not_found');

    const badType = await callTool(client, 'start_workflow', {
      orchestrator_id: id,
      type: 'no_such_flow',
      name: 'x',
      prompt: 'y',
    });
    expect(badType).toMatchObject({ isError: true });
    expect(badType.text).toContain('422 validation_failed');
    expect(badType.text).toContain('plan_build');

    const outside = await callTool(client, 'read_file', { orchestrator_id: id, path: '../secrets' });
    expect(outside).toMatchObject({ isError: true, text: expect.stringContaining('Invalid path') });
    const absent = await callTool(client, 'read_file', { orchestrator_id: id, path: 'nope.txt' });
    expect(absent.text).toContain('404 not_found: File nope.txt was not found.');
    await client.close();
  });
});

describe('MCP server: auth and browsers', () => {
  it('refuses a missing or wrong token with 401 in the API error shape, and no session', async () => {
    for (const token of [null, 'wrong-token']) {
      const response = await postInitialize({}, token);
      expect(response.headers.get('mcp-session-id')).toBeNull();
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
      await expectError(response, 401, 'unauthorized');
    }
    const client = new Client({ name: 'anonymous', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(MCP_URL, {
      fetch: (input, init) => exports.default.fetch(new Request(input, init)),
    });
    await expect(client.connect(transport)).rejects.toThrow();
  });

  it("refuses the console's session cookie: MCP clients send a bearer token", async () => {
    const login = await call('/api/auth/session', {
      method: 'POST',
      token: null,
      json: { token: TEST_TOKEN },
    });
    const cookie = (login.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toContain('=');
    const response = await postInitialize({ Cookie: cookie }, null);
    const body = await expectError(response, 401, 'unauthorized');
    expect(body.error.message).toContain('Bearer');
  });

  it('accepts local browser pages and refuses foreign ones (DNS rebinding)', async () => {
    const foreignPage = await postInitialize({ Origin: 'https://evil.example' }, TEST_TOKEN);
    await expectError(foreignPage, 403, 'forbidden');
    const localPageRemoteHost = await postInitialize({ Origin: 'http://localhost:6274' }, TEST_TOKEN);
    await expectError(localPageRemoteHost, 403, 'forbidden');

    const local = await exports.default.fetch(
      new Request('http://localhost:8787/mcp', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${TEST_TOKEN}`,
          Origin: 'http://localhost:6274',
          Accept: 'application/json, text/event-stream',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(initializeBody),
      }),
    );
    expect(local.status).toBe(200);
  });
});
