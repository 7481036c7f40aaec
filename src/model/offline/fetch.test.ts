import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { estimateInputTokens } from '../wire/message.ts';
import { createOfflineFetch, OFFLINE_BASE_URL } from './fetch.ts';

function offlineClient(): Anthropic {
  return new Anthropic({
    apiKey: 'offline',
    baseURL: OFFLINE_BASE_URL,
    fetch: createOfflineFetch(),
    maxRetries: 0,
  });
}

const tools = ['create_agent', 'command_agent'].map((name) => ({
  name,
  description: name,
  input_schema: { type: 'object' as const },
}));
const params = {
  model: 'claude-sonnet-5',
  max_tokens: 1000,
  tools,
  metadata: { user_id: 'orchestrator-1' },
  messages: [{ role: 'user' as const, content: 'create agent builder; tell builder to list files' }],
};

describe('offlineFetch through the Anthropic SDK', () => {
  it('answers parallel tool calls, estimated usage and the requested model', async () => {
    const message = await offlineClient().messages.create(params);
    expect(message.id).toBe('msg_offline_1');
    expect(message.model).toBe('claude-sonnet-5');
    expect(message.stop_reason).toBe('tool_use');
    const calls = message.content.filter((block) => block.type === 'tool_use');
    expect(calls.map((block) => [block.name, block.input])).toEqual([
      ['create_agent', { name: 'builder' }],
      ['command_agent', { agent_name: 'builder', command: 'list files' }],
    ]);
    for (const block of calls) expect(block.id).toMatch(/^toolu_offline_1_\d_[0-9a-f]{12}$/);
    expect(new Set(calls.map((block) => block.id)).size).toBe(2);
    expect(message.usage.input_tokens).toBe(estimateInputTokens(params));
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(message.usage.cache_read_input_tokens).toBe(0);
  });

  it('streams the same answer as SSE that the SDK reassembles', async () => {
    const client = offlineClient();
    const streamed: string[] = [];
    const stream = client.messages.stream(params).on('streamEvent', (event) => streamed.push(event.type));
    const final = await stream.finalMessage();
    expect(final.id).toBe('msg_offline_1');
    expect(final.content.filter((block) => block.type === 'tool_use')).toHaveLength(2);
    expect(final.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/^\[offline model\]/),
    });
    expect(streamed[0]).toBe('message_start');
    expect(streamed.at(-1)).toBe('message_stop');
  });

  it('numbers messages per fetch instance', async () => {
    const client = offlineClient();
    await client.messages.create(params);
    expect((await client.messages.create(params)).id).toBe('msg_offline_2');
  });

  it('answers unknown paths and methods with a 404 in the API error shape', async () => {
    const offline = createOfflineFetch();
    const response = await offline(`${OFFLINE_BASE_URL}/v1/models`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    expect((await offline(`${OFFLINE_BASE_URL}/v1/messages`, { method: 'GET' })).status).toBe(404);
  });

  it('answers malformed bodies with 400 invalid_request_error (a BadRequestError)', async () => {
    const offline = createOfflineFetch();
    const response = await offline(`${OFFLINE_BASE_URL}/v1/messages`, { method: 'POST', body: '{not json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const error = await offlineClient()
      .messages.create({ ...params, messages: [] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
  });
});
