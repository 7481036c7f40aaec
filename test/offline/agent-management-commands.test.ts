/**
 * Managing agents in words with the offline model: list them, check one's status, report the cost,
 * delete one and create it again under the same name; compared with what REST says.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/api.ts';
import { agentIdOf, ask, resultOf } from '../helpers/conversation.ts';
import { agentStopped, createOrchestrator, ofType, turnEnded } from '../helpers/orchestrators.ts';
import { openStream, type StreamClient } from '../helpers/stream.ts';

interface AgentJson {
  id: string;
  name: string;
  model: string;
  template: string | null;
  status: string;
  current_task: string | null;
  queued: number;
  usage: { input_tokens: number; output_tokens: number; cost_usd: number };
}

async function agentsOf(id: string): Promise<AgentJson[]> {
  const response = await call(`/api/orchestrators/${id}/agents`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { agents: AgentJson[] }).agents;
}

/** An orchestrator with agents alpha (which has written a.txt) and beta (never commanded). */
async function setUp(): Promise<{ id: string; stream: StreamClient }> {
  const id = await createOrchestrator();
  const stream = await openStream(id, 0);
  await ask(id, stream, 'create agents alpha and beta');
  await ask(id, stream, 'tell alpha to write a.txt: from alpha');
  await agentStopped(stream, 'alpha');
  const alpha = agentIdOf(stream, 'alpha');
  await stream.waitFor((e) => e.type === 'agent_updated' && e.agent_id === alpha, 'alpha’s totals');
  // alpha's report starts a turn of its own; a question asked before it ends would interrupt it
  // and the costs counted below would depend on which came first.
  const reportTurn = await stream.waitFor(
    (e) => e.type === 'turn_started' && Array.isArray(e.data.agent_reports),
    'alpha’s report turn',
  );
  await turnEnded(stream, String(reportTurn.data.turn_id));
  return { id, stream };
}

describe('managing agents in words with the offline model', () => {
  it('lists agents in words and over REST, with counted tokens and no cost', async () => {
    const { id, stream } = await setUp();
    const listed = await ask(id, stream, 'list agents');
    const lines = resultOf(listed, 'list_agents').split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^- alpha \[idle\] model sonnet; 0 queued; [1-9]\d* tokens, \$0\.0000$/);
    expect(lines[1]).toBe('- beta [idle] model sonnet; 0 queued; 0 tokens, $0.0000');
    // The reply quotes the whole result: every agent, not just the first line.
    expect(listed.replies.at(-1)).toBe(
      `[offline model] Tool results:\n- list_agents:\n  ${lines.join('\n  ')}`,
    );

    const agents = await agentsOf(id);
    expect(agents.map((a) => [a.name, a.status, a.model, a.queued, a.current_task])).toEqual([
      ['alpha', 'idle', 'sonnet', 0, null],
      ['beta', 'idle', 'sonnet', 0, null],
    ]);
    expect(agents[0]?.usage.input_tokens).toBeGreaterThan(0);
    expect(agents[0]?.usage.output_tokens).toBeGreaterThan(0);
    expect(agents[0]?.usage.cost_usd).toBe(0);
    expect(agents[1]?.usage).toMatchObject({ input_tokens: 0, output_tokens: 0, cost_usd: 0 });
    stream.close();
  });

  it('checks an agent’s status: state, usage, latest command and its events', async () => {
    const { id, stream } = await setUp();
    const alpha = await ask(id, stream, 'status of alpha');
    const status = resultOf(alpha, 'check_agent_status').split('\n');
    expect(status[0]).toBe('alpha: idle, model sonnet, 0 queued');
    expect(status[1]).toMatch(/^Usage: [1-9]\d* tokens, \$0\.0000$/);
    expect(status[2]).toBe('Latest command (completed): write a.txt: from alpha');
    expect(status).toContain('[Stop] Stopped: completed');
    expect(status.some((line) => line.startsWith('[PostToolUse] Completed tool: write_file'))).toBe(true);
    expect(alpha.replies.at(-1)).toBe(
      `[offline model] Tool results:\n- check_agent_status:\n  ${status.join('\n  ')}`,
    );

    const beta = await ask(id, stream, 'check beta');
    expect(resultOf(beta, 'check_agent_status')).toBe(
      'beta: idle, model sonnet, 0 queued\nUsage: 0 tokens, $0.0000\nNo command yet.',
    );
    const ghost = await ask(id, stream, 'status of ghost');
    expect(ghost.results[0]?.data.is_error).toBe(true);
    expect(ghost.replies.at(-1)).toContain(
      '- check_agent_status (error): No agent named "ghost". Agents: alpha, beta.',
    );
    stream.close();
  });

  it('reports cost: $0 for the offline model, with every token counted', async () => {
    const { id, stream } = await setUp();
    const report = await ask(id, stream, 'report cost');
    const full = resultOf(report, 'report_cost');
    expect(report.replies.at(-1)).toBe(
      `[offline model] Tool results:\n- report_cost:\n  ${full.split('\n').join('\n  ')}`,
    );
    const total =
      /^Total: \$0\.0000 — input (\d+), output (\d+), cache write 0, cache read 0 tokens\.$/m.exec(full);
    expect(total, full).not.toBeNull();
    const [input, output] = [Number(total?.[1]), Number(total?.[2])];
    expect(input).toBeGreaterThan(0);
    expect(output).toBeGreaterThan(0);
    expect(full).toMatch(/^Orchestrator: \$0\.0000, [1-9]\d* tokens; context [1-9]\d*\/\d+ \(\d+\.\d%\)\.$/m);
    expect(full).toMatch(/^- alpha: \$0\.0000, [1-9]\d* tokens$/m);
    expect(full).toMatch(/^- beta: \$0\.0000, 0 tokens$/m);

    // Every call was free, and REST counts the same tokens (plus the report turn's last call).
    const calls = ofType(stream.events, 'model_call');
    expect(calls.every((e) => e.data.cost_usd === 0)).toBe(true);
    const { usage } = (await (await call(`/api/orchestrators/${id}`)).json()) as {
      usage: { input_tokens: number; output_tokens: number; cost_usd: number; model_calls: number };
    };
    expect(usage.cost_usd).toBe(0);
    expect(usage.model_calls).toBe(calls.length);
    const lastCall = calls.at(-1)?.data as { input_tokens: number; output_tokens: number };
    expect(usage.input_tokens).toBe(input + lastCall.input_tokens);
    expect(usage.output_tokens).toBe(output + lastCall.output_tokens);
    stream.close();
  });

  it('deletes an agent and creates a new one under the same name', async () => {
    const { id, stream } = await setUp();
    const oldBeta = agentIdOf(stream, 'beta');
    const deleted = await ask(id, stream, 'delete beta');
    expect(resultOf(deleted, 'delete_agent')).toBe('Deleted beta; the name is free again.');
    expect(ofType(stream.events, 'agent_deleted').map((e) => [e.agent_id, e.data.agent_name])).toEqual([
      [oldBeta, 'beta'],
    ]);
    expect((await agentsOf(id)).map((a) => a.name)).toEqual(['alpha']);

    const recreated = await ask(id, stream, 'create agent beta as reviewer');
    expect(resultOf(recreated, 'create_agent')).toBe(
      'Created agent beta (model opus, template reviewer). It is idle until commanded.',
    );
    const newBeta = agentIdOf(stream, 'beta');
    expect(newBeta).not.toBe(oldBeta);
    const agents = await agentsOf(id);
    expect(agents.map((a) => [a.name, a.template, a.model])).toEqual([
      ['alpha', null, 'sonnet'],
      ['beta', 'reviewer', 'opus'],
    ]);
    expect(agents[1]?.id).toBe(newBeta);

    // The name now means the new agent: it has no command history of its own.
    const status = await ask(id, stream, 'check beta');
    expect(resultOf(status, 'check_agent_status')).toContain('No command yet.');
    const listed = await ask(id, stream, 'list agents');
    expect(resultOf(listed, 'list_agents')).toContain(
      '- beta [idle] model opus, template reviewer; 0 queued',
    );
    stream.close();
  });
});
