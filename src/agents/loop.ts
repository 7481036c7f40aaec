/**
 * The agent loop on the Messages API: stream a response, record it, run its tool calls, append the
 * results, repeat until the model ends its turn. It knows nothing of HTTP, WebSockets or Durable
 * Objects: conversation storage, tool execution, budgets and cost recording are injected, and
 * everything observable leaves through `emit`.
 *
 * Recovery: the conversation is checkpointed after every model response and every batch of tool
 * results, so a loop restarted on the same store continues where it stopped (tool calls that already
 * ran are answered from the ledger by `executeTools`, never run twice).
 */
import type {
  ContentBlock,
  ContentBlockParam,
  Message,
  MessageParam,
  Tool,
  ToolResultBlockParam,
  ToolUseBlock,
} from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { toolUseData } from '../events/chat-json.ts';
import type { EventInput } from '../events/types.ts';
import type { MessagesClient } from '../model/client.ts';
import { type TokenUsage, tokenUsageOf } from '../model/models.ts';
import type { ToolDefinition } from '../tools/types.ts';
import {
  DEFAULT_RETRY_POLICY,
  describeFailure,
  isRetryable,
  type RetryPolicy,
  retryDelayMs,
} from './retry.ts';

export interface ConversationStore {
  messages(): MessageParam[];
  /** The newest message alone (cheaper than reading the whole history). */
  last(): MessageParam | undefined;
  append(message: MessageParam): void;
}

export interface ModelCallRecord {
  model: string;
  usage: TokenUsage;
  stopReason: string | null;
  durationMs: number;
}

export interface LoopOptions {
  client: MessagesClient;
  model: string;
  system: string;
  tools: ToolDefinition[];
  maxTurns: number;
  maxTokens: number;
  /** Sent as `metadata.user_id`: an opaque id (the orchestrator's), never personal data. */
  metadataUserId: string;
  signal: AbortSignal;
  store: ConversationStore;
  emit: (event: EventInput) => void;
  /** Checks budgets before every call; throws `BudgetExceededError` to stop the run. */
  beforeCall: () => Promise<void>;
  recordCall: (call: ModelCallRecord) => Promise<void>;
  executeTools: (toolUses: ToolUseBlock[]) => Promise<ToolResultBlockParam[]>;
  /** Called for each finished content block, in order (e.g. to write chat history). */
  onBlock?: (block: ContentBlock) => Promise<void>;
  retryPolicy?: RetryPolicy;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export type LoopStatus = 'completed' | 'interrupted' | 'failed' | 'max_turns' | 'budget_exceeded' | 'refused';

export interface LoopOutcome {
  status: LoopStatus;
  turns: number;
  stopReason: string | null;
  finalText: string;
  error?: string;
}

export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';
}

export async function runAgentLoop(options: LoopOptions): Promise<LoopOutcome> {
  const { store, signal } = options;
  let turns = 0;
  let finalText = '';
  let stopReason: string | null = null;
  const outcome = (status: LoopStatus, error?: string): LoopOutcome => ({
    status,
    turns,
    stopReason,
    finalText,
    ...(error === undefined ? {} : { error }),
  });
  try {
    await answerPendingToolUses(options);
    while (true) {
      if (signal.aborted) return outcome('interrupted');
      if (turns >= options.maxTurns)
        return outcome('max_turns', `stopped after ${options.maxTurns} model calls`);
      await options.beforeCall();
      turns += 1;
      const message = await callModel(options, turns);
      stopReason = message.stop_reason;
      store.append({ role: 'assistant', content: message.content.map(toParam) });
      for (const block of message.content) await reportBlock(options, block);
      finalText = textOf(message.content) || finalText;
      if (message.stop_reason === 'tool_use') {
        await answerPendingToolUses(options);
        continue;
      }
      // pause_turn: the API paused a long turn; sending the conversation back resumes it.
      if (message.stop_reason === 'pause_turn') continue;
      if (message.stop_reason === 'refusal') return outcome('refused', 'the model declined to continue');
      if (message.stop_reason === 'max_tokens') {
        options.emit({
          type: 'system_log',
          data: { level: 'warning', message: `Response cut at max_tokens (${options.maxTokens}).` },
        });
      }
      return outcome('completed');
    }
  } catch (error) {
    if (signal.aborted) return outcome('interrupted');
    if (error instanceof BudgetExceededError) return outcome('budget_exceeded', error.message);
    return outcome('failed', error instanceof Error ? error.message : String(error));
  }
}

/** After a tool_use response (or a restart right after one), run the calls and append their results. */
async function answerPendingToolUses(options: LoopOptions): Promise<void> {
  const last = options.store.last();
  if (last?.role !== 'assistant' || typeof last.content === 'string') return;
  const toolUses = last.content.filter((block): block is ToolUseBlock => block.type === 'tool_use');
  if (toolUses.length === 0) return;
  const results = await options.executeTools(toolUses);
  options.store.append({ role: 'user', content: results });
}

async function callModel(options: LoopOptions, turn: number): Promise<Message> {
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? abortableSleep;
  const callId = crypto.randomUUID();
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    try {
      const stream = options.client.messages.stream(
        {
          model: options.model,
          max_tokens: options.maxTokens,
          // Cache the stable prefix: tools, then the system prompt (both rarely change within a run).
          system: [{ type: 'text', text: options.system, cache_control: { type: 'ephemeral' } }],
          tools: toolParams(options.tools),
          messages: options.store.messages(),
          metadata: { user_id: options.metadataUserId },
        },
        { signal: options.signal },
      );
      stream.on('text', (text) =>
        options.emit({ type: 'text_delta', data: { call_id: callId, attempt, text } }),
      );
      const message = await stream.finalMessage();
      await options.recordCall({
        model: message.model,
        usage: tokenUsageOf(message.usage),
        stopReason: message.stop_reason,
        durationMs: Date.now() - started,
      });
      return message;
    } catch (error) {
      if (options.signal.aborted) throw error;
      const failure = describeFailure(error);
      if (!isRetryable(failure) || attempt >= policy.maxAttempts) throw error;
      const delay = retryDelayMs(attempt, failure, policy);
      options.emit({
        type: 'system_log',
        data: {
          level: 'warning',
          message: `Model call failed (${failure.status ?? 'connection'}); retrying in ${Math.round(delay / 100) / 10} s (attempt ${attempt + 1} of ${policy.maxAttempts}, turn ${turn}).`,
          call_id: callId,
        },
      });
      await sleep(delay, options.signal);
    }
  }
}

async function reportBlock(options: LoopOptions, block: ContentBlock): Promise<void> {
  if (block.type === 'text') options.emit({ type: 'text', data: { text: block.text } });
  else if (block.type === 'thinking') options.emit({ type: 'thinking', data: { thinking: block.thinking } });
  else if (block.type === 'tool_use') {
    options.emit({ type: 'tool_use', data: toolUseData(block) });
  }
  await options.onBlock?.(block);
}

/** Each tool's JSON Schema, computed once per definition (it costs ~0.1 ms of CPU per tool per call). */
const schemaCache = new WeakMap<ToolDefinition, Tool['input_schema']>();

function inputSchema(tool: ToolDefinition): Tool['input_schema'] {
  let schema = schemaCache.get(tool);
  if (!schema) {
    const { $schema: _ignored, ...rest } =
      tool.inputJsonSchema ?? (z.toJSONSchema(tool.input) as Record<string, unknown>);
    schema = { type: 'object', ...rest };
    schemaCache.set(tool, schema);
  }
  return schema;
}

/** The tool definitions for the API, with the cache breakpoint on the last tool. */
function toolParams(tools: ToolDefinition[]): Tool[] {
  return tools.map((tool, index) => ({
    name: tool.name,
    description: tool.description,
    input_schema: inputSchema(tool),
    ...(index === tools.length - 1 ? { cache_control: { type: 'ephemeral' as const } } : {}),
  }));
}

function toParam(block: ContentBlock): ContentBlockParam {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    default:
      return block as ContentBlockParam;
  }
}

function textOf(blocks: ContentBlock[]): string {
  return blocks
    .filter((block) => block.type === 'text')
    .map((block) => block.text)
    .join('\n')
    .trim();
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
