/**
 * Complete `Message` objects as the API returns them, for servers that answer without a model (the
 * offline model, the test emulator). Every field the SDK types declare is present, so a message built
 * here, streamed and reassembled by the SDK compares equal to itself.
 */
import type {
  ContentBlock,
  Message,
  MessagesRequest,
  StopReason,
  TextBlock,
  ThinkingBlock,
  ToolUseBlock,
  UsageCounts,
} from './types.ts';

export interface MessageSpec {
  id: string;
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason;
  stop_sequence?: string | null;
  usage: UsageCounts;
}

export function buildMessage(spec: MessageSpec): Message {
  const { usage } = spec;
  return {
    id: spec.id,
    type: 'message',
    role: 'assistant',
    model: spec.model,
    content: spec.content,
    stop_reason: spec.stop_reason,
    stop_sequence: spec.stop_sequence ?? null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: {
      input_tokens: usage.input_tokens,
      output_tokens: usage.output_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      cache_creation: {
        ephemeral_5m_input_tokens: usage.cache_creation_input_tokens,
        ephemeral_1h_input_tokens: 0,
      },
      server_tool_use: null,
      output_tokens_details: null,
      service_tier: 'standard',
      inference_geo: null,
      speed: null,
    },
  };
}

export function textBlock(text: string): TextBlock {
  return { type: 'text', text, citations: null };
}

export function thinkingBlock(thinking: string, signature: string): ThinkingBlock {
  return { type: 'thinking', thinking, signature };
}

export function toolUseBlock(id: string, name: string, input: unknown): ToolUseBlock {
  return { type: 'tool_use', id, name, input, caller: { type: 'direct' } };
}

/** The rough rule of thumb (about four characters per token); good enough for non-model servers. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** What a request would cost in input tokens: its system prompt, messages and tool definitions. */
export function estimateInputTokens(request: MessagesRequest): number {
  const system = typeof request.system === 'string' ? request.system : JSON.stringify(request.system ?? '');
  const tools = request.tools ? JSON.stringify(request.tools) : '';
  return estimateTokens(system + JSON.stringify(request.messages) + tools);
}

export function estimateOutputTokens(content: readonly ContentBlock[]): number {
  const text = content
    .map((block) => {
      if (block.type === 'text') return block.text;
      if (block.type === 'thinking') return block.thinking;
      if (block.type === 'tool_use') return block.name + JSON.stringify(block.input);
      return JSON.stringify(block);
    })
    .join('');
  return estimateTokens(text);
}

/** Estimated usage with no cache activity, any pinned counts taking precedence. */
export function estimateUsage(
  request: MessagesRequest,
  content: readonly ContentBlock[],
  pinned: Partial<UsageCounts> = {},
): UsageCounts {
  return {
    input_tokens: pinned.input_tokens ?? estimateInputTokens(request),
    output_tokens: pinned.output_tokens ?? estimateOutputTokens(content),
    cache_creation_input_tokens: pinned.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: pinned.cache_read_input_tokens ?? 0,
  };
}
