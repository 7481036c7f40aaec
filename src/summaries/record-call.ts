/**
 * The cost record of a summarising call: one `model_calls` row with purpose `summary`, priced like
 * any other call and counted in the orchestrator's totals and budget (the original left these
 * calls untracked, so the totals understated what was spent).
 */
import type { Database } from '../db/client.ts';
import { insertModelCall } from '../db/model-calls.ts';
import { priceUsage, type TokenUsage } from '../model/models.ts';
import type { SummaryAnswer } from './ask-model.ts';

/** Stores the call and returns the data of its `model_call` event. */
export async function recordSummaryCall(
  db: Database,
  orchestratorId: string,
  answer: SummaryAnswer,
): Promise<Record<string, unknown>> {
  const { message, durationMs } = answer;
  const usage: TokenUsage = {
    inputTokens: message.usage.input_tokens,
    outputTokens: message.usage.output_tokens,
    cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
    cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
  };
  const costUsd = priceUsage(message.model, usage);
  await insertModelCall(db, {
    orchestratorId,
    agentId: null,
    purpose: 'summary',
    model: message.model,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    cacheReadTokens: usage.cacheReadTokens,
    costUsd,
    stopReason: message.stop_reason,
    durationMs,
  });
  return {
    model: message.model,
    purpose: 'summary',
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_write_tokens: usage.cacheWriteTokens,
    cache_read_tokens: usage.cacheReadTokens,
    cost_usd: costUsd,
    stop_reason: message.stop_reason,
    duration_ms: durationMs,
  };
}
