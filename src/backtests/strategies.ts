/**
 * The strategies a backtest request may name, with their parameters described for the console's form
 * and checked here: unknown keys, wrong types and out-of-range values become issues on `params.<name>`;
 * the engine's own cross-field checks (fast < slow, entry below exit) run afterwards in request.ts.
 */
import type { StrategySpec, StrategyType } from '../quant/backtest/types.ts';
import type { BacktestIssue } from './errors.ts';

export const STRATEGY_NAMES = ['buy_and_hold', 'ma_crossover', 'rsi_mean_reversion'] as const;

export interface StrategyParamInfo {
  name: string;
  type: 'integer' | 'number';
  default: number;
  min?: number;
  max?: number;
  description: string;
}

export interface StrategyInfo {
  name: StrategyType;
  description: string;
  params: readonly StrategyParamInfo[];
}

export const STRATEGIES: readonly StrategyInfo[] = [
  {
    name: 'buy_and_hold',
    description: 'Buy every symbol on the first bar (equal-weight sleeves) and hold to the end.',
    params: [],
  },
  {
    name: 'ma_crossover',
    description:
      'Long while the fast simple moving average of the close is above the slow one, flat otherwise.',
    params: [
      {
        name: 'fast',
        type: 'integer',
        default: 20,
        min: 1,
        max: 400,
        description: 'Fast SMA window, in bars',
      },
      {
        name: 'slow',
        type: 'integer',
        default: 50,
        min: 2,
        max: 500,
        description: 'Slow SMA window, in bars (> fast)',
      },
    ],
  },
  {
    name: 'rsi_mean_reversion',
    description: 'Buy when the RSI falls below the entry level, sell once it recovers above the exit level.',
    params: [
      { name: 'period', type: 'integer', default: 14, min: 2, max: 200, description: 'RSI period, in bars' },
      {
        name: 'entry_below',
        type: 'number',
        default: 30,
        min: 1,
        max: 99,
        description: 'Buy when the RSI is below this',
      },
      {
        name: 'exit_above',
        type: 'number',
        default: 50,
        min: 1,
        max: 99,
        description: 'Sell when the RSI is above this (> entry_below)',
      },
    ],
  },
];

export function strategyInfo(name: StrategyType): StrategyInfo {
  const info = STRATEGIES.find((strategy) => strategy.name === name);
  if (!info) throw new Error(`no strategy info for ${name}`);
  return info;
}

/** Every parameter checked and defaults filled, or the issues found (all of them, not just the first). */
export function checkStrategyParams(
  name: StrategyType,
  params: Readonly<Record<string, unknown>>,
): { params: Record<string, number>; issues: BacktestIssue[] } {
  const info = strategyInfo(name);
  const issues: BacktestIssue[] = [];
  const known = new Set(info.params.map((param) => param.name));
  for (const key of Object.keys(params))
    if (!known.has(key))
      issues.push({
        path: `params.${key}`,
        message:
          info.params.length === 0
            ? `${name} takes no parameters`
            : `unknown parameter for ${name} (expected ${[...known].join(', ')})`,
      });
  const resolved: Record<string, number> = {};
  for (const param of info.params) {
    const value = params[param.name] ?? param.default;
    const problem = paramProblem(param, value);
    if (problem) issues.push({ path: `params.${param.name}`, message: problem });
    else resolved[param.name] = value as number;
  }
  return { params: resolved, issues };
}

function paramProblem(param: StrategyParamInfo, value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return `must be a number (got ${describe(value)})`;
  if (param.type === 'integer' && !Number.isInteger(value)) return `must be a whole number (got ${value})`;
  if (param.min !== undefined && value < param.min) return `must be ≥ ${param.min} (got ${value})`;
  if (param.max !== undefined && value > param.max) return `must be ≤ ${param.max} (got ${value})`;
  return undefined;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return 'a string';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/** The engine's spec from checked parameters. */
export function strategySpec(name: StrategyType, params: Readonly<Record<string, number>>): StrategySpec {
  return { type: name, ...params } as StrategySpec;
}

/**
 * Bars a window needs before the strategy can trade at all: its indicator's warm-up, one bar for the
 * signal and one for the next-bar fill. Fewer would give a silent zero-trade result.
 */
export function minimumBars(spec: StrategySpec): number {
  switch (spec.type) {
    case 'buy_and_hold':
      return 2;
    case 'ma_crossover':
      return (spec.slow ?? 50) + 1;
    case 'rsi_mean_reversion':
      return (spec.period ?? 14) + 2;
  }
}
