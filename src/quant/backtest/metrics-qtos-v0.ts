/**
 * qtos-core's metrics, reproduced with their quirks for `compat: "qtos-v0"` (metrics.ts has the
 * corrected ones). From the initial value V_0 and the equity curve V_1..V_n:
 * - cagr = 100 × ((V_n / V_0)^(1 / years) − 1) with years = max(calendar days(t_n − t_1) / 252, 1e-10):
 *   calendar days over TRADING days per year, which understates CAGR; a curve of one bar (or equal
 *   timestamps) gives years = 1e-10 and the power overflows: the original then returned inf, here null;
 * - sharpe_ratio = mean / POPULATION std (n) of V_t / V_{t−1} − 1 over the curve, × √252, 0 when the
 *   std is below 1e-14;
 * - max_drawdown = max (running peak − V_t); max_drawdown_pct = that amount divided by the running
 *   peak at the same bar, × 100 (not necessarily the largest percentage fall);
 * - an empty curve: every metric 0 and final value = initial value.
 */
import { mean, populationStd, TRADING_DAYS_PER_YEAR } from '../stats.ts';
import { calendarDaysBetween, dailyReturns } from './metrics.ts';
import type { EquityPoint, QtosMetrics } from './types.ts';

export function computeQtosMetrics(initialValue: number, curve: readonly EquityPoint[]): QtosMetrics {
  const first = curve[0];
  const last = curve[curve.length - 1];
  if (!first || !last)
    return {
      initial_value: initialValue,
      final_value: initialValue,
      total_pnl: 0,
      total_return_pct: 0,
      cagr: 0,
      sharpe_ratio: 0,
      max_drawdown: 0,
      max_drawdown_pct: 0,
    };
  const values = curve.map((point) => point.equity);
  const finalValue = last.equity;
  const pnl = finalValue - initialValue;
  const years = Math.max(calendarDaysBetween(first.date, last.date) / TRADING_DAYS_PER_YEAR, 1e-10);
  const cagr = 100 * ((finalValue / initialValue) ** (1 / years) - 1);
  const returns = dailyReturns(values);
  const std = populationStd(returns);
  const sharpe =
    returns.length === 0 || std < 1e-14 ? 0 : (mean(returns) / std) * Math.sqrt(TRADING_DAYS_PER_YEAR);
  let peak = Number.NEGATIVE_INFINITY;
  let worst = 0;
  let worstPct = 0;
  for (const value of values) {
    peak = Math.max(peak, value);
    if (peak - value > worst) {
      worst = peak - value;
      worstPct = peak > 0 ? (worst / peak) * 100 : 0;
    }
  }
  return {
    initial_value: initialValue,
    final_value: finalValue,
    total_pnl: pnl,
    total_return_pct: (100 * pnl) / initialValue,
    cagr: Number.isFinite(cagr) ? cagr : null,
    sharpe_ratio: sharpe,
    max_drawdown: worst,
    max_drawdown_pct: worstPct,
  };
}
