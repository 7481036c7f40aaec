/**
 * The backtest entry point: validates the bars and settings, runs the engine and computes the metrics.
 *
 * Default (the port): next-bar-open fills, fee_bps and slippage_bps (0 unless given), equal-weight
 * sleeves across symbols, metrics as in metrics.ts, `num_trades` inside `metrics` and at the top level.
 *
 * `compat: "qtos-v0"` reproduces qtos-core's figures: one symbol, fills at the signal bar's close,
 * no costs, a fixed `quantity` (default 50) per buy, and its metrics (metrics-qtos-v0.ts) in its
 * response shape {status, symbol, strategy_type, num_trades, metrics:{initial_value, final_value,
 * total_pnl, total_return_pct, cagr, sharpe_ratio, max_drawdown, max_drawdown_pct}}. Unlike the
 * original, a buy it cannot afford is listed in skipped_orders.
 */
import { QuantInputError } from '../errors.ts';
import { isIsoDate } from '../price-table.ts';
import { type EngineResult, runEngine } from './engine.ts';
import { computeMetrics } from './metrics.ts';
import { computeQtosMetrics } from './metrics-qtos-v0.ts';
import { resolveStrategy } from './strategies.ts';
import type { BarsBySymbol, PortMetrics, QtosMetrics, StrategySpec, StrategyType } from './types.ts';

export interface BacktestInput {
  bars: BarsBySymbol;
  strategy: StrategySpec;
  initial_cash?: number;
  fee_bps?: number;
  slippage_bps?: number;
  /** Annual risk-free rate for Sharpe and Sortino (default 0). */
  risk_free_rate?: number;
  compat?: 'qtos-v0';
  /** qtos-v0 only: shares per buy. */
  quantity?: number;
}

export interface BacktestResult extends EngineResult {
  strategy: Required<StrategySpec>;
  symbols: string[];
  initial_cash: number;
  final_value: number;
  fee_bps: number;
  slippage_bps: number;
  metrics: PortMetrics;
  num_trades: number;
}

export interface QtosBacktestResult extends EngineResult {
  status: 'ok';
  compat: 'qtos-v0';
  symbol: string;
  strategy_type: StrategyType;
  num_trades: number;
  metrics: QtosMetrics;
}

export const DEFAULT_INITIAL_CASH = 100_000;
export const QTOS_DEFAULT_QUANTITY = 50;

function validateBars(bars: BarsBySymbol): void {
  const symbols = Object.keys(bars);
  if (symbols.length === 0) throw new QuantInputError('bars', 'has no symbols');
  for (const symbol of symbols) {
    const series = bars[symbol] ?? [];
    if (series.length === 0) throw new QuantInputError(`bars.${symbol}`, 'has no bars');
    series.forEach((bar, index) => {
      const field = `bars.${symbol}[${index}]`;
      if (!isIsoDate(bar.date))
        throw new QuantInputError(`${field}.date`, `must be YYYY-MM-DD (got "${bar.date}")`);
      const previous = series[index - 1];
      if (previous && previous.date >= bar.date)
        throw new QuantInputError(
          `${field}.date`,
          `must come after ${previous.date} (ascending, no duplicates)`,
        );
      for (const key of ['open', 'high', 'low', 'close'] as const)
        if (!Number.isFinite(bar[key]) || bar[key] <= 0)
          throw new QuantInputError(`${field}.${key}`, `must be a positive finite price (got ${bar[key]})`);
      if (!Number.isFinite(bar.volume) || bar.volume < 0)
        throw new QuantInputError(`${field}.volume`, `must be a finite number ≥ 0 (got ${bar.volume})`);
    });
  }
}

function nonNegative(field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new QuantInputError(field, `must be a finite number ≥ 0 (got ${value})`);
  return value;
}

export function runBacktest(input: BacktestInput & { compat: 'qtos-v0' }): QtosBacktestResult;
export function runBacktest(input: BacktestInput & { compat?: undefined }): BacktestResult;
export function runBacktest(input: BacktestInput): BacktestResult | QtosBacktestResult;
export function runBacktest(input: BacktestInput): BacktestResult | QtosBacktestResult {
  validateBars(input.bars);
  const strategy = resolveStrategy(input.strategy);
  const initialCash = input.initial_cash ?? DEFAULT_INITIAL_CASH;
  if (!Number.isFinite(initialCash) || initialCash <= 0)
    throw new QuantInputError('initial_cash', `must be greater than 0 (got ${initialCash})`);
  const feeBps = nonNegative('fee_bps', input.fee_bps ?? 0);
  const slippageBps = nonNegative('slippage_bps', input.slippage_bps ?? 0);
  const symbols = Object.keys(input.bars);

  if (input.compat === 'qtos-v0') {
    const symbol = symbols[0] ?? '';
    if (symbols.length !== 1)
      throw new QuantInputError('bars', `qtos-v0 backtests one symbol (got ${symbols.length})`);
    if (feeBps > 0 || slippageBps > 0)
      throw new QuantInputError(
        'fee_bps',
        'qtos-v0 has no fees or slippage; leave fee_bps and slippage_bps at 0',
      );
    const quantity = input.quantity ?? QTOS_DEFAULT_QUANTITY;
    if (!Number.isInteger(quantity) || quantity <= 0)
      throw new QuantInputError('quantity', `must be a whole number > 0 (got ${quantity})`);
    const engine = runEngine(input.bars, strategy, {
      initialCash,
      fill: 'same_bar_close',
      sizing: { kind: 'fixed_quantity', quantity },
      feeBps: 0,
      slippageBps: 0,
    });
    return {
      status: 'ok',
      compat: 'qtos-v0',
      symbol,
      strategy_type: strategy.type,
      num_trades: engine.trades.length,
      metrics: computeQtosMetrics(initialCash, engine.equity_curve),
      ...engine,
    };
  }
  if (input.quantity !== undefined)
    throw new QuantInputError('quantity', 'applies to qtos-v0 only; the port sizes equal-weight sleeves');
  const engine = runEngine(input.bars, strategy, {
    initialCash,
    fill: 'next_bar_open',
    sizing: { kind: 'equal_weight' },
    feeBps,
    slippageBps,
  });
  const metrics = computeMetrics(
    initialCash,
    engine.equity_curve,
    engine.trades.length,
    input.risk_free_rate ?? 0,
  );
  return {
    strategy,
    symbols,
    initial_cash: initialCash,
    final_value: engine.equity_curve[engine.equity_curve.length - 1]?.equity ?? initialCash,
    fee_bps: feeBps,
    slippage_bps: slippageBps,
    metrics,
    num_trades: metrics.num_trades,
    ...engine,
  };
}
