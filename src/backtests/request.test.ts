import { describe, expect, it } from 'vitest';
import { BacktestInputError } from './errors.ts';
import { parseBacktestRequest } from './request.ts';

const base = {
  strategy: 'ma_crossover',
  symbols: ['spy'],
  start: '2015-01-02',
  end: '2024-12-31',
  initial_cash: 1000,
};

function issuesOf(input: unknown) {
  try {
    parseBacktestRequest(input);
  } catch (error) {
    if (error instanceof BacktestInputError) return error.issues;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe('parseBacktestRequest', () => {
  it('upper-cases symbols, fills costs and the strategy’s defaults', () => {
    expect(parseBacktestRequest({ ...base, symbols: [' spy ', 'brk.b'], params: { fast: 10 } })).toEqual({
      ...base,
      symbols: ['SPY', 'BRK.B'],
      params: { fast: 10, slow: 50 },
      fee_bps: 0,
      slippage_bps: 0,
      compat: null,
      orchestrator_id: null,
    });
    expect(parseBacktestRequest({ ...base, strategy: 'rsi_mean_reversion' }).params).toEqual({
      period: 14,
      entry_below: 30,
      exit_above: 50,
    });
    expect(parseBacktestRequest({ ...base, strategy: 'buy_and_hold' }).params).toEqual({});
  });

  it('accepts its own output again (a stored request re-runs as is)', () => {
    const parsed = parseBacktestRequest({ ...base, compat: 'qtos-v0' });
    expect(parseBacktestRequest(parsed)).toEqual(parsed);
  });

  it('reports every problem at once, each on its field', () => {
    expect(
      issuesOf({
        ...base,
        symbols: ['SPY', 'spy'],
        start: '2020-01-02',
        end: '2020-01-02',
        params: { x: 1, slow: 'a' },
      }),
    ).toEqual([
      { path: 'symbols.1', message: 'SPY is listed twice' },
      { path: 'end', message: 'must be after start (2020-01-02 ≥ 2020-01-02)' },
      { path: 'params.x', message: 'unknown parameter for ma_crossover (expected fast, slow)' },
      { path: 'params.slow', message: 'must be a number (got a string)' },
    ]);
  });

  it('applies the engine’s cross-field rules and the parameter ranges', () => {
    expect(issuesOf({ ...base, params: { fast: 50 } })).toEqual([
      { path: 'params.fast', message: 'must be shorter than slow (50 ≥ 50)' },
    ]);
    expect(issuesOf({ ...base, strategy: 'rsi_mean_reversion', params: { entry_below: 60 } })).toEqual([
      { path: 'params.entry_below', message: 'must be below exit_above (60 ≥ 50)' },
    ]);
    expect(issuesOf({ ...base, params: { slow: 501 } })).toEqual([
      { path: 'params.slow', message: 'must be ≤ 500 (got 501)' },
    ]);
    expect(issuesOf({ ...base, strategy: 'buy_and_hold', params: { fast: 5 } })).toEqual([
      { path: 'params.fast', message: 'buy_and_hold takes no parameters' },
    ]);
  });

  it('refuses bad shapes: symbols, NUL, costs, unknown keys, qtos-v0 rules', () => {
    expect(issuesOf({ ...base, symbols: [] })[0]?.path).toBe('symbols');
    expect(issuesOf({ ...base, symbols: Array.from({ length: 11 }, (_, i) => `A${i}`) })[0]?.path).toBe(
      'symbols',
    );
    expect(issuesOf({ ...base, symbols: ['S\u0000PY'] })[0]?.message).toMatch(/U\+0000/);
    expect(issuesOf({ ...base, symbols: ['$PY'] })[0]?.message).toMatch(/ticker/);
    expect(issuesOf({ ...base, fee_bps: -1 })[0]?.path).toBe('fee_bps');
    expect(issuesOf({ ...base, start: '2015-02-30' })[0]?.path).toBe('start');
    expect(issuesOf({ ...base, extra: true })[0]?.message).toMatch(/extra/);
    expect(issuesOf({ ...base, compat: 'qtos-v0', symbols: ['SPY', 'QQQ'], slippage_bps: 5 })).toEqual([
      { path: 'symbols', message: 'qtos-v0 backtests one symbol (got 2)' },
      { path: 'slippage_bps', message: 'qtos-v0 has no costs; leave it at 0' },
    ]);
  });
});
