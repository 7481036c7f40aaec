/**
 * Capital guardian: whether a trade may be taken at all, the percentage of the account it may risk,
 * and (with a price and an ATR) the stop and the share count. The original Capital-Guardian-Agent's
 * rules are not public; these are the port's:
 * - blocked when drawdown_pct ≥ 20 or recent_losses ≥ 3 (then allowed_risk_pct is 0, no stop or size);
 * - allowed_risk_pct = 1.0 × regime (trend 1, range 0.75, choppy 0.5) × volatility (low 1, normal 1,
 *   high 0.5) × trade type (scalp 0.5, swing 1, earnings 0.5) × drawdown tier (< 5: 1, < 10: 0.75,
 *   < 20: 0.5) × (0.5 after 2 recent losses), floored at 0.1 (percent units: 1.0 = 1% of the account);
 * - stop distance = ATR × (trend 2.0, range 1.5, choppy 2.5) × (scalp 0.5, swing 1, earnings 1.5);
 * - size (shares) = floor(account × risk% / stop distance), capped at floor(account / price) so it
 *   never needs leverage; stop price = price − distance (long).
 */
import { QuantInputError, requirePositive } from './errors.ts';
import type { GuardianRegime } from './regime-mapping.ts';
import { roundTo } from './stats.ts';

export type Volatility = 'low' | 'normal' | 'high';
export type TradeType = 'scalp' | 'swing' | 'earnings';

export interface GuardianInput {
  account_size: number;
  /** Percent below the peak, 0..100. */
  drawdown_pct: number;
  volatility: Volatility;
  regime: GuardianRegime;
  trade_type: TradeType;
  recent_losses: number;
  price?: number;
  atr?: number;
}

export interface GuardianDecision {
  trade_allowed: boolean;
  allowed_risk_pct: number;
  reasons: string[];
  stop: { distance: number; price: number } | null;
  size: { shares: number; risk_budget: number; risk_amount: number; notional: number } | null;
}

const REGIME_RISK: Record<GuardianRegime, number> = { trend: 1.0, range: 0.75, choppy: 0.5 };
const VOLATILITY_RISK: Record<Volatility, number> = { low: 1.0, normal: 1.0, high: 0.5 };
const TRADE_TYPE_RISK: Record<TradeType, number> = { scalp: 0.5, swing: 1.0, earnings: 0.5 };
const STOP_ATR_MULTIPLE: Record<GuardianRegime, number> = { trend: 2.0, range: 1.5, choppy: 2.5 };
const STOP_TRADE_TYPE: Record<TradeType, number> = { scalp: 0.5, swing: 1.0, earnings: 1.5 };
const BLOCK_DRAWDOWN_PCT = 20;
const BLOCK_RECENT_LOSSES = 3;
const MIN_RISK_PCT = 0.1;

function oneOf<Value extends string>(field: string, value: Value, allowed: Record<Value, number>): void {
  if (!Object.hasOwn(allowed, value))
    throw new QuantInputError(
      field,
      `must be one of ${Object.keys(allowed).join(', ')} (got ${String(value)})`,
    );
}

export function drawdownTier(drawdownPct: number): number {
  if (drawdownPct < 5) return 1.0;
  if (drawdownPct < 10) return 0.75;
  return 0.5;
}

export function stopDistance(atr: number, regime: GuardianRegime, tradeType: TradeType): number {
  return atr * STOP_ATR_MULTIPLE[regime] * STOP_TRADE_TYPE[tradeType];
}

export function positionSize(
  accountSize: number,
  allowedRiskPct: number,
  distance: number,
  price: number,
): number {
  const byRisk = Math.floor((accountSize * allowedRiskPct) / 100 / distance);
  return Math.max(0, Math.min(byRisk, Math.floor(accountSize / price)));
}

export function evaluateGuardian(input: GuardianInput): GuardianDecision {
  requirePositive('account_size', input.account_size);
  if (!Number.isFinite(input.drawdown_pct) || input.drawdown_pct < 0 || input.drawdown_pct > 100)
    throw new QuantInputError('drawdown_pct', `must be between 0 and 100 (got ${input.drawdown_pct})`);
  oneOf('volatility', input.volatility, VOLATILITY_RISK);
  oneOf('regime', input.regime, REGIME_RISK);
  oneOf('trade_type', input.trade_type, TRADE_TYPE_RISK);
  if (!Number.isInteger(input.recent_losses) || input.recent_losses < 0)
    throw new QuantInputError('recent_losses', `must be a whole number ≥ 0 (got ${input.recent_losses})`);
  if (input.price !== undefined) requirePositive('price', input.price);
  if (input.atr !== undefined) requirePositive('atr', input.atr);

  const reasons: string[] = [];
  if (input.drawdown_pct >= BLOCK_DRAWDOWN_PCT)
    reasons.push(`drawdown ${input.drawdown_pct.toFixed(1)}% ≥ ${BLOCK_DRAWDOWN_PCT}%`);
  if (input.recent_losses >= BLOCK_RECENT_LOSSES)
    reasons.push(`${input.recent_losses} recent losses ≥ ${BLOCK_RECENT_LOSSES}`);
  if (reasons.length > 0)
    return { trade_allowed: false, allowed_risk_pct: 0, reasons, stop: null, size: null };

  const losses = input.recent_losses >= 2 ? 0.5 : 1;
  const raw =
    REGIME_RISK[input.regime] *
    VOLATILITY_RISK[input.volatility] *
    TRADE_TYPE_RISK[input.trade_type] *
    drawdownTier(input.drawdown_pct) *
    losses;
  const allowedRiskPct = roundTo(Math.max(MIN_RISK_PCT, raw), 4);
  reasons.push(
    `risk ${allowedRiskPct}% = regime ${input.regime} ×${REGIME_RISK[input.regime]}, ${input.volatility} vol ` +
      `×${VOLATILITY_RISK[input.volatility]}, ${input.trade_type} ×${TRADE_TYPE_RISK[input.trade_type]}, ` +
      `drawdown ×${drawdownTier(input.drawdown_pct)}, losses ×${losses}`,
  );
  if (input.price === undefined || input.atr === undefined)
    return { trade_allowed: true, allowed_risk_pct: allowedRiskPct, reasons, stop: null, size: null };

  const distance = stopDistance(input.atr, input.regime, input.trade_type);
  const shares = positionSize(input.account_size, allowedRiskPct, distance, input.price);
  return {
    trade_allowed: true,
    allowed_risk_pct: allowedRiskPct,
    reasons,
    stop: { distance, price: input.price - distance },
    size: {
      shares,
      risk_budget: (input.account_size * allowedRiskPct) / 100,
      risk_amount: shares * distance,
      notional: shares * input.price,
    },
  };
}
