/**
 * The inventory plan: the buy is the forecast plus safety stock; the DC holds back its share for
 * replenishment and the rest goes to the stores at the start, split by each store's share of last
 * year's sales and capped at the store's capacity (what does not fit stays at the DC too).
 */
import type { InventoryContext } from './context.ts';
import type { DemandForecast } from './demand.ts';

export interface StoreAllocation {
  store_id: string;
  region: string;
  units: number;
  /** True when the store's capacity cut its share. */
  at_capacity: boolean;
}

export interface InventoryPlan {
  total_buy_units: number;
  safety_stock_units: number;
  dc_holdback_pct: number;
  /** Held at the DC: the holdback plus what did not fit in the stores. */
  dc_units: number;
  initial_allocation_units: number;
  replenishment: { strategy: string; drops: number; units_per_drop: number };
  categories: Array<{ category: string; buy_units: number }>;
  stores: StoreAllocation[];
  reasoning: string;
}

const CADENCE_WEEKS = { weekly: 1, 'bi-weekly': 2 } as const;

export function planInventory(context: InventoryContext, demand: DemandForecast): InventoryPlan {
  const { parameters } = context;
  const categories = demand.categories.map((category) => ({
    category: category.category,
    buy_units: Math.ceil(category.total_units * (1 + demand.safety_stock_pct)),
  }));
  const totalBuy = categories.reduce((sum, category) => sum + category.buy_units, 0);
  const holdback = Math.round(totalBuy * parameters.dc_holdback_percentage);
  const toStores = totalBuy - holdback;
  const stores = context.stores.map((store) => {
    const share = Math.round(toStores * store.sales_share);
    const units = Math.min(share, store.capacity_units);
    return { store_id: store.store_id, region: store.region, units, at_capacity: units < share };
  });
  const allocated = stores.reduce((sum, store) => sum + store.units, 0);
  const dcUnits = totalBuy - allocated;
  const strategy = parameters.replenishment_strategy;
  const drops =
    strategy === 'none' ? 0 : Math.floor((parameters.forecast_horizon_weeks - 1) / CADENCE_WEEKS[strategy]);
  const capped = stores.filter((store) => store.at_capacity).length;
  return {
    total_buy_units: totalBuy,
    safety_stock_units: totalBuy - demand.total_units,
    dc_holdback_pct: parameters.dc_holdback_percentage,
    dc_units: dcUnits,
    initial_allocation_units: allocated,
    replenishment: { strategy, drops, units_per_drop: drops > 0 ? Math.floor(dcUnits / drops) : 0 },
    categories,
    stores,
    reasoning:
      `Buy ${totalBuy} units (forecast + ${Math.round(demand.safety_stock_pct * 100)}% safety stock); ` +
      `${Math.round(parameters.dc_holdback_percentage * 100)}% held back at the DC; ` +
      `${allocated} units to ${stores.length} stores by last year's sales share` +
      (capped > 0 ? `, ${capped} at capacity.` : '.'),
  };
}
