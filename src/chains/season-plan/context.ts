/**
 * Context assembly: from the retail data and the season's parameters, what each agent needs and no
 * more. Demand gets each category's weekly history and where the season's weeks fall in the year;
 * inventory gets the stores with their share of sales and capacity; pricing gets each category's list
 * and realised prices and the markdown rule. All small: totals per week, store or category, not rows.
 * The parameter-free aggregates are computed once per parsed data set (held in a WeakMap).
 */
import { addDays, daysBetween, type SeasonParameters } from './parameters.ts';
import type { RetailData, Store } from './retail-data.ts';

export interface CategoryHistory {
  category: string;
  /** Units sold per week over the history, all stores. */
  weekly_units: number[];
}

export interface DemandContext {
  parameters: SeasonParameters;
  history_start: string;
  history_weeks: number;
  categories: CategoryHistory[];
  /** For each season week (0-based), its week of the year (0–51) on the history's calendar. */
  season_weeks_of_year: number[];
}

export interface StoreProfile {
  store_id: string;
  region: string;
  size_tier: Store['size_tier'];
  capacity_units: number;
  /** Share of all units sold in the last 52 weeks of history, 0–1. */
  sales_share: number;
}

export interface InventoryContext {
  parameters: SeasonParameters;
  stores: StoreProfile[];
}

export interface CategoryPricing {
  category: string;
  /** The highest weekly average price: the full price before markdowns. */
  list_price: number;
  /** Units-weighted average price actually paid over the history. */
  realised_price: number;
}

export interface PricingContext {
  parameters: SeasonParameters;
  categories: CategoryPricing[];
}

export interface SeasonContexts {
  demand: DemandContext;
  inventory: InventoryContext;
  pricing: PricingContext;
}

export const WEEKS_PER_YEAR = 52;

interface HistoryAggregate {
  historyStart: string;
  historyWeeks: number;
  categories: string[];
  byCategory: Map<string, { units: number[]; revenue: number; sold: number; list: number }>;
  recentUnitsByStore: Map<string, number>;
  recentTotal: number;
}

/** The parameter-free part of every assembly, computed once per parsed data set. */
const aggregates = new WeakMap<RetailData, HistoryAggregate>();

export function assembleContexts(data: RetailData, parameters: SeasonParameters): SeasonContexts {
  let history = aggregates.get(data);
  if (!history) {
    history = aggregateHistory(data);
    aggregates.set(data, history);
  }
  const { historyStart, historyWeeks, categories, byCategory, recentUnitsByStore, recentTotal } = history;
  const seasonWeeks = Array.from({ length: parameters.forecast_horizon_weeks }, (_, week) =>
    mod(weekIndex(historyStart, addDays(parameters.season_start_date, week * 7)), WEEKS_PER_YEAR),
  );
  return {
    demand: {
      parameters,
      history_start: historyStart,
      history_weeks: historyWeeks,
      categories: categories.map((category) => ({
        category,
        weekly_units: [...(byCategory.get(category)?.units ?? [])],
      })),
      season_weeks_of_year: seasonWeeks,
    },
    inventory: {
      parameters,
      stores: data.stores.map((store) => ({
        store_id: store.store_id,
        region: store.region,
        size_tier: store.size_tier,
        capacity_units: store.capacity_units,
        sales_share: round4((recentUnitsByStore.get(store.store_id) ?? 0) / recentTotal),
      })),
    },
    pricing: {
      parameters,
      categories: categories.map((category) => {
        const entry = byCategory.get(category);
        return {
          category,
          list_price: round2(entry?.list ?? 0),
          realised_price: round2(entry && entry.sold > 0 ? entry.revenue / entry.sold : 0),
        };
      }),
    },
  };
}

function aggregateHistory(data: RetailData): HistoryAggregate {
  const historyStart = data.sales.reduce(
    (first, row) => (row.week_start < first ? row.week_start : first),
    data.sales[0]?.week_start ?? '',
  );
  const weeks = data.sales.map((row) => weekIndex(historyStart, row.week_start));
  const historyWeeks = weeks.reduce((last, week) => Math.max(last, week), 0) + 1;
  const byCategory = new Map<string, { units: number[]; revenue: number; sold: number; list: number }>();
  const recentUnitsByStore = new Map<string, number>();
  data.sales.forEach((row, index) => {
    const week = weeks[index] ?? 0;
    let entry = byCategory.get(row.category);
    if (!entry) {
      entry = { units: new Array<number>(historyWeeks).fill(0), revenue: 0, sold: 0, list: 0 };
      byCategory.set(row.category, entry);
    }
    entry.units[week] = (entry.units[week] ?? 0) + row.units_sold;
    entry.revenue += row.units_sold * row.avg_price;
    entry.sold += row.units_sold;
    entry.list = Math.max(entry.list, row.avg_price);
    if (week >= historyWeeks - WEEKS_PER_YEAR) {
      recentUnitsByStore.set(row.store_id, (recentUnitsByStore.get(row.store_id) ?? 0) + row.units_sold);
    }
  });
  const recentTotal = [...recentUnitsByStore.values()].reduce((sum, units) => sum + units, 0) || 1;
  return {
    historyStart,
    historyWeeks,
    categories: [...byCategory.keys()].sort(),
    byCategory,
    recentUnitsByStore,
    recentTotal,
  };
}

/** Whole weeks from the history's first week to `day` (negative before it). */
function weekIndex(historyStart: string, day: string): number {
  return Math.floor(daysBetween(historyStart, day) / 7);
}

function mod(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
