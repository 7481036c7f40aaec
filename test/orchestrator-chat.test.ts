/**
 * The orchestrator's own turns against the Messages API emulator: streaming, parallel tool use, tool
 * errors, retries, interrupts, budgets and stop reasons, all observed through the WebSocket and REST.
 */
import { describe, expect, it } from 'vitest';
import { call } from './helpers/api.ts';
import { modelRequests, scriptModel } from './helpers/emulator.ts';
import { createOrchestrator, ofType, say, turnEnded } from './helpers/orchestrators.ts';
import { expectContiguous, openStream } from './helpers/stream.ts';
import { scriptFreeSummaries } from './helpers/summaries.ts';

describe('an orchestrator turn', () => {
  it('streams text, runs parallel tool calls, records chat history and priced model calls', async () => {
    const id = await createOrchestrator({ model: 'sonnet' });
    await scriptModel(id, [
      {
        text: 'Creating both.',
        tool_uses: [
          { name: 'create_agent', input: { name: 'alpha', template: 'builder' } },
          { name: 'create_agent', input: { name: 'beta', system_prompt: 'You review.' } },
        ],
        usage: {
          input_tokens: 1_000,
          output_tokens: 100,
          cache_creation_input_tokens: 2_000,
          cache_read_input_tokens: 0,
        },
      },
      {
        text: 'Both agents are ready.',
        usage: { input_tokens: 1_200, output_tokens: 20, cache_read_input_tokens: 2_000 },
      },
    ]);
    // Summaries of the turn run in the background whenever they like; free, they leave the totals exact.
    await scriptFreeSummaries(id);
    const stream = await openStream(id, 0);
    const { turn_id } = await say(id, 'create alpha and beta');
    const end = await turnEnded(stream, turn_id);
    expect(end.type).toBe('turn_completed');

    expectContiguous(stream.events, 1);
    expect(
      ofType(stream.events, 'agent_created')
        .map((e) => (e.data.agent as { name: string }).name)
        .sort(),
    ).toEqual(['alpha', 'beta']);
    expect(ofType(stream.events, 'PreToolUse')).toHaveLength(2);
    expect(ofType(stream.events, 'tool_result').every((e) => e.data.is_error === false)).toBe(true);
    const streamed = ofType(stream.events, 'text_delta')
      .map((e) => e.data.text)
      .join('');
    expect(streamed).toContain('Both agents are ready.');

    // The second request carried both results, and the prompt prefix was marked for caching.
    const requests = await modelRequests(id);
    expect(requests).toHaveLength(2);
    const second = requests[1]?.body as {
      messages: Array<{ role: string; content: Array<{ type: string }> }>;
      system: Array<{ cache_control?: unknown }>;
    };
    expect(second.messages.at(-1)?.content.filter((block) => block.type === 'tool_result')).toHaveLength(2);
    expect(second.system[0]?.cache_control).toEqual({ type: 'ephemeral' });

    const history = (await (await call(`/api/orchestrators/${id}/messages`)).json()) as {
      messages: Array<{ sender: string; kind: string; content: string }>;
    };
    expect(history.messages.map((m) => `${m.sender}:${m.kind}`).reverse()).toEqual([
      'user:text',
      'orchestrator:text',
      'orchestrator:tool_use',
      'orchestrator:tool_use',
      'orchestrator:text',
    ]);

    const orchestrator = (await (await call(`/api/orchestrators/${id}`)).json()) as {
      usage: {
        input_tokens: number;
        cache_write_tokens: number;
        cache_read_tokens: number;
        cost_usd: number;
      };
    };
    expect(orchestrator.usage.input_tokens).toBe(2_200);
    expect(orchestrator.usage.cache_write_tokens).toBe(2_000);
    expect(orchestrator.usage.cache_read_tokens).toBe(2_000);
    // Sonnet 5: $2 in, $10 out, $2.50 cache write, $0.20 cache read per million tokens.
    expect(orchestrator.usage.cost_usd).toBeCloseTo(
      (2_200 * 2 + 120 * 10 + 2_000 * 2.5 + 2_000 * 0.2) / 1e6,
      6,
    );
    stream.close();
  });

  it('sends a failing tool call back to the model as is_error and carries on', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { tool_uses: [{ name: 'command_agent', input: { agent_name: 'ghost', command: 'boo' } }] },
      { tool_uses: [{ name: 'create_agent', input: { name: 'not a valid name!' } }] },
      { text: 'Understood.' },
    ]);
    const stream = await openStream(id, 0);
    const { turn_id } = await say(id, 'go');
    expect((await turnEnded(stream, turn_id)).type).toBe('turn_completed');
    const requests = await modelRequests(id);
    const results = requests.slice(1).map((r) => {
      const body = r.body as {
        messages: Array<{ content: Array<{ type: string; is_error?: boolean; content?: string }> }>;
      };
      return body.messages.at(-1)?.content.find((block) => block.type === 'tool_result');
    });
    expect(results[0]).toMatchObject({ is_error: true });
    expect(results[0]?.content).toContain('No agent named "ghost"');
    expect(results[1]).toMatchObject({ is_error: true });
    expect(results[1]?.content).toContain('Invalid input for create_agent');
    stream.close();
  });

  it('retries overload and rate limits, honouring retry-after, then completes', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { error: { status: 529 } },
      { error: { status: 429, retry_after_seconds: 1 } },
      { text: 'Third time lucky.' },
    ]);
    const stream = await openStream(id, 0);
    const { turn_id } = await say(id, 'hello');
    expect((await turnEnded(stream, turn_id)).type).toBe('turn_completed');
    const warnings = ofType(stream.events, 'system_log').map((e) => String(e.data.message));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('529');
    expect(warnings[1]).toMatch(/429\); retrying in 1 s/);
    expect(await modelRequests(id)).toHaveLength(3);
    stream.close();
  });

  it('fails clearly on a request error that retrying cannot fix', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [{ error: { status: 400, message: 'messages: bad shape' } }]);
    const stream = await openStream(id, 0);
    const { turn_id } = await say(id, 'hello');
    const end = await turnEnded(stream, turn_id);
    expect(end.type).toBe('turn_failed');
    expect(String(end.data.error)).toContain('bad shape');
    expect(await modelRequests(id)).toHaveLength(1);
    stream.close();
  });

  it('is interrupted mid-stream by POST /interrupt, and the next message runs normally', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [{ text: 'word '.repeat(200), chunk_delay_ms: 50 }, { text: 'Fresh answer.' }]);
    const stream = await openStream(id, 0);
    const first = await say(id, 'write a lot');
    await stream.waitFor((e) => e.type === 'text_delta', 'the first delta');
    const response = await call(`/api/orchestrators/${id}/interrupt`, { method: 'POST' });
    expect(await response.json()).toEqual({ interrupted_turn_id: first.turn_id });
    expect((await turnEnded(stream, first.turn_id)).type).toBe('turn_interrupted');

    const second = await say(id, 'again');
    expect(second.interrupted_turn_id).toBeNull();
    expect((await turnEnded(stream, second.turn_id)).type).toBe('turn_completed');
    const history = (await (await call(`/api/orchestrators/${id}/messages`)).json()) as {
      messages: Array<{ content: string; interrupted: boolean; turn_id: string }>;
    };
    expect(history.messages.find((m) => m.turn_id === first.turn_id)?.interrupted).toBe(true);
    stream.close();
  });

  it('a new message interrupts the running turn and runs next', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { text: 'slow '.repeat(200), chunk_delay_ms: 50 },
      { text: 'Answering the second.' },
    ]);
    const stream = await openStream(id, 0);
    const first = await say(id, 'first');
    await stream.waitFor((e) => e.type === 'text_delta', 'the first delta');
    const second = await say(id, 'second');
    expect(second.interrupted_turn_id).toBe(first.turn_id);
    expect((await turnEnded(stream, first.turn_id)).type).toBe('turn_interrupted');
    expect((await turnEnded(stream, second.turn_id)).type).toBe('turn_completed');
    // The model saw both user messages, folded into one turn (the first was never answered).
    const last = (await modelRequests(id)).at(-1)?.body as { messages: Array<{ role: string }> };
    expect(last.messages.map((m) => m.role)).toEqual(['user']);
    stream.close();
  });

  it('stops before a call that the budget no longer covers', async () => {
    const id = await createOrchestrator({ model: 'opus', budget_usd: 0.001 });
    await scriptModel(id, [
      { tool_uses: [{ name: 'list_agents', input: {} }], usage: { input_tokens: 1_000, output_tokens: 100 } },
      { text: 'never sent' },
    ]);
    const stream = await openStream(id, 0);
    const { turn_id } = await say(id, 'spend');
    const end = await turnEnded(stream, turn_id);
    expect(end.type).toBe('turn_failed');
    expect(end.data.status).toBe('budget_exceeded');
    expect(ofType(stream.events, 'budget_exceeded')[0]?.data).toMatchObject({
      scope: 'orchestrator',
      budget_usd: 0.001,
    });
    expect(await modelRequests(id)).toHaveLength(1);
    stream.close();
  });

  it('reports max_tokens as a warning and a refusal as a failed turn', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { stop_reason: 'max_tokens', text: 'cut off mid' },
      { stop_reason: 'refusal', text: '' },
    ]);
    const stream = await openStream(id, 0);
    const first = await say(id, 'long');
    expect((await turnEnded(stream, first.turn_id)).type).toBe('turn_completed');
    expect(
      ofType(stream.events, 'system_log').some((e) => String(e.data.message).includes('max_tokens')),
    ).toBe(true);
    const second = await say(id, 'bad');
    const end = await turnEnded(stream, second.turn_id);
    expect(end.type).toBe('turn_failed');
    expect(end.data.status).toBe('refused');
    stream.close();
  });
});
