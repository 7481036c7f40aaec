/** The emulator through the real SDK in Node: scripted answers, JSON and SSE, and what it records. */
import { describe, expect, it } from 'vitest';
import { requestParams, useEmulator } from './sdk-fixture.ts';

const sdk = useEmulator();
const params = requestParams;

describe('Messages API emulator', () => {
  it('answers scripted text in JSON and in SSE, in order, per scope', async () => {
    await sdk.control.script('text', [
      { text: 'first answer' },
      { text: 'second answer, streamed in deltas' },
    ]);
    await sdk.control.script('other', [{ text: 'other scope' }]);
    const first = await sdk.client.messages.create(params('text'));
    expect(first).toMatchObject({ model: 'claude-sonnet-5', stop_reason: 'end_turn', role: 'assistant' });
    expect(first.content).toEqual([{ type: 'text', text: 'first answer', citations: null }]);
    const texts: string[] = [];
    const second = await sdk.client.messages
      .stream(params('text'))
      .on('text', (delta) => texts.push(delta))
      .finalMessage();
    expect(second.content[0]).toMatchObject({ text: 'second answer, streamed in deltas' });
    expect(texts.length).toBeGreaterThan(1);
    expect((await sdk.client.messages.create(params('text'))).content[0]).toMatchObject({
      text: 'emulator: no script',
    });
    expect((await sdk.client.messages.create(params('other'))).content[0]).toMatchObject({
      text: 'other scope',
    });
  });

  it('answers parallel tool calls in one message, with thinking first', async () => {
    await sdk.control.script('tools', [
      {
        thinking: 'two files to write',
        text: 'Writing both.',
        tool_uses: [
          { name: 'write_file', input: { path: 'a.txt', content: 'A' } },
          { name: 'write_file', input: { path: 'b.txt', content: 'B' }, id: 'toolu_fixed' },
        ],
      },
    ]);
    const message = await sdk.client.messages.stream(params('tools')).finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text', 'tool_use', 'tool_use']);
    const [, , first, second] = message.content;
    expect(first).toMatchObject({ name: 'write_file', input: { path: 'a.txt', content: 'A' } });
    expect(first?.type === 'tool_use' && first.id).toMatch(/^toolu_emulator_/);
    expect(second).toMatchObject({ id: 'toolu_fixed', input: { path: 'b.txt', content: 'B' } });
  });

  it('ends with the scripted stop reason and pinned usage', async () => {
    await sdk.control.script('stop', [
      { stop_reason: 'max_tokens', text: 'cut', usage: { input_tokens: 1000, cache_read_input_tokens: 900 } },
      { stop_reason: 'refusal' },
    ]);
    const truncated = await sdk.client.messages.stream(params('stop')).finalMessage();
    expect(truncated.stop_reason).toBe('max_tokens');
    expect(truncated.usage).toMatchObject({
      input_tokens: 1000,
      cache_read_input_tokens: 900,
      output_tokens: 1,
    });
    const refused = await sdk.client.messages.create(params('stop'));
    expect(refused).toMatchObject({ stop_reason: 'refusal', content: [] });
  });

  it('waits delay_ms before answering and chunk_delay_ms between events', async () => {
    await sdk.control.script('slow', [
      { text: 'slow', delay_ms: 150 },
      { text: 'a b c d', chunk_delay_ms: 20 },
    ]);
    let started = Date.now();
    await sdk.client.messages.create(params('slow'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    started = Date.now();
    await sdk.client.messages.stream(params('slow')).finalMessage();
    // message_start, ping, block start, delta, stop, message_delta, message_stop: 6 gaps at least.
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('records request bodies and headers, never the key', async () => {
    await sdk.control.script('record', [{ text: 'ok' }]);
    await sdk.client.messages.create({ ...params('record'), system: 'be brief' });
    const { requests, pending_steps } = await sdk.control.requests('record');
    expect(pending_steps).toBe(0);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toMatchObject({ system: 'be brief', metadata: { user_id: 'record' } });
    expect(requests[0]?.headers['anthropic-version']).toBeTruthy();
    expect(JSON.stringify(requests)).not.toContain('test-key');
    await sdk.control.reset('record');
    expect((await sdk.control.requests('record')).requests).toEqual([]);
  });

  it('accepts x-api-key as well as Bearer, and refuses requests without a key or version', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${sdk.emulator.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(params('raw')),
      });
    expect((await post({ 'x-api-key': 'k', 'anthropic-version': '2023-06-01' })).status).toBe(200);
    const anonymous = await post({ 'anthropic-version': '2023-06-01' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const unversioned = await post({ 'x-api-key': 'k' });
    expect(unversioned.status).toBe(400);
    expect(await unversioned.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('refuses malformed scripts', async () => {
    await expect(sdk.control.script('bad', [{ stop_reason: 'because' } as never])).rejects.toThrow(
      /stop_reason/,
    );
    await expect(sdk.control.script('bad', [{} as never])).rejects.toThrow(/needs text/);
  });
});
