/**
 * The Messages API shapes this project produces and reads, named once. Response types come from the
 * SDK (so a server written against them is checked against what the client parses); the request is
 * narrowed to the fields a server here actually looks at.
 */
import type { MessageCreateParamsBase, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ApiErrorBody } from './errors.ts';

export type {
  ContentBlock,
  ContentBlockParam,
  Message,
  MessageParam,
  RawMessageStreamEvent,
  StopReason,
  TextBlock,
  ThinkingBlock,
  ToolResultBlockParam,
  ToolUseBlock,
  Usage,
} from '@anthropic-ai/sdk/resources/messages';

/** Keep-alive event the API interleaves; the SDK skips it. */
export interface PingEvent {
  type: 'ping';
}

/** Everything that can appear as an SSE event in a Messages stream. */
export type StreamEvent = RawMessageStreamEvent | PingEvent | ApiErrorBody;

/** A `POST /v1/messages` body after `parseMessagesRequest` checked the fields below. */
export type MessagesRequest = Pick<MessageCreateParamsBase, 'model' | 'max_tokens' | 'messages'> &
  Partial<Pick<MessageCreateParamsBase, 'system' | 'metadata' | 'stream' | 'tools'>>;

/** Token counts a caller may pin instead of the estimates. */
export interface UsageCounts {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}
