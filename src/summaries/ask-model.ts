/**
 * One summarising call to the fast model: non-streaming (nothing watches it), the answer forced
 * through the `record_summaries` tool, and its own short retry for overload and rate limits (the SDK
 * does not retry; see model/client.ts). A failure that outlasts the retry is the caller's to handle.
 */
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import { describeFailure, isRetryable, type RetryPolicy, retryDelayMs } from '../agents/retry.ts';
import type { MessagesClient } from '../model/client.ts';
import { resolveModel } from '../model/models.ts';
import {
  SUMMARY_SYSTEM_PROMPT,
  SUMMARY_TOOL_NAME,
  type SummarySubject,
  summaryPrompt,
  summaryTool,
} from './prompt.ts';

export const SUMMARY_MODEL = resolveModel('fast');

/** About 40 tokens per summary for up to 50 events, with room for the JSON around them. */
const MAX_TOKENS = 4_096;
/** The SDK's default is 10 minutes; a summary is not worth holding a queue consumer that long. */
const REQUEST_TIMEOUT_MS = 60_000;
/** Short: summaries are a nicety, and a queue consumer should not sleep for minutes. */
export const SUMMARY_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 };

export interface SummaryAnswer {
  message: Message;
  durationMs: number;
}

export interface AskOptions {
  /** `metadata.user_id`: the opaque scope of this caller's traffic (`<orchestrator id>:summaries`). */
  callerId: string;
  policy?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

export async function askForSummaries(
  client: MessagesClient,
  events: readonly SummarySubject[],
  options: AskOptions,
): Promise<SummaryAnswer> {
  const policy = options.policy ?? SUMMARY_RETRY_POLICY;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    try {
      const message = await client.messages.create(
        {
          model: SUMMARY_MODEL,
          max_tokens: MAX_TOKENS,
          system: SUMMARY_SYSTEM_PROMPT,
          tools: [summaryTool()],
          tool_choice: { type: 'tool', name: SUMMARY_TOOL_NAME },
          messages: [{ role: 'user', content: summaryPrompt(events) }],
          metadata: { user_id: options.callerId },
        },
        { timeout: REQUEST_TIMEOUT_MS },
      );
      return { message, durationMs: Date.now() - started };
    } catch (error) {
      const failure = describeFailure(error);
      if (!isRetryable(failure) || attempt >= policy.maxAttempts) throw error;
      await sleep(retryDelayMs(attempt, failure, policy));
    }
  }
}
