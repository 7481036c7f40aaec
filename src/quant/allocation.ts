/**
 * Capital allocation: may a new trade be taken, and at what fraction of normal size. The original
 * Capital-Allocation-Agent's rules and config are not public; these are the port's, with every
 * number in ALLOCATION_DEFAULTS (a caller may override any of them):
 *   multiplier = base(regime) × (0.5 + 0.5 × confidence) × discipline factor × drawdown factor
 *                × heat factor × risk-off factor, clipped to [0, 1], rounded to 2 dp.
 * - base: trending 1.0, ranging 0.7, chop 0.5, high_vol 0.4, downtrend 0.4, unknown 0.5;
 * - discipline: 1.0 at score ≥ 0.8, 0.75 at ≥ 0.6, else 0.5;
 * - drawdown (fraction): 1.0 below 5%, 0.75 below 10%, 0.5 below 15%;
 * - heat: 0.75 above 0.6; Risk-Off label: 0.8 (the original ignored this segment).
 * Halt (allow_trade false, multiplier 0) when drawdown ≥ 15%, discipline < 0.5, the regime is unknown
 * with confidence < 0.5, or open positions ≥ max_positions (10).
 * risk_mode: "halt" when not allowed, else "defensive" below 0.5, "reduced" below 0.9, else "normal".
 */
import { QuantInputError } from './errors.ts';
import type { AllocationRegime, RiskAppetite } from './regime-mapping.ts';
import { clamp, roundTo } from './stats.ts';

export interface AllocationInputs {
  market_regime: { regime: AllocationRegime; confidence: number; risk_appetite?: RiskAppetite };
  portfolio_metrics: {
    current_pnl: number;
    portfolio_heat: number;
    /** A fraction, 0.08 = 8% below the peak. */
    drawdown: number;
    open_positions: number;
    total_exposure: number;
  };
  execution_discipline_score: number;
}

export interface AllocationConfig {
  version: string;
  base_multiplier: Record<AllocationRegime, number>;
  discipline_tiers: { min_score: number; factor: number }[];
  discipline_floor_factor: number;
  drawdown_tiers: { below: number; factor: number }[];
  heat_threshold: number;
  heat_factor: number;
  risk_off_factor: number;
  halt_drawdown: number;
  min_discipline: number;
  min_unknown_confidence: number;
  max_positions: number;
}

export const ALLOCATION_DEFAULTS: AllocationConfig = {
  version: 'port-1',
  base_multiplier: { trending: 1.0, ranging: 0.7, chop: 0.5, high_vol: 0.4, downtrend: 0.4, unknown: 0.5 },
  discipline_tiers: [
    { min_score: 0.8, factor: 1.0 },
    { min_score: 0.6, factor: 0.75 },
  ],
  discipline_floor_factor: 0.5,
  drawdown_tiers: [
    { below: 0.05, factor: 1.0 },
    { below: 0.1, factor: 0.75 },
    { below: 0.15, factor: 0.5 },
  ],
  heat_threshold: 0.6,
  heat_factor: 0.75,
  risk_off_factor: 0.8,
  halt_drawdown: 0.15,
  min_discipline: 0.5,
  min_unknown_confidence: 0.5,
  max_positions: 10,
};

export type RiskMode = 'halt' | 'defensive' | 'reduced' | 'normal';

export interface AllocationDecision {
  allow_trade: boolean;
  position_size_multiplier: number;
  risk_mode: RiskMode;
  reason: string;
  factors: Record<string, number>;
  config_version: string;
  inputs: AllocationInputs;
}

function checkFraction(field: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new QuantInputError(field, `must be between 0 and 1 (got ${value})`);
}

export function decideAllocation(
  inputs: AllocationInputs,
  overrides: Partial<AllocationConfig> = {},
): AllocationDecision {
  const config: AllocationConfig = { ...ALLOCATION_DEFAULTS, ...overrides };
  const { market_regime: regime, portfolio_metrics: metrics } = inputs;
  const score = inputs.execution_discipline_score;
  checkFraction('market_regime.confidence', regime.confidence);
  checkFraction('portfolio_metrics.drawdown', metrics.drawdown);
  checkFraction('portfolio_metrics.portfolio_heat', metrics.portfolio_heat);
  checkFraction('execution_discipline_score', score);
  if (!Number.isInteger(metrics.open_positions) || metrics.open_positions < 0)
    throw new QuantInputError(
      'portfolio_metrics.open_positions',
      `must be a whole number ≥ 0 (got ${metrics.open_positions})`,
    );

  const reasons: string[] = [];
  const factors: Record<string, number> = {
    regime: config.base_multiplier[regime.regime] ?? config.base_multiplier.unknown,
    confidence: 0.5 + 0.5 * clamp(regime.confidence, 0, 1),
    discipline:
      config.discipline_tiers.find((tier) => score >= tier.min_score)?.factor ??
      config.discipline_floor_factor,
    drawdown: config.drawdown_tiers.find((tier) => metrics.drawdown < tier.below)?.factor ?? 0,
    heat: metrics.portfolio_heat > config.heat_threshold ? config.heat_factor : 1,
    risk_off: regime.risk_appetite === 'risk_off' ? config.risk_off_factor : 1,
  };
  reasons.push(`regime ${regime.regime} ×${factors.regime}`);
  if (factors.confidence !== 1)
    reasons.push(`confidence ${regime.confidence} ×${roundTo(factors.confidence ?? 1, 3)}`);
  if (factors.discipline !== 1) reasons.push(`discipline ${score} ×${factors.discipline}`);
  if (factors.drawdown !== 1)
    reasons.push(`drawdown ${(metrics.drawdown * 100).toFixed(1)}% ×${factors.drawdown}`);
  if (factors.heat !== 1) reasons.push(`heat ${roundTo(metrics.portfolio_heat, 3)} ×${factors.heat}`);
  if (factors.risk_off !== 1) reasons.push(`risk-off ×${factors.risk_off}`);

  const halts: string[] = [];
  if (metrics.drawdown >= config.halt_drawdown)
    halts.push(`drawdown ${(metrics.drawdown * 100).toFixed(1)}% ≥ ${config.halt_drawdown * 100}%`);
  if (score < config.min_discipline) halts.push(`discipline ${score} < ${config.min_discipline}`);
  if (regime.regime === 'unknown' && regime.confidence < config.min_unknown_confidence)
    halts.push(`unknown regime with confidence ${regime.confidence} < ${config.min_unknown_confidence}`);
  if (metrics.open_positions >= config.max_positions)
    halts.push(`${metrics.open_positions} open positions ≥ max ${config.max_positions}`);

  const allow = halts.length === 0;
  const product = Object.values(factors).reduce((total, factor) => total * factor, 1);
  const multiplier = allow ? roundTo(clamp(product, 0, 1), 2) : 0;
  const mode: RiskMode = !allow
    ? 'halt'
    : multiplier < 0.5
      ? 'defensive'
      : multiplier < 0.9
        ? 'reduced'
        : 'normal';
  return {
    allow_trade: allow,
    position_size_multiplier: multiplier,
    risk_mode: mode,
    reason: allow ? reasons.join('; ') : `halt: ${halts.join('; ')}`,
    factors,
    config_version: config.version,
    inputs,
  };
}
