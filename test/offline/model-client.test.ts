/** With no model configured, the Worker's model client is the built-in offline model. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createModelClient } from '../../src/model/client.ts';

describe('model client without a model configured', () => {
  it('is the offline model, answering through the SDK', async () => {
    const { client, provider } = createModelClient(env);
    expect(provider.provider).toBe('offline');
    const tools = [{ name: 'create_agent', input_schema: { type: 'object' as const } }];
    const message = await client.messages
      .stream({
        model: 'claude-sonnet-5',
        max_tokens: 256,
        tools,
        messages: [{ role: 'user', content: 'create agent a' }],
      })
      .finalMessage();
    expect(message.content[1]).toMatchObject({
      type: 'tool_use',
      name: 'create_agent',
      input: { name: 'a' },
    });
  });
});
