/**
 * backtest: throughput of the quant backtest engine (src/quant/backtest/) on 50 symbols × 10 years of
 * synthetic daily bars (src/quant/sample-bars.ts, 2015–2024, ~2,517 bars each) with ma_crossover
 * 20/50 and costs, against a baseline loop over the same bars that only reads them (sums every field),
 * so the ratio says what the engine costs per bar beyond touching the data.
 *
 * Runs in Node, in this process: the engine is pure TypeScript with no runtime bindings, so running it
 * inside workerd would add a request round trip per run without changing the computation (V8 in both).
 * The two workloads alternate in every round, so drift touches them alike; the median is reported.
 * No target: this is a figure to watch, not a gate.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runBacktest } from '../src/quant/backtest/run.ts';
import type { BarsBySymbol } from '../src/quant/backtest/types.ts';
import { generateSyntheticBars, SAMPLE_SPECS, type SyntheticSpec } from '../src/quant/sample-bars.ts';
import { formatCount, formatRatio, formatTable } from './lib/format.ts';
import { writeResult } from './lib/results.ts';
import type { Scenario } from './lib/scenario.ts';
import { codeState } from './lib/stack.ts';
import { median } from './lib/timing.ts';

const SYMBOLS = 50;
const WARM_UP_ROUNDS = 2;
const ROUNDS = 9;

/** 50 symbols cycling through the sample's five profiles, each with its own noise (its own name). */
function specs(): SyntheticSpec[] {
  return Array.from({ length: SYMBOLS }, (_, index) => {
    const profile = SAMPLE_SPECS[index % SAMPLE_SPECS.length] as SyntheticSpec;
    return { ...profile, symbol: `SYN${String(index).padStart(2, '0')}` };
  });
}

function backtestOnce(bars: BarsBySymbol): number {
  const result = runBacktest({
    bars,
    strategy: { type: 'ma_crossover', fast: 20, slow: 50 },
    fee_bps: 1,
    slippage_bps: 2,
  });
  return result.num_trades;
}

/** The baseline: read every field of every bar once. */
function readOnce(bars: BarsBySymbol): number {
  let sum = 0;
  for (const series of Object.values(bars))
    for (const bar of series) sum += bar.open + bar.high + bar.low + bar.close + bar.volume + bar.date.length;
  return sum;
}

function timed(work: () => number): { ms: number; check: number } {
  const start = performance.now();
  const check = work();
  return { ms: performance.now() - start, check };
}

export const backtestThroughput: Scenario = {
  name: 'backtest',
  summary:
    'backtest engine bars/s, 50 symbols × 10 years with ma_crossover, vs a loop that only reads the bars (Node)',
  async run() {
    const generationStart = performance.now();
    const bars = generateSyntheticBars({ specs: specs() });
    const generationMs = performance.now() - generationStart;
    const totalBars = Object.values(bars).reduce((sum, series) => sum + series.length, 0);

    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      backtestOnce(bars);
      readOnce(bars);
    }
    const runs = { backtest: [] as number[], baseline: [] as number[] };
    let trades = 0;
    let readCheck = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const backtest = timed(() => backtestOnce(bars));
      const baseline = timed(() => readOnce(bars));
      runs.backtest.push(backtest.ms);
      runs.baseline.push(baseline.ms);
      trades = backtest.check;
      readCheck = baseline.check;
    }
    const backtestMs = median(runs.backtest);
    const baselineMs = median(runs.baseline);
    const barsPerSecond = (ms: number) => totalBars / (ms / 1000);

    console.log(`Code: ${codeState()}`);
    console.log(`Runtime: Node ${process.version} (in this process, not workerd)`);
    console.log(
      `${SYMBOLS} symbols × ${formatCount(totalBars / SYMBOLS)} daily bars = ${formatCount(totalBars)} bars ` +
        `(generated in ${generationMs.toFixed(0)} ms); ${ROUNDS} rounds after ${WARM_UP_ROUNDS} warm-up; ` +
        `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores\n`,
    );
    const rows = [
      ['ma_crossover 20/50, 1 bp fee, 2 bp slippage', runs.backtest],
      ['baseline: read every bar once', runs.baseline],
    ] as const;
    console.log(
      formatTable(
        ['workload', 'median ms', 'fastest ms', 'bars/s (median)'],
        rows.map(([label, values]) => [
          label,
          median(values).toFixed(2),
          Math.min(...values).toFixed(2),
          formatCount(barsPerSecond(median(values))),
        ]),
        ['left', 'right', 'right', 'right'],
      ),
    );
    const ratio = backtestMs / baselineMs;
    console.log(`\nRatio backtest / read-only baseline (medians): ${formatRatio(ratio)}`);
    console.log(`Check: ${formatCount(trades)} trades; baseline checksum ${readCheck.toExponential(6)}`);
    const path = await writeResult('backtest', {
      scenario: 'backtest',
      measuredAt: new Date().toISOString(),
      code: codeState(),
      runtime: `node ${process.version}`,
      symbols: SYMBOLS,
      totalBars,
      rounds: ROUNDS,
      runsMs: runs,
      medianMs: { backtest: backtestMs, baseline: baselineMs },
      barsPerSecond: { backtest: barsPerSecond(backtestMs), baseline: barsPerSecond(baselineMs) },
      ratio,
      trades,
    });
    console.log(`\nResult written to ${path}`);
  },
};
