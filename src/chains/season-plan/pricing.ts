/**
 * The markdown schedule: at the checkpoint week, each category's expected sell-through (forecast
 * units sold so far over units bought) is compared with the target; a category behind target is
 * marked down by the gap (rounded to 5%, between 10% and 50%), and demand after a markdown is lifted
 * by twice its depth (a simple elasticity). Expected revenue follows from the list price.
 */
import type { PricingContext } from './context.ts';
import type { DemandForecast } from './demand.ts';
import type { InventoryPlan } from './inventory.ts';

export const DEFAULT_MARKDOWN_THRESHOLD = 0.6;
const MIN_MARKDOWN = 0.1;
const MAX_MARKDOWN = 0.5;
const ELASTICITY = 2;

export interface CategoryPricingPlan {
  category: string;
  list_price: number;
  sell_through_at_checkpoint: number;
  markdown_pct: number;
  expected_sell_through: number;
  expected_revenue: number;
}

export interface PricingPlan {
  checkpoint_week: number;
  target_sell_through: number;
  schedule: Array<{ week: number; category: string; markdown_pct: number }>;
  categories: CategoryPricingPlan[];
  expected_revenue: number;
  reasoning: string;
}

export function planPricing(
  context: PricingContext,
  demand: DemandForecast,
  inventory: InventoryPlan,
): PricingPlan {
  const { parameters } = context;
  const weeks = parameters.forecast_horizon_weeks;
  const checkpoint = parameters.markdown_checkpoint_week ?? Math.ceil(weeks / 2);
  const target = parameters.markdown_threshold ?? DEFAULT_MARKDOWN_THRESHOLD;
  const categories = context.categories.map((pricing) => {
    const forecast = demand.categories.find((category) => category.category === pricing.category);
    const bought =
      inventory.categories.find((category) => category.category === pricing.category)?.buy_units ?? 0;
    const weekly = forecast?.weekly_units ?? [];
    const before = Math.min(bought, sum(weekly.slice(0, checkpoint)));
    const sellThrough = bought > 0 ? before / bought : 1;
    const gap = target - sellThrough;
    const markdown = gap > 0 ? clamp(Math.round(gap * 20) / 20, MIN_MARKDOWN, MAX_MARKDOWN) : 0;
    const after = Math.min(
      bought - before,
      Math.round(sum(weekly.slice(checkpoint)) * (1 + ELASTICITY * markdown)),
    );
    const revenue = before * pricing.list_price + after * pricing.list_price * (1 - markdown);
    return {
      category: pricing.category,
      list_price: pricing.list_price,
      sell_through_at_checkpoint: round3(sellThrough),
      markdown_pct: markdown,
      expected_sell_through: round3(bought > 0 ? (before + after) / bought : 1),
      expected_revenue: Math.round(revenue),
    };
  });
  const marked = categories.filter((category) => category.markdown_pct > 0);
  return {
    checkpoint_week: checkpoint,
    target_sell_through: target,
    schedule: marked.map((category) => ({
      week: checkpoint,
      category: category.category,
      markdown_pct: category.markdown_pct,
    })),
    categories,
    expected_revenue: categories.reduce((total, category) => total + category.expected_revenue, 0),
    reasoning:
      `At week ${checkpoint} of ${weeks}, categories under ${Math.round(target * 100)}% sell-through are marked down ` +
      `by the gap: ${marked.length > 0 ? marked.map((c) => `${c.category} ${Math.round(c.markdown_pct * 100)}%`).join(', ') : 'none'}.`,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
