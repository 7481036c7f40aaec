/**
 * Running a validated request on its bars and shaping what is stored and returned. Pure: the engine
 * result becomes {final_value, num_trades, metrics, equity_curve, trades}, each equity point carrying
 * its drawdown from the running peak (which starts at the initial cash, as metrics.ts measures it, so
 * the curve's lowest drawdown_pct is −metrics.max_drawdown_pct).
 */
import { runBacktest } from '../quant/backtest/run.ts';
import type { BarsBySymbol, EquityPoint, Trade } from '../quant/backtest/types.ts';
import type { BacktestRequest } from './request.ts';
import { strategySpec } from './strategies.ts';

export interface CurvePoint {
  date: string;
  equity: number;
  /** ≤ 0: percent below the highest equity so far (initial cash included). */
  drawdown_pct: number;
}

export interface BacktestOutcome {
  final_value: number;
  num_trades: number;
  /** The port's metrics, or for compat qtos-v0 the original's names as run.ts returns them. */
  metrics: Record<string, number | null>;
  equity_curve: CurvePoint[];
  trades: Trade[];
}

export function runRequestedBacktest(request: BacktestRequest, bars: BarsBySymbol): BacktestOutcome {
  const common = {
    bars,
    strategy: strategySpec(request.strategy, request.params),
    initial_cash: request.initial_cash,
  };
  if (request.compat === 'qtos-v0') {
    const result = runBacktest({ ...common, compat: 'qtos-v0' });
    return {
      final_value: result.metrics.final_value,
      num_trades: result.num_trades,
      metrics: { ...result.metrics },
      equity_curve: withDrawdown(request.initial_cash, result.equity_curve),
      trades: result.trades,
    };
  }
  const result = runBacktest({ ...common, fee_bps: request.fee_bps, slippage_bps: request.slippage_bps });
  return {
    final_value: result.final_value,
    num_trades: result.num_trades,
    metrics: { ...result.metrics },
    equity_curve: withDrawdown(request.initial_cash, result.equity_curve),
    trades: result.trades,
  };
}

export function withDrawdown(initialCash: number, curve: readonly EquityPoint[]): CurvePoint[] {
  let peak = initialCash;
  return curve.map((point) => {
    if (point.equity > peak) peak = point.equity;
    // The same expression as metrics.ts, so the deepest point equals −max_drawdown_pct exactly.
    const drawdown = peak > 0 ? ((point.equity - peak) / peak) * 100 : 0;
    return { date: point.date, equity: point.equity, drawdown_pct: Math.min(0, drawdown) || 0 };
  });
}

/** A stored backtest as the database gives it back (src/db/backtests.ts maps the row to this). */
export interface StoredBacktest extends BacktestOutcome {
  id: string;
  orchestrator_id: string | null;
  request: BacktestRequest;
  created_at: Date;
}

export type BacktestSummaryJson = ReturnType<typeof toBacktestSummaryJson>;
export type BacktestJson = ReturnType<typeof toBacktestJson>;

export function toBacktestSummaryJson(stored: Omit<StoredBacktest, 'equity_curve' | 'trades'>) {
  const { request } = stored;
  return {
    id: stored.id,
    orchestrator_id: stored.orchestrator_id,
    strategy: request.strategy,
    symbols: request.symbols,
    start: request.start,
    end: request.end,
    initial_cash: request.initial_cash,
    fee_bps: request.fee_bps,
    slippage_bps: request.slippage_bps,
    params: request.params,
    compat: request.compat,
    final_value: stored.final_value,
    num_trades: stored.num_trades,
    metrics: stored.metrics,
    created_at: stored.created_at.toISOString(),
  };
}

export function toBacktestJson(stored: StoredBacktest) {
  return { ...toBacktestSummaryJson(stored), equity_curve: stored.equity_curve, trades: stored.trades };
}
