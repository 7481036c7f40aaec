import { describe, expect, it } from 'vitest';
import { barsBetween, bundledSampleSource } from '../market-data/daily-bars.ts';
import { sampleBars } from '../quant/sample-bars.ts';
import { BacktestInputError } from './errors.ts';
import { loadBacktestBars } from './plan.ts';
import { parseBacktestRequest } from './request.ts';

const request = (change: Record<string, unknown>) =>
  parseBacktestRequest({
    strategy: 'ma_crossover',
    symbols: ['SPY'],
    start: '2015-01-02',
    end: '2024-12-31',
    initial_cash: 1000,
    ...change,
  });

async function issuesOf(change: Record<string, unknown>) {
  const error = await loadBacktestBars(request(change), bundledSampleSource).catch(
    (caught: unknown) => caught,
  );
  if (!(error instanceof BacktestInputError)) throw new Error(`expected a BacktestInputError, got ${error}`);
  return error.issues;
}

describe('loadBacktestBars on the bundled sample', () => {
  it('gives each symbol its bars inside the window, both ends included', async () => {
    const bars = await loadBacktestBars(
      request({ symbols: ['SPY', 'TLT'], start: '2020-01-02', end: '2020-12-31' }),
      bundledSampleSource,
    );
    expect(Object.keys(bars)).toEqual(['SPY', 'TLT']);
    expect(bars.SPY?.[0]?.date).toBe('2020-01-02');
    expect(bars.SPY?.at(-1)?.date).toBe('2020-12-31');
    expect(bars.SPY).toHaveLength(253);
  });

  it('names the available symbols, the covered range and the warm-up it lacks', async () => {
    expect(await issuesOf({ symbols: ['XYZ'] })).toEqual([
      {
        path: 'symbols.0',
        message: 'XYZ has no daily bars in bundled-sample (available: SPY, QQQ, TLT, GLD, SLV)',
      },
    ]);
    expect((await issuesOf({ end: '2025-01-31' }))[0]?.message).toBe(
      "SPY's bars cover 2015-01-02 to 2024-12-31; the window 2015-01-02 to 2025-01-31 is outside it",
    );
    expect(await issuesOf({ start: '2024-12-03', params: { fast: 5, slow: 20 } })).toEqual([
      {
        path: 'start',
        message:
          'SPY has 20 bars from 2024-12-03 to 2024-12-31; ma_crossover needs at least 21 (its warm-up, a signal and a fill)',
      },
    ]);
  });
});

describe('barsBetween', () => {
  it('slices by date, tolerating window ends on non-trading days', () => {
    const spy = sampleBars().SPY ?? [];
    const slice = barsBetween(spy, '2015-01-03', '2015-01-10');
    expect(slice.map((bar) => bar.date)).toEqual([
      '2015-01-05',
      '2015-01-06',
      '2015-01-07',
      '2015-01-08',
      '2015-01-09',
    ]);
    expect(barsBetween(spy, '2030-01-01', '2030-12-31')).toEqual([]);
  });
});
