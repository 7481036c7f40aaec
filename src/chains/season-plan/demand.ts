/**
 * The demand forecast, deterministic: per category, the level of the last year of history, the trend
 * (last year over the year before), and a seasonal index per week of the year (that week's average
 * over the history years, relative to the yearly average), projected over the season's weeks. The
 * safety stock follows the replenishment strategy: without replenishment the one buy must cover more.
 */
import { type DemandContext, WEEKS_PER_YEAR } from './context.ts';
import type { ReplenishmentStrategy } from './parameters.ts';

export const SAFETY_STOCK: Record<ReplenishmentStrategy, number> = {
  none: 0.25,
  'bi-weekly': 0.2,
  weekly: 0.15,
};

export interface CategoryForecast {
  category: string;
  total_units: number;
  /** Season week (1-based) with the most demand. */
  peak_week: number;
  /** Last year over the year before. */
  trend: number;
  weekly_units: number[];
}

export interface DemandForecast {
  forecast_horizon_weeks: number;
  total_units: number;
  safety_stock_pct: number;
  /** All categories, per season week. */
  weekly_units: number[];
  categories: CategoryForecast[];
  reasoning: string;
}

export function forecastDemand(context: DemandContext): DemandForecast {
  const { parameters } = context;
  const categories = context.categories.map((history) =>
    forecastCategory(history.category, history.weekly_units, context),
  );
  const weeklyUnits = context.season_weeks_of_year.map((_, week) =>
    categories.reduce((sum, category) => sum + (category.weekly_units[week] ?? 0), 0),
  );
  const safety = SAFETY_STOCK[parameters.replenishment_strategy];
  const total = weeklyUnits.reduce((sum, units) => sum + units, 0);
  return {
    forecast_horizon_weeks: parameters.forecast_horizon_weeks,
    total_units: total,
    safety_stock_pct: safety,
    weekly_units: weeklyUnits,
    categories,
    reasoning:
      `${parameters.forecast_horizon_weeks} weeks from ${parameters.season_start_date}: seasonal index × last year's ` +
      `level × trend per category; ${parameters.replenishment_strategy} replenishment → ${Math.round(safety * 100)}% safety stock.`,
  };
}

function forecastCategory(category: string, weekly: number[], context: DemandContext): CategoryForecast {
  const years = Math.max(1, Math.floor(weekly.length / WEEKS_PER_YEAR));
  const lastYear = weekly.slice(-WEEKS_PER_YEAR);
  const yearBefore = weekly.slice(-2 * WEEKS_PER_YEAR, -WEEKS_PER_YEAR);
  const lastTotal = sum(lastYear);
  const trend = yearBefore.length === WEEKS_PER_YEAR && sum(yearBefore) > 0 ? lastTotal / sum(yearBefore) : 1;
  const yearlyMean = sum(weekly.slice(0, years * WEEKS_PER_YEAR)) / (years * WEEKS_PER_YEAR) || 1;
  const seasonalIndex = Array.from({ length: WEEKS_PER_YEAR }, (_, weekOfYear) => {
    let total = 0;
    for (let year = 0; year < years; year++) total += weekly[year * WEEKS_PER_YEAR + weekOfYear] ?? 0;
    return total / years / yearlyMean;
  });
  const level = lastTotal / WEEKS_PER_YEAR;
  const weeklyUnits = context.season_weeks_of_year.map((weekOfYear) =>
    Math.round(level * trend * (seasonalIndex[weekOfYear] ?? 1)),
  );
  const peak = weeklyUnits.reduce((best, units, week) => (units > (weeklyUnits[best] ?? 0) ? week : best), 0);
  return {
    category,
    total_units: sum(weeklyUnits),
    peak_week: peak + 1,
    trend: Math.round(trend * 1000) / 1000,
    weekly_units: weeklyUnits,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
