/**
 * backtest-api: the CPU of the biggest backtest POST /api/backtests allows (10 symbols × 10 years of
 * daily bars, ma_crossover 20/50 with costs) inside workerd, the runtime the API runs in. A bench-only
 * Worker (bench/lib/backtest-worker.ts, started with wrangler's `unstable_startWorker`) does the
 * request's whole computation (validation, bars, engine, the stored JSON serialised) per request,
 * because workerd's clocks do not advance during pure computation: the time is taken here, around the
 * request. The database insert is not included (I/O, not CPU time).
 *
 * Three requests alternate in every round, so drift touches them alike: the backtest, the baseline
 * (the same validation and bar loading, then only reading the bars) and a bare round trip. Figures
 * are each less the bare round trip. Target: well inside the Workers CPU budget (30 s by default;
 * the free plan's 10 ms is out of reach for any 25,000-bar backtest), so the figure to watch is ms.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { unstable_startWorker } from 'wrangler';
import type { BacktestWorkResult } from './lib/backtest-worker.ts';
import { deferCleanup } from './lib/cleanup.ts';
import { formatCount, formatRatio, formatTable } from './lib/format.ts';
import { writeResult } from './lib/results.ts';
import type { Scenario } from './lib/scenario.ts';
import { codeState } from './lib/stack.ts';
import { median } from './lib/timing.ts';

const WARM_UP_ROUNDS = 3;
const ROUNDS = 21;
/** wrangler.toml's, so the bench Worker runs with the same runtime behaviour as the API. */
const COMPATIBILITY_DATE = '2026-08-01';
const root = fileURLToPath(new URL('../', import.meta.url));

const kinds = ['backtest', 'read', 'none'] as const;
type Kind = (typeof kinds)[number];

const labels: Record<Kind, string> = {
  backtest: 'backtest: validate, bars, engine, JSON',
  read: 'baseline: validate, bars, read them',
  none: 'bare round trip',
};

export const backtestApi: Scenario = {
  name: 'backtest-api',
  summary: 'the biggest POST /api/backtests (10 symbols × 10 years) computed inside workerd, bars/s',
  async run() {
    const folder = `${root}.wrangler/bench-backtest-${process.pid}`;
    await mkdir(folder, { recursive: true });
    const removeFolder = deferCleanup('backtest-api bench config', () =>
      rm(folder, { recursive: true, force: true }),
    );
    const config = `${folder}/wrangler.json`;
    await writeFile(
      config,
      JSON.stringify({
        name: 'backtest-api-bench',
        main: `${root}bench/lib/backtest-worker.ts`,
        compatibility_date: COMPATIBILITY_DATE,
      }),
    );
    const worker = await unstable_startWorker({
      config,
      dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, logLevel: 'error' },
    });
    const stopWorker = deferCleanup('backtest-api bench Worker', () => worker.dispose());
    try {
      await worker.ready;
      const base = await worker.url;
      const request = async (kind: Kind): Promise<{ ms: number; result: BacktestWorkResult | null }> => {
        const start = performance.now();
        const response = await fetch(new URL(`/?work=${kind}`, base));
        const text = await response.text();
        const ms = performance.now() - start;
        if (!response.ok) throw new Error(`${kind}: ${response.status} ${text.slice(0, 300)}`);
        return { ms, result: JSON.parse(text) as BacktestWorkResult | null };
      };
      for (let round = 0; round < WARM_UP_ROUNDS; round++) for (const kind of kinds) await request(kind);
      const runs: Record<Kind, number[]> = { backtest: [], read: [], none: [] };
      let check: BacktestWorkResult | null = null;
      for (let round = 0; round < ROUNDS; round++)
        for (const kind of kinds) {
          const { ms, result } = await request(kind);
          runs[kind].push(ms);
          if (kind === 'backtest') check = result;
        }
      if (!check) throw new Error('the backtest request returned nothing');
      const path = await writeResult('backtest-api', report(runs, check));
      console.log(`\nResult written to ${path}`);
    } finally {
      await stopWorker();
      await removeFolder();
    }
  },
};

function report(runs: Record<Kind, number[]>, check: BacktestWorkResult): Record<string, unknown> {
  const net = (pick: (values: number[]) => number) => ({
    backtest: pick(runs.backtest) - pick(runs.none),
    read: pick(runs.read) - pick(runs.none),
  });
  const medians = net(median);
  const fastest = net((values) => Math.min(...values));
  const barsPerSecond = (ms: number) => check.bars / (ms / 1000);
  console.log(`Code: ${codeState()}`);
  console.log(
    `${formatCount(check.bars)} bars (10 symbols × 10 years), ${check.trades} trades, ` +
      `${formatCount(check.check)} bytes of JSON; ${ROUNDS} rounds after ${WARM_UP_ROUNDS} warm-up, ` +
      `each request timed from Node; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores\n`,
  );
  console.log(
    formatTable(
      ['request', 'median ms', 'less round trip', 'fastest ms', 'bars/s (median, net)'],
      kinds.map((kind) => [
        labels[kind],
        median(runs[kind]).toFixed(2),
        kind === 'none' ? '' : medians[kind].toFixed(2),
        Math.min(...runs[kind]).toFixed(2),
        kind === 'none' ? '' : formatCount(barsPerSecond(medians[kind])),
      ]),
      ['left', 'right', 'right', 'right', 'right'],
    ),
  );
  const ratio = medians.backtest / medians.read;
  console.log(
    `\nRatio backtest / read-only baseline (each less the round trip, medians): ${formatRatio(ratio)}`,
  );
  return {
    scenario: 'backtest-api',
    measuredAt: new Date().toISOString(),
    code: codeState(),
    rounds: ROUNDS,
    runsMs: runs,
    netMediansMs: medians,
    netFastestMs: fastest,
    barsPerSecond: { backtest: barsPerSecond(medians.backtest), read: barsPerSecond(medians.read) },
    ratio,
    check,
  };
}
