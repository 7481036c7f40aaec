/**
 * season-plan-context: how long the season-plan chain's context assembly takes cold (the bundled CSVs
 * parsed and validated, then the three contexts built) against cached (the parsed data remembered per
 * isolate, only the contexts built), on the bundled data (16 stores, 6,656 weekly sales rows).
 * Targets: cold < 2 s, cached < 100 ms. The ratio says what the per-isolate memo saves.
 *
 * Runs in Node, in this process: the assembly is pure TypeScript over text, so workerd would add a
 * request round trip without changing the computation. Cold and cached alternate in every round, so
 * drift touches them alike; the median is reported.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { assembleContexts } from '../src/chains/season-plan/context.ts';
import type { SeasonParameters } from '../src/chains/season-plan/parameters.ts';
import { forgetRetailData, retailData } from '../src/chains/season-plan/retail-data.ts';
import { formatRatio, formatTable } from './lib/format.ts';
import { writeResult } from './lib/results.ts';
import type { Scenario } from './lib/scenario.ts';
import { codeState } from './lib/stack.ts';
import { median } from './lib/timing.ts';

const ROUNDS = 15;
const WARM_UP_ROUNDS = 2;
const COLD_TARGET_MS = 2_000;
const CACHED_TARGET_MS = 100;

const PARAMETERS: SeasonParameters = {
  forecast_horizon_weeks: 12,
  season_start_date: '2026-03-02',
  season_end_date: '2026-05-24',
  replenishment_strategy: 'weekly',
  dc_holdback_percentage: 0.25,
};

function readData(name: string): string {
  return readFileSync(new URL(`../src/chains/season-plan/data/${name}`, import.meta.url), 'utf8');
}

function assembleMs(storesCsv: string, salesCsv: string, cold: boolean): number {
  if (cold) forgetRetailData();
  const start = performance.now();
  const contexts = assembleContexts(retailData(storesCsv, salesCsv), PARAMETERS);
  const ms = performance.now() - start;
  if (contexts.demand.categories.length === 0) throw new Error('no categories assembled');
  return ms;
}

export const seasonPlanContext: Scenario = {
  name: 'season-plan-context',
  summary: 'season-plan context assembly, cold (CSV parse + validation) vs cached (per-isolate memo) (Node)',
  async run() {
    const storesCsv = readData('stores.csv');
    const salesCsv = readData('historical-sales.csv');
    // The very first assembly in a fresh process: what an isolate's first chain run pays.
    const firstMs = assembleMs(storesCsv, salesCsv, true);
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      assembleMs(storesCsv, salesCsv, true);
      assembleMs(storesCsv, salesCsv, false);
    }
    const runs = { cold: [] as number[], cached: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.cold.push(assembleMs(storesCsv, salesCsv, true));
      runs.cached.push(assembleMs(storesCsv, salesCsv, false));
    }
    const coldMs = median(runs.cold);
    const cachedMs = median(runs.cached);

    console.log(`Code: ${codeState()}`);
    console.log(`Runtime: Node ${process.version} (in this process, not workerd)`);
    console.log(
      `${(salesCsv.length / 1024).toFixed(0)} KiB of sales CSV; ${ROUNDS} rounds after ${WARM_UP_ROUNDS} warm-up; ` +
        `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores\n`,
    );
    console.log(
      formatTable(
        ['assembly', 'median ms', 'fastest ms', 'target ms'],
        [
          [
            'first in the process (cold, unwarmed)',
            firstMs.toFixed(2),
            firstMs.toFixed(2),
            String(COLD_TARGET_MS),
          ],
          [
            'cold: parse + validate + build',
            coldMs.toFixed(2),
            Math.min(...runs.cold).toFixed(2),
            String(COLD_TARGET_MS),
          ],
          [
            'cached: both memos, contexts copied',
            cachedMs.toFixed(2),
            Math.min(...runs.cached).toFixed(2),
            String(CACHED_TARGET_MS),
          ],
        ],
        ['left', 'right', 'right', 'right'],
      ),
    );
    console.log(`\nRatio cold / cached (medians): ${formatRatio(coldMs / cachedMs)}`);
    const met = firstMs < COLD_TARGET_MS && coldMs < COLD_TARGET_MS && cachedMs < CACHED_TARGET_MS;
    console.log(
      `Targets (cold < ${COLD_TARGET_MS} ms, cached < ${CACHED_TARGET_MS} ms): ${met ? 'met' : 'MISSED'}`,
    );
    const path = await writeResult('season-plan-context', {
      scenario: 'season-plan-context',
      measuredAt: new Date().toISOString(),
      code: codeState(),
      runtime: `node ${process.version}`,
      rounds: ROUNDS,
      runsMs: runs,
      firstMs,
      medianMs: { cold: coldMs, cached: cachedMs },
      ratio: coldMs / cachedMs,
      targetsMet: met,
    });
    console.log(`\nResult written to ${path}`);
  },
};
