/**
 * The gate in front of real money: a live account trades only once someone has switched it on, and
 * only with both server-side limits set, so an agent's order can never reach the market unbounded.
 */
import type { ValidationIssue } from '../../http/errors.ts';

export interface TradingState {
  mode: 'paper' | 'live';
  tradingEnabled: boolean;
  maxOrderNotional: number | null;
  maxDailyLoss: number | null;
}

/** What stops this account state from being allowed (empty when it is allowed). */
export function liveTradingProblems(state: TradingState): ValidationIssue[] {
  if (state.mode !== 'live' || !state.tradingEnabled) return [];
  const why = 'a live account trades real money, so it needs this limit before trading can be enabled';
  const issues: ValidationIssue[] = [];
  if (state.maxOrderNotional === null) issues.push({ path: 'body.max_order_notional', message: why });
  if (state.maxDailyLoss === null) issues.push({ path: 'body.max_daily_loss', message: why });
  return issues;
}
