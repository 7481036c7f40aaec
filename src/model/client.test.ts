import { describe, expect, it } from 'vitest';
import { createModelClient } from './client.ts';
import { OFFLINE_BASE_URL } from './offline/fetch.ts';

describe('createModelClient', () => {
  it('talks to the offline model when nothing is configured, through the SDK', async () => {
    const { client, provider } = createModelClient({});
    expect(provider.provider).toBe('offline');
    expect(client.baseURL).toBe(OFFLINE_BASE_URL);
    expect(client.maxRetries).toBe(0);
    const message = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(message.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/^\[offline model\]/),
    });
  });

  it('uses the Anthropic API with a key, without SDK retries', () => {
    const { client, provider } = createModelClient({ ANTHROPIC_API_KEY: ' sk-test ' });
    expect(provider.provider).toBe('anthropic');
    expect(client.baseURL).toBe('https://api.anthropic.com');
    expect(client.apiKey).toBe('sk-test');
    expect(client.maxRetries).toBe(0);
  });

  it('uses a compatible server, with a placeholder key when none is set', () => {
    const { client, provider } = createModelClient({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999' });
    expect(provider).toMatchObject({ provider: 'anthropic-compatible', base_url: 'http://127.0.0.1:9999' });
    expect(client.baseURL).toBe('http://127.0.0.1:9999');
    expect(client.apiKey).toBeTruthy();
    expect(
      createModelClient({ ANTHROPIC_BASE_URL: 'http://x.test', ANTHROPIC_API_KEY: 'k' }).client.apiKey,
    ).toBe('k');
  });
});
