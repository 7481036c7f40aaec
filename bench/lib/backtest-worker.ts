/**
 * The Worker the backtest-api benchmark runs in workerd: `?work=backtest` does what POST /api/backtests
 * computes for the biggest request allowed (10 symbols × 10 years, ma_crossover 20/50 with costs):
 * validate, load the bars through a DailyBarSource, run the engine, shape the stored JSON and serialise
 * it. `?work=read` validates and loads the same bars and only reads them (the baseline); `?work=none`
 * returns at once (the bare round trip). The database write is left out: it is I/O, not CPU.
 * The ten symbols' bars are generated once per isolate, before any timed request.
 */
import { loadBacktestBars } from '../../src/backtests/plan.ts';
import { parseBacktestRequest } from '../../src/backtests/request.ts';
import { runRequestedBacktest, toBacktestJson } from '../../src/backtests/response.ts';
import { barsBetween, type DailyBarSource } from '../../src/market-data/daily-bars.ts';
import {
  type DailyBar,
  generateSyntheticBars,
  SAMPLE_SPECS,
  type SyntheticSpec,
} from '../../src/quant/sample-bars.ts';

const BENCH_SYMBOLS = 10;

let bars: Record<string, DailyBar[]> | undefined;

function tenSymbols(): Record<string, DailyBar[]> {
  const specs = Array.from({ length: BENCH_SYMBOLS }, (_, index) => {
    const profile = SAMPLE_SPECS[index % SAMPLE_SPECS.length] as SyntheticSpec;
    return { ...profile, symbol: `SYN${index}` };
  });
  bars ??= generateSyntheticBars({ specs });
  return bars;
}

const source: DailyBarSource = {
  name: 'bench-synthetic',
  async coverage() {
    return Object.entries(tenSymbols()).map(([symbol, series]) => ({
      symbol,
      first_date: series[0]?.date ?? '',
      last_date: series.at(-1)?.date ?? '',
      bars: series.length,
    }));
  },
  async bars(symbol, start, end) {
    const series = tenSymbols()[symbol];
    return series ? barsBetween(series, start, end) : [];
  },
};

const request = () =>
  parseBacktestRequest({
    strategy: 'ma_crossover',
    symbols: Object.keys(tenSymbols()),
    start: '2015-01-02',
    end: '2024-12-31',
    initial_cash: 1_000_000,
    fee_bps: 1,
    slippage_bps: 2,
    params: { fast: 20, slow: 50 },
  });

export interface BacktestWorkResult {
  bars: number;
  trades: number;
  /** Bytes of the JSON a POST would answer (backtest) or the checksum of the bars read (read). */
  check: number;
}

const work: Record<string, () => Promise<BacktestWorkResult | null>> = {
  async backtest() {
    const parsed = request();
    const loaded = await loadBacktestBars(parsed, source);
    const outcome = runRequestedBacktest(parsed, loaded);
    const stored = {
      ...outcome,
      id: 'bench',
      orchestrator_id: null,
      request: parsed,
      created_at: new Date(0),
    };
    const body = JSON.stringify(toBacktestJson(stored));
    const count = Object.values(loaded).reduce((sum, series) => sum + series.length, 0);
    return { bars: count, trades: outcome.num_trades, check: body.length };
  },
  async read() {
    const loaded = await loadBacktestBars(request(), source);
    let sum = 0;
    let count = 0;
    for (const series of Object.values(loaded))
      for (const bar of series) {
        sum += bar.open + bar.high + bar.low + bar.close + bar.volume + bar.date.length;
        count++;
      }
    return { bars: count, trades: 0, check: sum };
  },
  async none() {
    return null;
  },
};

export default {
  async fetch(incoming: Request): Promise<Response> {
    tenSymbols();
    const name = new URL(incoming.url).searchParams.get('work') ?? '';
    const run = work[name];
    if (!run) return Response.json({ error: `unknown work ${JSON.stringify(name)}` }, { status: 400 });
    return Response.json(await run());
  },
} satisfies ExportedHandler;
