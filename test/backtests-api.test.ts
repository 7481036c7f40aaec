/**
 * Backtests over REST: results stored and returned exactly as the engine computes them on the bundled
 * sample, the per-bar curve with its drawdown, list/get/delete, qtos-v0 compat, the strategies and
 * market-data listings, and every refused request answered with a 422 that stores nothing.
 */
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { backtests } from '../src/db/schema-pipelines.ts';
import { runBacktest } from '../src/quant/backtest/run.ts';
import { sampleBars } from '../src/quant/sample-bars.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';

interface Backtest {
  id: string;
  orchestrator_id: string | null;
  strategy: string;
  symbols: string[];
  params: Record<string, number>;
  compat: string | null;
  final_value: number;
  num_trades: number;
  metrics: Record<string, number | null>;
  equity_curve: { date: string; equity: number; drawdown_pct: number }[];
  trades: unknown[];
}

const SPY_DECADE = { symbols: ['spy'], start: '2015-01-02', end: '2024-12-31', initial_cash: 100_000 };

async function post(body: Record<string, unknown>): Promise<Response> {
  return call('/api/backtests', { method: 'POST', json: body });
}

async function created(body: Record<string, unknown>): Promise<Backtest> {
  const response = await post(body);
  if (response.status !== 201) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json()) as Backtest;
}

async function storedFor(orchestratorId: string): Promise<number> {
  return withDatabase(async (db) => {
    const [row] = await db
      .select({ n: count() })
      .from(backtests)
      .where(eq(backtests.orchestratorId, orchestratorId));
    return row?.n ?? 0;
  });
}

describe('backtests over REST', () => {
  it('stores MA crossover on SPY 2015–2024 with the engine’s own numbers, one curve point per bar', async () => {
    const orchestratorId = await createOrchestrator();
    const backtest = await created({
      ...SPY_DECADE,
      strategy: 'ma_crossover',
      params: { fast: 20 },
      fee_bps: 1,
      slippage_bps: 2,
      orchestrator_id: orchestratorId,
    });
    const spy = sampleBars().SPY ?? [];
    const direct = runBacktest({
      bars: { SPY: spy },
      strategy: { type: 'ma_crossover', fast: 20, slow: 50 },
      initial_cash: 100_000,
      fee_bps: 1,
      slippage_bps: 2,
    });
    expect(backtest).toMatchObject({
      orchestrator_id: orchestratorId,
      strategy: 'ma_crossover',
      symbols: ['SPY'],
      params: { fast: 20, slow: 50 },
      compat: null,
      final_value: direct.final_value,
      num_trades: direct.num_trades,
    });
    expect(backtest.metrics).toEqual(direct.metrics);
    expect(backtest.trades).toEqual(direct.trades);
    expect(backtest.num_trades).toBeGreaterThan(10);

    expect(backtest.equity_curve).toHaveLength(spy.length);
    expect(backtest.equity_curve.map((point) => point.date)).toEqual(spy.map((bar) => bar.date));
    expect(backtest.equity_curve.map((point) => point.equity)).toEqual(
      direct.equity_curve.map((point) => point.equity),
    );
    expect(backtest.equity_curve.every((point) => point.drawdown_pct <= 0)).toBe(true);
    const deepest = Math.min(...backtest.equity_curve.map((point) => point.drawdown_pct));
    expect(deepest).toBe(-(backtest.metrics.max_drawdown_pct ?? 0));

    const fetched = await call(`/api/backtests/${backtest.id}`);
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual(backtest);
  });

  it('lists summaries newest first with a cursor, filtered by orchestrator, and deletes', async () => {
    const orchestratorId = await createOrchestrator();
    const base = { ...SPY_DECADE, start: '2020-01-02', orchestrator_id: orchestratorId };
    const first = await created({ ...base, strategy: 'buy_and_hold' });
    const second = await created({ ...base, strategy: 'rsi_mean_reversion', symbols: ['QQQ', 'gld'] });
    expect(second.params).toEqual({ period: 14, entry_below: 30, exit_above: 50 });

    const page1 = await call(`/api/backtests?orchestrator_id=${orchestratorId}&limit=1`);
    const body1 = (await page1.json()) as {
      backtests: Record<string, unknown>[];
      next_cursor: string | null;
    };
    expect(body1.backtests.map((row) => row.id)).toEqual([second.id]);
    expect(body1.backtests[0]).not.toHaveProperty('equity_curve');
    expect(body1.backtests[0]).not.toHaveProperty('trades');
    expect(body1.backtests[0]).toMatchObject({ symbols: ['QQQ', 'GLD'], final_value: second.final_value });
    const page2 = await call(
      `/api/backtests?orchestrator_id=${orchestratorId}&limit=1&cursor=${body1.next_cursor}`,
    );
    const body2 = (await page2.json()) as { backtests: { id: string }[] };
    expect(body2.backtests.map((row) => row.id)).toEqual([first.id]);

    expect((await call(`/api/backtests/${first.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectError(await call(`/api/backtests/${first.id}`), 404, 'not_found');
    await expectError(await call(`/api/backtests/${first.id}`, { method: 'DELETE' }), 404, 'not_found');
    expect(await storedFor(orchestratorId)).toBe(1);
  });

  it('reproduces the engine’s qtos-v0 compat numbers and metric names', async () => {
    const backtest = await created({
      ...SPY_DECADE,
      strategy: 'ma_crossover',
      compat: 'qtos-v0',
    });
    const direct = runBacktest({
      bars: { SPY: sampleBars().SPY ?? [] },
      strategy: { type: 'ma_crossover', fast: 20, slow: 50 },
      initial_cash: 100_000,
      compat: 'qtos-v0',
    });
    expect(backtest.compat).toBe('qtos-v0');
    expect(backtest.metrics).toEqual(direct.metrics);
    expect(Object.keys(backtest.metrics)).toContain('sharpe_ratio');
    expect(backtest.trades).toEqual(direct.trades);
    expect(backtest.final_value).toBe(direct.metrics.final_value);
    expect(backtest.num_trades).toBe(direct.num_trades);
  });

  it('describes the strategies and the bundled market data', async () => {
    const strategies = (await (await call('/api/backtests/strategies')).json()) as {
      strategies: { name: string; params: { name: string; default: number }[] }[];
    };
    expect(strategies.strategies.map((s) => s.name)).toEqual([
      'buy_and_hold',
      'ma_crossover',
      'rsi_mean_reversion',
    ]);
    expect(strategies.strategies[1]?.params.map((p) => [p.name, p.default])).toEqual([
      ['fast', 20],
      ['slow', 50],
    ]);
    const market = await (await call('/api/market-data/daily/symbols')).json();
    expect(market).toMatchObject({ source: 'bundled-sample' });
    expect((market as { symbols: unknown[] }).symbols).toContainEqual({
      symbol: 'SPY',
      first_date: '2015-01-02',
      last_date: '2024-12-31',
      bars: sampleBars().SPY?.length,
    });
  });
});

describe('refused backtest requests', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    [
      'an unknown symbol',
      { symbols: ['SPY', 'XYZ'] },
      'body.symbols.1',
      /XYZ.*available: SPY, QQQ, TLT, GLD, SLV/,
    ],
    ['a window before the bars', { start: '2014-06-02' }, 'body.start', /cover 2015-01-02 to 2024-12-31/],
    ['a window after the bars', { end: '2025-03-03' }, 'body.end', /cover 2015-01-02 to 2024-12-31/],
    ['start after end', { start: '2020-01-02', end: '2019-01-02' }, 'body.end', /must be after start/],
    ['too few bars for the slow window', { start: '2024-10-01' }, 'body.start', /needs at least 201/],
    ['an unknown parameter', { params: { fast: 10, window: 3 } }, 'body.params.window', /unknown parameter/],
    ['fast not below slow', { params: { fast: 60, slow: 50 } }, 'body.params.fast', /shorter than slow/],
    ['a fractional window', { params: { slow: 50.5 } }, 'body.params.slow', /whole number/],
    ['eleven symbols', { symbols: Array.from({ length: 11 }, (_, i) => `S${i}`) }, 'body.symbols', /10/],
    ['NUL in a symbol', { symbols: ['SP\u0000Y'] }, 'body.symbols.0', /U\+0000/],
    ['no cash', { initial_cash: 0 }, 'body.initial_cash', /./],
    ['negative fees', { fee_bps: -1 }, 'body.fee_bps', /./],
    ['an unknown field', { colour: 'red' }, 'body', /colour/],
    ['an unknown strategy', { strategy: 'momentum' }, 'body.strategy', /./],
    [
      'an unknown orchestrator',
      { orchestrator_id: '00000000-0000-4000-8000-000000000000' },
      'body.orchestrator_id',
      /no orchestrator/,
    ],
    [
      'qtos-v0 with two symbols',
      { compat: 'qtos-v0', symbols: ['SPY', 'QQQ'] },
      'body.symbols',
      /one symbol/,
    ],
  ];

  it.each(cases)('%s → 422 naming the field, nothing stored', async (_name, change, path, message) => {
    const orchestratorId = await createOrchestrator();
    const body = {
      ...SPY_DECADE,
      strategy: 'ma_crossover',
      params: { slow: 200 },
      orchestrator_id: orchestratorId,
      ...change,
    };
    const error = await expectError(await post(body), 422, 'validation_failed');
    const issues = (error.error.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
    expect(await storedFor(orchestratorId)).toBe(0);
  });

  it('an unknown or malformed id', async () => {
    await expectError(await call('/api/backtests/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    await expectError(await call('/api/backtests/nope'), 422, 'validation_failed');
    await expectError(await call('/api/backtests?limit=101'), 422, 'validation_failed');
    await expectError(await call('/api/backtests?cursor=garbage!'), 422, 'validation_failed');
  });
});
