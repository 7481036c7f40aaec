/**
 * A complete `Message` replayed as the event sequence the API streams for it:
 * `message_start` (empty content, input usage), a `ping`, then per block `content_block_start`,
 * its deltas and `content_block_stop` (a `ping` between blocks), then `message_delta` (stop reason and
 * cumulative usage) and `message_stop`. Streamed fields start empty in `content_block_start` and
 * arrive as deltas; blocks the API never streams (redacted thinking, server tool results) arrive
 * whole. The SDK's accumulator rebuilds the original message from this sequence exactly.
 */
import { splitJson, splitText } from './chunks.ts';
import type { ContentBlock, Message, PingEvent, StreamEvent } from './types.ts';

export interface StreamOptions {
  /** Longest text or thinking delta, in code points. */
  textChunk?: number;
  /** Interleave `ping` events like the API does; the SDK must skip them. */
  pings?: boolean;
}

const PING: PingEvent = { type: 'ping' };

export function messageStreamEvents(message: Message, options: StreamOptions = {}): StreamEvent[] {
  const { textChunk = 16, pings = true } = options;
  const { usage } = message;
  const events: StreamEvent[] = [
    {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        container: null,
        // The API reports its first output token here; the final count comes in message_delta.
        usage: { ...usage, output_tokens: Math.min(1, usage.output_tokens) },
      },
    },
  ];
  if (pings) events.push(PING);
  message.content.forEach((block, index) => {
    if (pings && index > 0) events.push(PING);
    events.push(...blockEvents(block, index, textChunk));
  });
  events.push(
    {
      type: 'message_delta',
      delta: {
        stop_reason: message.stop_reason,
        stop_sequence: message.stop_sequence,
        stop_details: message.stop_details,
        container: message.container,
      },
      // Cumulative totals, as the API sends them.
      usage: {
        input_tokens: usage.input_tokens,
        output_tokens: usage.output_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        server_tool_use: usage.server_tool_use,
        output_tokens_details: usage.output_tokens_details,
      },
    },
    { type: 'message_stop' },
  );
  return events;
}

function blockEvents(block: ContentBlock, index: number, textChunk: number): StreamEvent[] {
  const start = (contentBlock: ContentBlock): StreamEvent => ({
    type: 'content_block_start',
    index,
    content_block: contentBlock,
  });
  const stop: StreamEvent = { type: 'content_block_stop', index };
  switch (block.type) {
    case 'text':
      return [
        start({ ...block, text: '', citations: block.citations ? [] : null }),
        ...splitText(block.text, textChunk).map(
          (text): StreamEvent => ({
            type: 'content_block_delta',
            index,
            delta: { type: 'text_delta', text },
          }),
        ),
        ...(block.citations ?? []).map(
          (citation): StreamEvent => ({
            type: 'content_block_delta',
            index,
            delta: { type: 'citations_delta', citation },
          }),
        ),
        stop,
      ];
    case 'thinking':
      return [
        start({ ...block, thinking: '', signature: '' }),
        ...splitText(block.thinking, textChunk).map(
          (thinking): StreamEvent => ({
            type: 'content_block_delta',
            index,
            delta: { type: 'thinking_delta', thinking },
          }),
        ),
        {
          type: 'content_block_delta',
          index,
          delta: { type: 'signature_delta', signature: block.signature },
        },
        stop,
      ];
    case 'tool_use':
    case 'server_tool_use':
      return [
        start({ ...block, input: {} }),
        ...splitJson(JSON.stringify(block.input ?? {})).map(
          (partial_json): StreamEvent => ({
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json },
          }),
        ),
        stop,
      ];
    default:
      return [start(block), stop];
  }
}

/** One SSE frame: `event: <type>\ndata: <json>\n\n` (JSON never contains a raw newline). */
export function encodeSseEvent(event: StreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The whole stream body for a message. */
export function encodeMessageStream(message: Message, options?: StreamOptions): string {
  return messageStreamEvents(message, options).map(encodeSseEvent).join('');
}

/** Headers of a streaming response, as the API sends them. */
export function sseHeaders(requestId: string): Record<string, string> {
  return {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'request-id': requestId,
  };
}
