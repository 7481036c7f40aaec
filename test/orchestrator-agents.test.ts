/**
 * Command agents against the emulator: each agent's requests are scripted under the scope
 * `<orchestrator id>:<agent name>`, so two agents running at once are scripted independently.
 */
import { describe, expect, it } from 'vitest';
import { call } from './helpers/api.ts';
import { modelRequests, scriptModel } from './helpers/emulator.ts';
import { agentStopped, createOrchestrator, ofType, say, turnEnded } from './helpers/orchestrators.ts';
import { openStream } from './helpers/stream.ts';
import { scriptFreeSummaries } from './helpers/summaries.ts';

const create = (name: string, extra: Record<string, unknown> = {}) => ({
  name: 'create_agent',
  input: { name, ...extra },
});
const command = (agent: string, text: string) => ({
  name: 'command_agent',
  input: { agent_name: agent, command: text },
});

describe('command agents', () => {
  it('run commands for two agents at once, each writing its file', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { tool_uses: [create('alpha'), create('beta')] },
      { tool_uses: [command('alpha', 'write a.txt'), command('beta', 'write b.txt')] },
      { text: 'Dispatched.' },
    ]);
    for (const [agent, path] of [
      ['alpha', 'a.txt'],
      ['beta', 'b.txt'],
    ] as const) {
      await scriptModel(`${id}:${agent}`, [
        {
          tool_uses: [{ name: 'write_file', input: { path, content: `written by ${agent}\n` } }],
          delay_ms: 100,
        },
        { text: `Wrote ${path}.` },
      ]);
    }
    const stream = await openStream(id, 0);
    const { turn_id } = await say(id, 'make two agents and have each write a file');
    await turnEnded(stream, turn_id);
    await agentStopped(stream, 'alpha');
    await agentStopped(stream, 'beta');

    for (const [path, agent] of [
      ['a.txt', 'alpha'],
      ['b.txt', 'beta'],
    ]) {
      const file = (await (await call(`/api/orchestrators/${id}/files/${path}`)).json()) as {
        content: string;
      };
      expect(file.content).toBe(`written by ${agent}\n`);
    }
    const changes = ofType(stream.events, 'file_changes');
    expect(
      changes.flatMap((e) => (e.data.produced as Array<{ path: string }>).map((f) => f.path)).sort(),
    ).toEqual(['a.txt', 'b.txt']);
    // Both agents were executing at the same time: each started before the other stopped.
    const started = ofType(stream.events, 'agent_status_changed').filter(
      (e) => e.data.new_status === 'executing',
    );
    const firstStop = ofType(stream.events, 'Stop')[0];
    expect(started.every((e) => e.seq < (firstStop?.seq ?? 0))).toBe(true);

    const agents = (await (await call(`/api/orchestrators/${id}/agents`)).json()) as {
      agents: Array<{ name: string; status: string; usage: { output_tokens: number } }>;
    };
    expect(agents.agents.map((a) => [a.name, a.status])).toEqual([
      ['alpha', 'idle'],
      ['beta', 'idle'],
    ]);
    expect(agents.agents.every((a) => a.usage.output_tokens > 0)).toBe(true);
    stream.close();
  });

  it('runs one agent’s commands one at a time, in order', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { tool_uses: [create('solo')] },
      { tool_uses: [command('solo', 'first job'), command('solo', 'second job')] },
      { text: 'Queued.' },
    ]);
    await scriptModel(`${id}:solo`, [{ text: 'first done', delay_ms: 300 }, { text: 'second done' }]);
    const stream = await openStream(id, 0);
    await turnEnded(stream, (await say(id, 'queue two jobs')).turn_id);
    await agentStopped(stream, 'solo', 2);

    const prompts = ofType(stream.events, 'UserPromptSubmit').filter((e) => e.agent_id);
    expect(prompts.map((e) => e.data.prompt)).toEqual(['first job', 'second job']);
    const [firstStop] = ofType(stream.events, 'Stop');
    expect((prompts[1]?.seq ?? 0) > (firstStop?.seq ?? Number.POSITIVE_INFINITY)).toBe(true);
    expect(ofType(stream.events, 'command_queued').map((e) => e.data.ahead)).toEqual([0, 1]);
    // The agent kept its conversation across commands.
    const second = (await modelRequests(`${id}:solo`))[1]?.body as { messages: unknown[] };
    expect(second.messages).toHaveLength(3);
    stream.close();
  });

  it('interrupts a running command; the queue goes on', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { tool_uses: [create('busy')] },
      { tool_uses: [command('busy', 'long job'), command('busy', 'short job')] },
      { text: 'ok' },
      { tool_uses: [{ name: 'interrupt_agent', input: { agent_name: 'busy' } }] },
      { text: 'Interrupted.' },
    ]);
    await scriptModel(`${id}:busy`, [
      { text: 'tick '.repeat(300), chunk_delay_ms: 30 },
      { text: 'short done' },
    ]);
    const stream = await openStream(id, 0);
    await turnEnded(stream, (await say(id, 'start')).turn_id);
    await stream.waitFor((e) => e.type === 'text_delta' && e.agent_id !== undefined, 'the agent to stream');
    await turnEnded(stream, (await say(id, 'interrupt busy')).turn_id);
    const firstStop = await agentStopped(stream, 'busy', 1);
    expect(firstStop.data.reason).toBe('interrupted');
    const secondStop = await agentStopped(stream, 'busy', 2);
    expect(secondStop.data.reason).toBe('completed');
    stream.close();
  });

  it('deletes an agent and frees its name', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { tool_uses: [create('temp')] },
      { tool_uses: [{ name: 'delete_agent', input: { agent_name: 'temp' } }] },
      { tool_uses: [create('temp')] },
      { text: 'Recreated.' },
    ]);
    const stream = await openStream(id, 0);
    await turnEnded(stream, (await say(id, 'churn')).turn_id);
    expect(ofType(stream.events, 'agent_created')).toHaveLength(2);
    expect(ofType(stream.events, 'agent_deleted')).toHaveLength(1);
    expect(ofType(stream.events, 'tool_result').every((e) => e.data.is_error === false)).toBe(true);
    const agents = (await (await call(`/api/orchestrators/${id}/agents`)).json()) as {
      agents: Array<{ name: string }>;
    };
    expect(agents.agents.map((a) => a.name)).toEqual(['temp']);
    stream.close();
  });

  it('offers an agent only the tools its template allows', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { tool_uses: [create('looker', { template: 'scout' }), command('looker', 'look around')] },
      { text: 'ok' },
    ]);
    await scriptModel(`${id}:looker`, [{ text: 'Nothing to see.' }]);
    const stream = await openStream(id, 0);
    await turnEnded(stream, (await say(id, 'scout')).turn_id);
    await agentStopped(stream, 'looker');
    const request = (await modelRequests(`${id}:looker`))[0]?.body as { tools: Array<{ name: string }> };
    const names = request.tools.map((t) => t.name);
    expect(names).toContain('read_file');
    expect(names).not.toContain('write_file');
    expect(names).not.toContain('delete_file');
    stream.close();
  });

  it('reports costs with the per-agent breakdown', async () => {
    const id = await createOrchestrator({ model: 'haiku' });
    await scriptModel(id, [
      {
        tool_uses: [create('worker', { model: 'haiku' }), command('worker', 'do it')],
        usage: { input_tokens: 100, output_tokens: 10 },
      },
      { text: 'ok', usage: { input_tokens: 100, output_tokens: 10 } },
      // The worker's report starts a turn of its own; free, so the totals below are unchanged.
      { text: 'worker is done.', usage: { input_tokens: 0, output_tokens: 0 } },
      { tool_uses: [{ name: 'report_cost', input: {} }], usage: { input_tokens: 300, output_tokens: 10 } },
      { text: 'Here is the cost.', usage: { input_tokens: 100, output_tokens: 10 } },
    ]);
    await scriptModel(`${id}:worker`, [
      { text: 'done', usage: { input_tokens: 1_000, output_tokens: 1_000 } },
    ]);
    // Summary calls land at any moment in the background; free, they leave the exact total unchanged.
    await scriptFreeSummaries(id);
    const stream = await openStream(id, 0);
    await turnEnded(stream, (await say(id, 'work')).turn_id);
    await agentStopped(stream, 'worker');
    // Asking before the report turn ends would interrupt it (a new message interrupts a running turn).
    const reportTurn = await stream.waitFor(
      (e) => e.type === 'turn_started' && Array.isArray(e.data.agent_reports),
    );
    await turnEnded(stream, String(reportTurn.data.turn_id));
    await turnEnded(stream, (await say(id, 'cost?')).turn_id);
    const report = ofType(stream.events, 'tool_result').find((e) => e.data.name === 'report_cost');
    const content = String(report?.data.content);
    // Haiku: $1 in, $5 out per million. Agent: 1000 + 5000 µ$; orchestrator's first three calls: 500 + 150 µ$.
    expect(content).toContain('worker: $0.0060');
    expect(content).toMatch(/Total: \$0\.006[67]/);
    expect(content).toMatch(/context 300\/200000/);
    stream.close();
  });

  it('stops an agent at its own budget, set through REST', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [{ tool_uses: [create('thrifty', { model: 'opus' })] }, { text: 'ok' }]);
    const stream = await openStream(id, 0);
    await turnEnded(stream, (await say(id, 'make it')).turn_id);

    const patched = await call(`/api/orchestrators/${id}/agents/thrifty`, {
      method: 'PATCH',
      json: { budget_usd: 0.001 },
    });
    expect(await patched.json()).toEqual({ name: 'thrifty', budget_usd: 0.001 });
    await scriptModel(id, [{ tool_uses: [command('thrifty', 'spend')] }, { text: 'ok' }]);
    await scriptModel(`${id}:thrifty`, [
      { tool_uses: [{ name: 'list_files', input: {} }], usage: { input_tokens: 1_000, output_tokens: 100 } },
      { text: 'never sent' },
    ]);
    await turnEnded(stream, (await say(id, 'go')).turn_id);
    const stop = await agentStopped(stream, 'thrifty');
    expect(stop.data.reason).toBe('budget_exceeded');
    expect(ofType(stream.events, 'budget_exceeded')[0]?.data).toMatchObject({
      scope: 'agent',
      budget_usd: 0.001,
    });
    expect(await modelRequests(`${id}:thrifty`)).toHaveLength(1);
    const agents = (await (await call(`/api/orchestrators/${id}/agents`)).json()) as {
      agents: Array<{ status: string; budget_usd: number }>;
    };
    expect(agents.agents[0]).toMatchObject({ status: 'blocked', budget_usd: 0.001 });
    stream.close();
  });

  it('changes an orchestrator’s budget and settings through PATCH', async () => {
    const id = await createOrchestrator();
    const response = await call(`/api/orchestrators/${id}`, {
      method: 'PATCH',
      json: { name: 'renamed', budget_usd: 5, system_prompt: 'Be terse.' },
    });
    expect(await response.json()).toMatchObject({
      name: 'renamed',
      budget_usd: 5,
      system_prompt: 'Be terse.',
    });
    const cleared = await call(`/api/orchestrators/${id}`, { method: 'PATCH', json: { budget_usd: null } });
    expect(await cleared.json()).toMatchObject({ name: 'renamed', budget_usd: null });
    const empty = await call(`/api/orchestrators/${id}`, { method: 'PATCH', json: {} });
    expect(empty.status).toBe(422);
  });
});
