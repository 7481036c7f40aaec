/**
 * Budgets and cost records around every model call of a run. Budgets are checked before each call
 * against what is already stored; each call is priced and stored once it returns.
 */
import { BudgetExceededError, type ModelCallRecord } from '../agents/loop.ts';
import type { Database } from '../db/client.ts';
import { insertModelCall, spentUsd } from '../db/model-calls.ts';
import type { EventInput } from '../events/types.ts';
import { priceUsage } from '../model/models.ts';
import type { ModelProvider } from '../model/provider.ts';

export interface RunAccountingOptions {
  db: () => Database;
  orchestratorId: string;
  agentId: string | null;
  adwId?: string | null;
  purpose: 'orchestrator' | 'agent' | 'summary' | 'workflow';
  provider: ModelProvider;
  orchestratorBudgetUsd: number | null;
  agentBudgetUsd: number | null;
  emit: (event: EventInput) => void;
}

export function runAccounting(options: RunAccountingOptions) {
  return {
    async beforeCall(): Promise<void> {
      const limits: Array<[string, number | null, string | undefined]> = [
        ['orchestrator', options.orchestratorBudgetUsd, undefined],
        ['agent', options.agentBudgetUsd, options.agentId ?? undefined],
      ];
      for (const [scope, budget, agentId] of limits) {
        if (budget === null || (scope === 'agent' && !agentId)) continue;
        const spent = await spentUsd(options.db(), options.orchestratorId, agentId);
        if (spent >= budget) {
          const message = `The ${scope} budget of $${budget.toFixed(2)} is spent ($${spent.toFixed(4)}); stopping before the next model call.`;
          options.emit({
            type: 'budget_exceeded',
            data: { scope, budget_usd: budget, spent_usd: spent, message },
          });
          throw new BudgetExceededError(message);
        }
      }
    },

    async recordCall(call: ModelCallRecord): Promise<void> {
      // The offline model is free; pricing its made-up token counts would invent spending.
      const costUsd = options.provider.provider === 'offline' ? 0 : priceUsage(call.model, call.usage);
      await insertModelCall(options.db(), {
        orchestratorId: options.orchestratorId,
        agentId: options.agentId,
        adwId: options.adwId ?? null,
        purpose: options.purpose,
        model: call.model,
        inputTokens: call.usage.inputTokens,
        outputTokens: call.usage.outputTokens,
        cacheWriteTokens: call.usage.cacheWriteTokens,
        cacheReadTokens: call.usage.cacheReadTokens,
        costUsd,
        stopReason: call.stopReason,
        durationMs: call.durationMs,
      });
      options.emit({
        type: 'model_call',
        data: {
          model: call.model,
          purpose: options.purpose,
          input_tokens: call.usage.inputTokens,
          output_tokens: call.usage.outputTokens,
          cache_write_tokens: call.usage.cacheWriteTokens,
          cache_read_tokens: call.usage.cacheReadTokens,
          cost_usd: costUsd,
          stop_reason: call.stopReason,
          duration_ms: call.durationMs,
        },
      });
    },
  };
}
