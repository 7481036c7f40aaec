/**
 * The cost record of a summarising call: one `model_calls` row with purpose `summary`, priced like
 * any other call and counted in the orchestrator's totals and budget (the original left these
 * calls untracked, so the totals understated what was spent).
 */
import type { Database } from '../db/client.ts';
import { recordStandaloneCall } from '../model/record-call.ts';
import type { SummaryAnswer } from './ask-model.ts';

/** Stores the call and returns the data of its `model_call` event. */
export async function recordSummaryCall(
  db: Database,
  orchestratorId: string,
  answer: SummaryAnswer,
): Promise<Record<string, unknown>> {
  const { message, durationMs } = answer;
  const { model, usage, costUsd } = await recordStandaloneCall(db, {
    orchestratorId,
    purpose: 'summary',
    message,
    durationMs,
  });
  return {
    model,
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
