/**
 * The cost record of a call made outside an agent run (autocomplete, analysts, summaries, chain
 * parameter extraction): one `model_calls` row, priced like any other call and counted in the
 * orchestrator's totals and budget.
 */
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import type { Database } from '../db/client.ts';
import { insertModelCall, type NewModelCall } from '../db/model-calls.ts';
import { OFFLINE_MODEL_ID, priceUsage, type TokenUsage, tokenUsageOf } from './models.ts';

export interface RecordedCall {
  model: string;
  usage: TokenUsage;
  costUsd: number;
}

export async function recordStandaloneCall(
  db: Database,
  call: {
    orchestratorId: string;
    purpose: NewModelCall['purpose'];
    message: Message;
    durationMs: number;
    /** The offline model answers whatever was asked for: recorded under its own id, free. */
    offline?: boolean;
  },
): Promise<RecordedCall> {
  const { message } = call;
  const model = call.offline ? OFFLINE_MODEL_ID : message.model;
  const usage = tokenUsageOf(message.usage);
  const costUsd = priceUsage(model, usage);
  await insertModelCall(db, {
    orchestratorId: call.orchestratorId,
    agentId: null,
    purpose: call.purpose,
    model,
    ...usage,
    costUsd,
    stopReason: message.stop_reason,
    durationMs: call.durationMs,
  });
  return { model, usage, costUsd };
}
