/**
 * Budgets and cost records around every model call of a run. Budgets are checked before each call
 * against what is already stored; each call is priced and stored once it returns.
 */
import { BudgetExceededError, type ModelCallRecord } from '../agents/loop.ts';
import type { Database } from '../db/client.ts';
import { insertModelCall, spentUsd } from '../db/model-calls.ts';
import type { EventInput } from '../events/types.ts';
import { OFFLINE_MODEL_ID, priceUsage } from '../model/models.ts';
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
  // Cost rows are written in order, off the model call's critical path; the next budget check and
  // the end of the run wait for them, so no spending is missed.
  let writes: Promise<void> = Promise.resolve();
  return {
    /** Resolves when every recorded call is stored. */
    drain: (): Promise<void> => writes,

    async beforeCall(): Promise<void> {
      await writes;
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
      // The offline model answers whatever model was asked for: recorded under its own id, it is
      // neither labelled as that model nor priced as it (its made-up token counts would invent spending).
      const model = options.provider.provider === 'offline' ? OFFLINE_MODEL_ID : call.model;
      const costUsd = priceUsage(model, call.usage);
      const row = {
        orchestratorId: options.orchestratorId,
        agentId: options.agentId,
        adwId: options.adwId ?? null,
        purpose: options.purpose,
        model,
        inputTokens: call.usage.inputTokens,
        outputTokens: call.usage.outputTokens,
        cacheWriteTokens: call.usage.cacheWriteTokens,
        cacheReadTokens: call.usage.cacheReadTokens,
        costUsd,
        stopReason: call.stopReason,
        durationMs: call.durationMs,
      };
      writes = writes.then(() => storeCall(options, row));
      options.emit({
        type: 'model_call',
        data: {
          model,
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

/** Stores one cost row, retrying once: a lost row would be spending nobody sees. */
async function storeCall(
  options: RunAccountingOptions,
  row: Parameters<typeof insertModelCall>[1],
): Promise<void> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await insertModelCall(options.db(), row);
      return;
    } catch (error) {
      if (attempt === 2) {
        console.error(`orchestrator ${options.orchestratorId}: could not store a model call`, error);
        options.emit({
          type: 'system_log',
          data: {
            level: 'error',
            message: `A model call's cost could not be stored: ${String(error)}`,
            model: row.model,
          },
        });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
