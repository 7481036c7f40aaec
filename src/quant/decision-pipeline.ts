/**
 * The decision pipeline as one pure function: regime → portfolio → execution discipline (optional) →
 * allocation → guardian (optional), over plain inputs (no files, no network, no state: the caller
 * loads prices, stores history and passes it back). Returns the original `/decision` shape
 * {regime, portfolio, decision, execution_discipline_score, guardian_guardrails?} plus what the fixes
 * add (drawdown and where it came from, where the discipline score came from) and every step's own
 * output under `steps` for display.
 *
 * Fixes over the original (the `compat: "qtos-v0"` flag restores the first three for parity):
 * - drawdown from a given or tracked peak, not an assumed 1.1 × value (see drawdown.ts);
 * - label mappings that use every segment (see regime-mapping.ts); the guardian's volatility comes
 *   from the label (High Vol → "high") instead of being fixed at "normal";
 * - discipline regime check by prefix, so the pipeline's full labels can match a plan's "Risk-Off";
 * - discipline score precedence: a fresh run, then an explicit score, then a cached score younger
 *   than its max age, then 0.88 (the original let a never-expiring cache override an explicit score).
 */
import { type AllocationConfig, type AllocationDecision, decideAllocation } from './allocation.ts';
import {
  type DisciplinePlan,
  type DisciplineReport,
  type DisciplineTrade,
  evaluateDiscipline,
} from './discipline.ts';
import { type DrawdownState, measureDrawdown } from './drawdown.ts';
import { QuantInputError } from './errors.ts';
import { evaluateGuardian, type GuardianDecision, type TradeType } from './guardian.ts';
import { analysePortfolio, type Holding, type PortfolioReport } from './portfolio.ts';
import type { PriceTable } from './price-table.ts';
import { classifyRegime, type RegimeDecision, type RegimeOptions } from './regime.ts';
import {
  allocationRegimeOf,
  guardianRegimeOf,
  type MappingVersion,
  riskAppetiteOf,
} from './regime-mapping.ts';

export const DEFAULT_EXECUTION_SCORE = 0.88;
export const DEFAULT_SCORE_MAX_AGE_HOURS = 24;

export interface DecisionInput {
  /** Daily closes for the regime (SPY, TLT, … ≥ 200 rows); also the holdings' prices unless given. */
  prices: PriceTable;
  holdings: readonly Holding[];
  holdingPrices?: PriceTable;
  cash?: number;
  peakEquity?: number;
  equityHistory?: readonly number[];
  executionScore?: number;
  cachedExecutionScore?: { compliance_score: number; asof: string };
  /** ISO time "now", to age the cached score (pure: the caller's clock). */
  now?: string;
  scoreMaxAgeHours?: number;
  discipline?: {
    trades: readonly DisciplineTrade[];
    plan: DisciplinePlan;
    previousScores?: readonly number[];
  };
  guardian?: {
    price?: number;
    atr?: number;
    tradeType?: TradeType;
    recentLosses?: number;
    /** Defaults to the portfolio's total value. */
    accountSize?: number;
  };
  regimeOptions?: RegimeOptions;
  allocationConfig?: Partial<AllocationConfig>;
  compat?: 'qtos-v0';
}

export type ScoreSource = 'computed' | 'explicit' | 'cached' | 'default';

export interface GuardianGuardrails {
  guardian_decision: { trade_allowed: boolean; allowed_risk_pct: number; reasons: string[] };
  stop_distance?: number;
  stop_price?: number;
  position_size?: number;
}

export interface DecisionResult {
  regime: RegimeDecision;
  portfolio: {
    total_value: number;
    vol_annual: number | null;
    open_positions: number;
    portfolio_heat: number;
  };
  decision: AllocationDecision;
  execution_discipline_score: number;
  execution_discipline_source: ScoreSource;
  drawdown: DrawdownState;
  guardian_guardrails?: GuardianGuardrails;
  steps: {
    regime: RegimeDecision;
    portfolio: PortfolioReport;
    discipline: DisciplineReport | null;
    drawdown: DrawdownState;
    allocation: AllocationDecision;
    guardian: GuardianDecision | null;
  };
}

function chooseScore(
  input: DecisionInput,
  discipline: DisciplineReport | null,
): { score: number; source: ScoreSource } {
  if (discipline) return { score: discipline.compliance_score, source: 'computed' };
  const cached = input.cachedExecutionScore;
  const cachedScore = cached ? { score: cached.compliance_score, source: 'cached' as const } : null;
  // The original: the cache (of any age) beats an explicit score.
  if (input.compat === 'qtos-v0')
    return (
      cachedScore ?? {
        score: input.executionScore ?? DEFAULT_EXECUTION_SCORE,
        source: input.executionScore === undefined ? 'default' : 'explicit',
      }
    );
  if (input.executionScore !== undefined) return { score: input.executionScore, source: 'explicit' };
  if (cached && cachedScore) {
    if (input.now === undefined)
      throw new QuantInputError('now', 'is required to age a cached execution score');
    const ageHours = (Date.parse(input.now) - Date.parse(cached.asof)) / 3_600_000;
    if (!Number.isFinite(ageHours))
      throw new QuantInputError('cachedExecutionScore.asof', 'must be an ISO time');
    if (ageHours <= (input.scoreMaxAgeHours ?? DEFAULT_SCORE_MAX_AGE_HOURS)) return cachedScore;
  }
  return { score: DEFAULT_EXECUTION_SCORE, source: 'default' };
}

export function runDecisionPipeline(input: DecisionInput): DecisionResult {
  const compat = input.compat === 'qtos-v0';
  const mapping: MappingVersion = compat ? 'qtos-v0' : 'port';
  const regime = classifyRegime(input.prices, input.regimeOptions);
  const portfolio = analysePortfolio({
    holdings: input.holdings,
    prices: input.holdingPrices ?? input.prices,
    ...(input.cash === undefined ? {} : { cash: input.cash }),
  });
  const discipline = input.discipline
    ? evaluateDiscipline({
        trades: input.discipline.trades,
        plan: input.discipline.plan,
        regimeLabel: regime.label,
        regimeMatch: compat ? 'exact' : 'prefix',
        ...(input.discipline.previousScores ? { previousScores: input.discipline.previousScores } : {}),
      })
    : null;
  const { score, source } = chooseScore(input, discipline);
  const drawdown = measureDrawdown({
    currentValue: portfolio.total_value,
    ...(input.peakEquity === undefined ? {} : { peakEquity: input.peakEquity }),
    ...(input.equityHistory ? { equityHistory: input.equityHistory } : {}),
    ...(compat ? { compat: 'qtos-v0' as const } : {}),
  });
  const allocation = decideAllocation(
    {
      market_regime: {
        regime: allocationRegimeOf(regime.label, mapping),
        confidence: regime.confidence,
        ...(compat ? {} : { risk_appetite: riskAppetiteOf(regime.label) }),
      },
      portfolio_metrics: {
        current_pnl: compat ? (portfolio.ret_window ?? 0) * portfolio.total_value : portfolio.current_pnl,
        portfolio_heat: portfolio.portfolio_heat,
        drawdown: drawdown.drawdown,
        open_positions: portfolio.open_positions,
        total_exposure: compat ? portfolio.total_value : portfolio.total_exposure,
      },
      execution_discipline_score: score,
    },
    input.allocationConfig,
  );

  let guardian: GuardianDecision | null = null;
  let guardrails: GuardianGuardrails | undefined;
  if (input.guardian) {
    const options = input.guardian;
    guardian = evaluateGuardian({
      account_size: options.accountSize ?? portfolio.total_value,
      drawdown_pct: drawdown.drawdown * 100,
      volatility: !compat && regime.segments.volatility === 'High Vol' ? 'high' : 'normal',
      regime: guardianRegimeOf(regime.label, mapping),
      trade_type: options.tradeType ?? 'swing',
      recent_losses: options.recentLosses ?? 0,
      ...(options.price === undefined ? {} : { price: options.price }),
      ...(options.atr === undefined ? {} : { atr: options.atr }),
    });
    guardrails = {
      guardian_decision: {
        trade_allowed: guardian.trade_allowed,
        allowed_risk_pct: guardian.allowed_risk_pct,
        reasons: guardian.reasons,
      },
      ...(guardian.stop ? { stop_distance: guardian.stop.distance, stop_price: guardian.stop.price } : {}),
      ...(guardian.size ? { position_size: guardian.size.shares } : {}),
    };
  }

  return {
    regime,
    portfolio: {
      total_value: portfolio.total_value,
      vol_annual: portfolio.vol_annual,
      open_positions: portfolio.open_positions,
      portfolio_heat: portfolio.portfolio_heat,
    },
    decision: allocation,
    execution_discipline_score: score,
    execution_discipline_source: source,
    drawdown,
    ...(guardrails ? { guardian_guardrails: guardrails } : {}),
    steps: { regime, portfolio, discipline, drawdown, allocation, guardian },
  };
}
