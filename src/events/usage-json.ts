/** Token and cost totals in the API's snake_case, the same in REST responses and events. */
import type { Usage } from '../db/usage.ts';

export function usageJson(usage: Omit<Usage, 'modelCalls'>) {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_write_tokens: usage.cacheWriteTokens,
    cache_read_tokens: usage.cacheReadTokens,
    cost_usd: usage.costUsd,
  };
}

export function usageWithCallsJson(usage: Usage) {
  return { ...usageJson(usage), model_calls: usage.modelCalls };
}
