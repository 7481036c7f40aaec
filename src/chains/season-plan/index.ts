/**
 * The season-plan chain: parameters (from a sentence or given directly) → context assembly over the
 * bundled retail data → demand forecast → inventory plan → pricing (markdown schedule). Every agent is
 * deterministic and small; each reads the contexts from the assembly's result by name.
 */

import type { ChainAgent } from '../runner.ts';
import { assembleContexts, type SeasonContexts } from './context.ts';
import salesCsv from './data/historical-sales.csv';
import storesCsv from './data/stores.csv';
import { type DemandForecast, forecastDemand } from './demand.ts';
import { type InventoryPlan, planInventory } from './inventory.ts';
import { validateSeasonParameters } from './parameters.ts';
import { planPricing } from './pricing.ts';
import { retailData } from './retail-data.ts';

export { type ExtractedParameters, extractSeasonParameters } from './extract.ts';
export {
  ChainInputError,
  type SeasonParameters,
  SeasonParametersSchema,
  validateSeasonParameters,
} from './parameters.ts';

export const SEASON_PLAN_AGENTS = ['context', 'demand', 'inventory', 'pricing'] as const;

/** Pure computation over a few thousand rows: seconds would mean something is wrong. */
const AGENT_TIMEOUT_MS = 10_000;

/** The chain's agents in order. `env` is unused today: the data is bundled and no agent calls a model. */
export function seasonPlanChain(_env: unknown): ChainAgent[] {
  return [
    {
      name: 'context',
      kind: 'deterministic',
      timeoutMs: AGENT_TIMEOUT_MS,
      run: async (input, { signal }) => {
        signal.throwIfAborted();
        return assembleSeasonContexts(input);
      },
    },
    {
      name: 'demand',
      kind: 'deterministic',
      timeoutMs: AGENT_TIMEOUT_MS,
      run: async (_input, { signal, results }) => {
        signal.throwIfAborted();
        return forecastDemand(contextsFrom(results).demand);
      },
    },
    {
      name: 'inventory',
      kind: 'deterministic',
      timeoutMs: AGENT_TIMEOUT_MS,
      run: async (_input, { signal, results }) => {
        signal.throwIfAborted();
        return planInventory(contextsFrom(results).inventory, results.demand as DemandForecast);
      },
    },
    {
      name: 'pricing',
      kind: 'deterministic',
      timeoutMs: AGENT_TIMEOUT_MS,
      run: async (_input, { signal, results }) => {
        signal.throwIfAborted();
        return planPricing(
          contextsFrom(results).pricing,
          results.demand as DemandForecast,
          results.inventory as InventoryPlan,
        );
      },
    },
  ];
}

/** The three contexts for validated parameters, over the bundled data (parsed once per isolate). */
export function assembleSeasonContexts(parameters: unknown): SeasonContexts {
  return assembleContexts(retailData(storesCsv, salesCsv), validateSeasonParameters(parameters));
}

function contextsFrom(results: Readonly<Record<string, unknown>>): SeasonContexts {
  const contexts = results.context as SeasonContexts | undefined;
  if (!contexts?.demand) throw new Error('The season-plan agents need the context agent to run first.');
  return contexts;
}
