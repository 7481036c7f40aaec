/**
 * Backtest metrics (the port's corrected definitions), from the equity curve V_1..V_n (one point per
 * date) and the initial cash V_0:
 * - total_return_pct = 100 × (V_n / V_0 − 1);
 * - cagr_pct = 100 × ((V_n / V_0)^(1 / years) − 1), years = calendar days from the first to the last
 *   date / 365.25; null when no time passed (one date) or the curve ends at or below 0;
 * - sharpe = mean / sample std (n − 1) of the DAILY simple returns V_t / V_{t−1} − 1, × √252 (risk-free
 *   rate 0 unless given, as an annual rate spread over 252 days); 0 when the std is ~0 or there are
 *   fewer than 2 returns (a flat curve has Sharpe 0);
 * - sortino = mean / downside deviation × √252, where the downside deviation is
 *   √(Σ min(r_t − rf_daily, 0)² / (n − 1)) over ALL n returns (target 0 excess return), so it is
 *   comparable with the sample std; with no downside: 0 if the mean is ≤ 0, else null (unbounded);
 * - max_drawdown = max over t of (running peak − V_t), in currency; max_drawdown_pct = max over t of
 *   (running peak − V_t) / running peak × 100 (the largest percentage fall, which need not be the bar
 *   of the largest currency fall); the running peak starts at V_0;
 * - exposure_pct = mean over the curve of positions value / equity × 100 (the average fraction
 *   invested, which for one symbol is near the share of days in the market);
 * - num_trades = fills (buys and sells).
 * No metric is ever NaN or Infinity.
 */
import { mean, sampleStd, TRADING_DAYS_PER_YEAR } from '../stats.ts';
import type { EquityPoint, PortMetrics } from './types.ts';

const DAY_MS = 86_400_000;
const DAYS_PER_YEAR = 365.25;
const ZERO_STD = 1e-14;

export function calendarDaysBetween(first: string, last: string): number {
  return (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS;
}

/** CAGR in percent over `days` calendar days; null when it is undefined. */
export function cagrPct(startValue: number, endValue: number, days: number): number | null {
  if (days <= 0 || startValue <= 0 || endValue <= 0) return null;
  const value = 100 * ((endValue / startValue) ** (DAYS_PER_YEAR / days) - 1);
  return Number.isFinite(value) ? value : null;
}

export function dailyReturns(values: readonly number[]): number[] {
  const returns: number[] = [];
  for (let index = 1; index < values.length; index++) {
    const previous = values[index - 1] ?? 0;
    returns.push(previous === 0 ? 0 : (values[index] ?? 0) / previous - 1);
  }
  return returns;
}

export function sharpeRatio(returns: readonly number[], annualRiskFree = 0): number {
  if (returns.length < 2) return 0;
  const excess = returns.map((value) => value - annualRiskFree / TRADING_DAYS_PER_YEAR);
  const std = sampleStd(excess);
  return std < ZERO_STD ? 0 : (mean(excess) / std) * Math.sqrt(TRADING_DAYS_PER_YEAR);
}

export function sortinoRatio(returns: readonly number[], annualRiskFree = 0): number | null {
  if (returns.length < 2) return 0;
  const excess = returns.map((value) => value - annualRiskFree / TRADING_DAYS_PER_YEAR);
  let squares = 0;
  for (const value of excess) if (value < 0) squares += value * value;
  const downside = Math.sqrt(squares / (excess.length - 1));
  const average = mean(excess);
  if (downside < ZERO_STD) return average <= 0 ? 0 : null;
  return (average / downside) * Math.sqrt(TRADING_DAYS_PER_YEAR);
}

export function maxDrawdown(startValue: number, values: readonly number[]): { amount: number; pct: number } {
  let peak = startValue;
  let amount = 0;
  let pct = 0;
  for (const value of values) {
    if (value > peak) peak = value;
    amount = Math.max(amount, peak - value);
    if (peak > 0) pct = Math.max(pct, ((peak - value) / peak) * 100);
  }
  return { amount, pct };
}

export function computeMetrics(
  initialCash: number,
  curve: readonly EquityPoint[],
  numTrades: number,
  annualRiskFree = 0,
): PortMetrics {
  const values = curve.map((point) => point.equity);
  const first = curve[0];
  const last = curve[curve.length - 1];
  const finalValue = last?.equity ?? initialCash;
  const returns = dailyReturns(values);
  const drawdown = maxDrawdown(initialCash, values);
  return {
    total_return_pct: 100 * (finalValue / initialCash - 1),
    cagr_pct:
      first && last ? cagrPct(initialCash, finalValue, calendarDaysBetween(first.date, last.date)) : null,
    sharpe: sharpeRatio(returns, annualRiskFree),
    sortino: sortinoRatio(returns, annualRiskFree),
    max_drawdown: drawdown.amount,
    max_drawdown_pct: drawdown.pct,
    exposure_pct:
      mean(curve.map((point) => (point.equity > 0 ? point.positions_value / point.equity : 0))) * 100,
    num_trades: numTrades,
  };
}
