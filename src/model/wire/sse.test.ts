import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { buildMessage, textBlock, thinkingBlock, toolUseBlock } from './message.ts';
import { encodeMessageStream, encodeSseEvent, messageStreamEvents } from './sse.ts';
import type { ContentBlock, Message, StreamEvent } from './types.ts';

const usage = {
  input_tokens: 120,
  output_tokens: 48,
  cache_creation_input_tokens: 7,
  cache_read_input_tokens: 3,
};

function message(content: ContentBlock[], stop_reason: Message['stop_reason'] = 'end_turn'): Message {
  return buildMessage({
    id: 'msg_wire_1',
    model: 'claude-sonnet-5',
    content,
    stop_reason: stop_reason ?? 'end_turn',
    usage,
  });
}

/** A client whose every request is answered with this SSE body, the way the API would. */
function clientAnswering(body: string): Anthropic {
  return new Anthropic({
    apiKey: 'wire-test',
    baseURL: 'https://wire.invalid',
    maxRetries: 0,
    fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
  });
}

async function roundTrip(original: Message): Promise<unknown> {
  const stream = clientAnswering(encodeMessageStream(original)).messages.stream({
    model: original.model,
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'hi' }],
  });
  const { parsed_output: _parsed, ...final } = await stream.finalMessage();
  return final;
}

const cases: Array<[string, Message]> = [
  ['a text reply', message([textBlock('Hello there! This reply is long enough to be cut into deltas.')])],
  [
    'thinking, text and parallel tool calls',
    message(
      [
        thinkingBlock('First I list the files, then I read the plan.', 'c2lnbmF0dXJl'),
        textBlock('Let me look.'),
        toolUseBlock('toolu_1', 'list_files', {}),
        toolUseBlock('toolu_2', 'read_file', { path: 'specs/plan.md', range: { from: 1, to: 40 } }),
      ],
      'tool_use',
    ),
  ],
  ['unicode split across deltas', message([textBlock('naïve 🧪🧪🧪 résumé — 東京 '.repeat(4))])],
  ['an empty text block', message([textBlock('')], 'max_tokens')],
  [
    'a redacted thinking block (never streamed in pieces)',
    message([{ type: 'redacted_thinking', data: 'opaque' }, textBlock('ok')]),
  ],
  ['a stop sequence', { ...message([textBlock('until')], 'stop_sequence'), stop_sequence: 'END' }],
];

describe('messageStreamEvents', () => {
  it.each(cases)('round-trips %s through the SDK stream parser', async (_name, original) => {
    expect(await roundTrip(original)).toEqual(original);
  });

  it('streams the documented event order, with pings and several deltas per block', () => {
    const original = cases[1]?.[1] ?? message([]);
    const types = messageStreamEvents(original).map((event) =>
      event.type === 'content_block_delta' ? event.delta.type : event.type,
    );
    expect(types[0]).toBe('message_start');
    expect(types[1]).toBe('ping');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(types.filter((type) => type === 'content_block_start')).toHaveLength(4);
    expect(types.filter((type) => type === 'content_block_stop')).toHaveLength(4);
    expect(types.filter((type) => type === 'input_json_delta').length).toBeGreaterThanOrEqual(4);
    expect(types.filter((type) => type === 'thinking_delta').length).toBeGreaterThan(1);
    expect(types.filter((type) => type === 'signature_delta')).toHaveLength(1);
  });

  it('starts with empty content and input usage, and ends with the stop reason and output usage', () => {
    const events = messageStreamEvents(message([textBlock('hi')], 'end_turn'));
    const start = events[0];
    const delta = events.at(-2);
    if (start?.type !== 'message_start' || delta?.type !== 'message_delta') throw new Error('bad sequence');
    expect(start.message.content).toEqual([]);
    expect(start.message.stop_reason).toBeNull();
    expect(start.message.usage.input_tokens).toBe(120);
    expect(delta.delta.stop_reason).toBe('end_turn');
    expect(delta.usage.output_tokens).toBe(48);
  });

  it('is what the SDK yields as raw events (pings skipped)', async () => {
    const original = cases[1]?.[1] ?? message([]);
    const stream = await clientAnswering(encodeMessageStream(original)).messages.create({
      model: original.model,
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const received: unknown[] = [];
    for await (const event of stream) received.push(event);
    const expected = messageStreamEvents(original).filter((event) => event.type !== 'ping');
    expect(received).toEqual(expected);
  });
});

describe('encodeSseEvent', () => {
  it('frames one event per `event:`/`data:` pair followed by a blank line', () => {
    const event: StreamEvent = { type: 'content_block_stop', index: 2 };
    expect(encodeSseEvent(event)).toBe(
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":2}\n\n',
    );
  });

  it('keeps newlines inside the JSON escaped, so each frame has exactly one data line', () => {
    const frame = encodeSseEvent({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: 'a\nb\r\nc' },
    });
    expect(frame.split('\n')).toHaveLength(4);
  });
});
