/**
 * One vocabulary end to end, with the offline model: a chat history entry is the same object the
 * live stream sent (the user's `chat_message`, the orchestrator's `tool_use` data: `name`, `input`),
 * so a reloaded console draws the same bubbles; the offline model's calls are recorded as `offline`
 * at $0 (never as the model that was asked for) in events and REST alike; and the orchestrator list
 * carries the same usage totals as each orchestrator's own GET.
 */
import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../../src/events/types.ts';
import { call } from '../helpers/api.ts';
import { ask } from '../helpers/conversation.ts';
import { createOrchestrator } from '../helpers/orchestrators.ts';
import { openStream } from '../helpers/stream.ts';

interface ChatJson {
  id: string;
  sender: string;
  kind: string;
  content: string;
  turn_id: string | null;
  data: Record<string, unknown>;
}

interface UsageJson {
  input_tokens: number;
  output_tokens: number;
  cache_write_tokens: number;
  cache_read_tokens: number;
  cost_usd: number;
  model_calls: number;
}

async function json<T>(path: string): Promise<T> {
  const response = await call(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

const own = (events: WireEvent[], type: string) => events.filter((e) => e.type === type && !e.agent_id);

describe('chat history and costs with the offline model', () => {
  it('returns each history entry in the live event’s shape, tool uses with name and input', async () => {
    const id = await createOrchestrator({ model: 'sonnet' });
    const stream = await openStream(id, 0);
    await ask(id, stream, 'create agent shaper');
    stream.close();

    const { messages } = await json<{ messages: ChatJson[] }>(`/api/orchestrators/${id}/messages?limit=50`);
    // The user's message: the history entry is the live chat_message's message, field for field.
    const [liveUser] = own(stream.events, 'chat_message');
    const storedUser = messages.find((m) => m.sender === 'user');
    expect(storedUser).toBeDefined();
    expect(liveUser?.data.message).toEqual(storedUser);

    // The tool call: the history's data is the live tool_use event's data, and it names the tool.
    const [liveTool] = own(stream.events, 'tool_use');
    const storedTools = messages.filter((m) => m.kind === 'tool_use');
    expect(storedTools).toHaveLength(1);
    expect(liveTool?.data).toEqual(storedTools[0]?.data);
    expect(storedTools[0]).toMatchObject({
      sender: 'orchestrator',
      content: 'create_agent',
      data: { name: 'create_agent', input: { name: 'shaper' } },
    });
    expect(storedTools[0]?.data).not.toHaveProperty('tool_name');
  });

  it('records the offline model’s calls as `offline` at $0, in events and REST, and lists usage', async () => {
    const id = await createOrchestrator({ model: 'opus' });
    const idle = await createOrchestrator({ name: 'idle' });
    const stream = await openStream(id, 0);
    await ask(id, stream, 'create agent counter');
    stream.close();

    const calls = stream.events.filter((e) => e.type === 'model_call');
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((e) => e.data.model))).toEqual(new Set(['offline']));
    expect(calls.every((e) => e.data.cost_usd === 0)).toBe(true);

    const costs = await json<{ by_model: Array<{ model: string; cost_usd: number; model_calls: number }> }>(
      `/api/orchestrators/${id}/costs`,
    );
    expect(costs.by_model.map((row) => [row.model, row.cost_usd, row.model_calls])).toEqual([
      ['offline', 0, calls.length],
    ]);

    // The picker's list: every orchestrator with the totals its own GET reports.
    const single = await json<{ usage: UsageJson }>(`/api/orchestrators/${id}`);
    expect(single.usage.model_calls).toBe(calls.length);
    const list = await json<{ orchestrators: Array<{ id: string; usage?: UsageJson }> }>(
      '/api/orchestrators?limit=200',
    );
    const listed = new Map(list.orchestrators.map((o) => [o.id, o.usage]));
    expect(listed.get(id)).toEqual(single.usage);
    expect(listed.get(idle)).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_write_tokens: 0,
      cache_read_tokens: 0,
      cost_usd: 0,
      model_calls: 0,
    });
    expect(list.orchestrators.every((o) => o.usage !== undefined)).toBe(true);
  });
});
