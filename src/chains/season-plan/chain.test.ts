import { describe, expect, it } from 'vitest';
import type { DemandForecast } from './demand.ts';
import { SEASON_PLAN_AGENTS, type SeasonParameters, seasonPlanChain } from './index.ts';
import type { InventoryPlan } from './inventory.ts';
import type { PricingPlan } from './pricing.ts';

const BASE: SeasonParameters = {
  forecast_horizon_weeks: 12,
  season_start_date: '2026-03-02',
  season_end_date: '2026-05-24',
  replenishment_strategy: 'weekly',
  dc_holdback_percentage: 0.25,
};

interface ChainOutput {
  demand: DemandForecast;
  inventory: InventoryPlan;
  pricing: PricingPlan;
}

/** Runs the agents in order the way the chain runner does: each gets the previous output and all results. */
async function runChain(
  parameters: SeasonParameters,
  signal = new AbortController().signal,
): Promise<ChainOutput> {
  const results: Record<string, unknown> = {};
  let input: unknown = parameters;
  for (const agent of seasonPlanChain({})) {
    input = await agent.run(input, { signal, results, runId: 'test-run' });
    results[agent.name] = input;
  }
  return results as unknown as ChainOutput;
}

describe('the season-plan chain', () => {
  it('runs context → demand → inventory → pricing into small, consistent JSON', async () => {
    expect(seasonPlanChain({}).map((agent) => agent.name)).toEqual([...SEASON_PLAN_AGENTS]);
    const { demand, inventory, pricing } = await runChain(BASE);
    expect(demand.weekly_units).toHaveLength(12);
    expect(demand.categories.map((category) => category.category)).toEqual([
      'accessories',
      'dresses',
      'knitwear',
      'outerwear',
    ]);
    expect(demand.total_units).toBe(demand.categories.reduce((sum, c) => sum + c.total_units, 0));
    expect(inventory.total_buy_units).toBe(inventory.dc_units + inventory.initial_allocation_units);
    expect(inventory.stores).toHaveLength(16);
    expect(inventory.dc_units).toBeGreaterThanOrEqual(Math.round(inventory.total_buy_units * 0.25));
    expect(pricing.categories).toHaveLength(4);
    expect(pricing.checkpoint_week).toBe(6);
    expect(JSON.stringify({ demand, inventory, pricing }).length).toBeLessThan(10_000);
  });

  it('is deterministic', async () => {
    expect(await runChain(BASE)).toEqual(await runChain(BASE));
  });

  it('more weeks: more demand and a bigger buy', async () => {
    const short = await runChain(BASE);
    const long = await runChain({ ...BASE, forecast_horizon_weeks: 24, season_end_date: '2026-08-16' });
    expect(long.demand.weekly_units).toHaveLength(24);
    expect(long.demand.total_units).toBeGreaterThan(short.demand.total_units);
    expect(long.inventory.total_buy_units).toBeGreaterThan(short.inventory.total_buy_units);
  });

  it('more holdback: more at the DC, less to the stores, same buy', async () => {
    const low = await runChain({ ...BASE, dc_holdback_percentage: 0.1 });
    const high = await runChain({ ...BASE, dc_holdback_percentage: 0.4 });
    expect(high.inventory.total_buy_units).toBe(low.inventory.total_buy_units);
    expect(high.inventory.dc_units).toBeGreaterThan(low.inventory.dc_units);
    expect(high.inventory.initial_allocation_units).toBeLessThan(low.inventory.initial_allocation_units);
    const s01 = (plan: ChainOutput) =>
      plan.inventory.stores.find((store) => store.store_id === 'S01')?.units ?? 0;
    expect(s01(high)).toBeLessThan(s01(low));
  });

  it('no replenishment: more safety stock, a bigger buy, no drops, lower sell-through', async () => {
    const weekly = await runChain(BASE);
    const none = await runChain({ ...BASE, replenishment_strategy: 'none' });
    expect(none.demand.safety_stock_pct).toBeGreaterThan(weekly.demand.safety_stock_pct);
    expect(none.inventory.total_buy_units).toBeGreaterThan(weekly.inventory.total_buy_units);
    expect(none.inventory.replenishment.drops).toBe(0);
    expect(weekly.inventory.replenishment.drops).toBe(11);
    const sellThrough = (plan: ChainOutput) =>
      plan.pricing.categories.map((c) => c.sell_through_at_checkpoint);
    sellThrough(none).forEach((value, index) => {
      expect(value).toBeLessThan(sellThrough(weekly)[index] ?? 0);
    });
  });

  it('a higher sell-through target marks down more', async () => {
    const lenient = await runChain({ ...BASE, markdown_threshold: 0.3 });
    const strict = await runChain({ ...BASE, markdown_threshold: 0.9, markdown_checkpoint_week: 4 });
    expect(lenient.pricing.schedule).toEqual([]);
    expect(strict.pricing.schedule.length).toBe(4);
    for (const entry of strict.pricing.schedule) {
      expect(entry.week).toBe(4);
      expect(entry.markdown_pct).toBeGreaterThanOrEqual(0.1);
      expect(entry.markdown_pct).toBeLessThanOrEqual(0.5);
    }
  });

  it('a long season fills the big stores to capacity and keeps the rest at the DC', async () => {
    const plan = await runChain({ ...BASE, forecast_horizon_weeks: 52, season_end_date: '2027-02-28' });
    const capped = plan.inventory.stores.filter((store) => store.at_capacity);
    expect(capped.length).toBeGreaterThan(0);
    expect(plan.inventory.dc_units).toBeGreaterThan(Math.round(plan.inventory.total_buy_units * 0.25));
  });

  it('the context agent refuses invalid parameters and an aborted run stops', async () => {
    const [context] = seasonPlanChain({});
    const options = { signal: new AbortController().signal, results: {}, runId: 'r' };
    await expect(context?.run({ ...BASE, forecast_horizon_weeks: 80 }, options)).rejects.toThrow(
      /between 4 and 52/,
    );
    const aborted = new AbortController();
    aborted.abort();
    await expect(runChain(BASE, aborted.signal)).rejects.toThrow();
  });
});
