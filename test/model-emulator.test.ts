/** The Worker's model client reaches the Messages API emulator from inside workerd. */

import { env } from 'cloudflare:test';
import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { createModelClient } from '../src/model/client.ts';
import { modelRequests, pendingModelSteps, scriptModel } from './helpers/emulator.ts';

function request(scope: string) {
  return {
    model: 'claude-sonnet-5',
    max_tokens: 256,
    metadata: { user_id: scope },
    messages: [{ role: 'user' as const, content: 'go' }],
  };
}

describe('model client against the emulator', () => {
  it('is the anthropic-compatible provider, streaming scripted tool calls', async () => {
    const { client, provider } = createModelClient(env);
    expect(provider.provider).toBe('anthropic-compatible');
    const scope = crypto.randomUUID();
    await scriptModel(scope, [
      { text: 'Creating both.', tool_uses: [{ name: 'a' }, { name: 'b', input: { x: 1 } }] },
    ]);
    const message = await client.messages.stream(request(scope)).finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.map((block) => (block.type === 'tool_use' ? block.name : block.type))).toEqual([
      'text',
      'a',
      'b',
    ]);
    const [recorded] = await modelRequests(scope);
    expect(recorded?.body).toMatchObject({ metadata: { user_id: scope }, stream: true });
    expect(recorded?.headers['anthropic-version']).toBeTruthy();
    expect(await pendingModelSteps(scope)).toBe(0);
  });

  it('surfaces 429 with retry-after, and a cut stream, as errors inside workerd', async () => {
    const { client } = createModelClient(env);
    const scope = crypto.randomUUID();
    await scriptModel(scope, [{ error: { status: 429, retry_after_seconds: 2 } }, { cut_after_events: 3 }]);
    const limited = await client.messages.create(request(scope)).catch((caught: unknown) => caught);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(limited instanceof APIError && limited.headers?.get('retry-after')).toBe('2');
    await expect(client.messages.stream(request(scope)).finalMessage()).rejects.toThrow();
  });
});
