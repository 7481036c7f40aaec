/**
 * Execution discipline: the Execution-Discipline-Agent's five checks and its compliance score,
 * reproduced rule for rule (including its quirks, noted below) so scores match the original's.
 *
 * Checks, in this order (violations are listed check by check, then by trade):
 * 1. Regime Mismatch: the regime label is not one of plan.allowed_regimes → EVERY trade gets one.
 *    The original compares exactly; a full label like "Risk-Off / Low/Normal Vol / Downtrend /
 *    Healthy Breadth" then never matches "Risk-Off". `regimeMatch: 'prefix'` (a port option, used by
 *    the pipeline) accepts a label that starts with an allowed regime, like the size-limit lookup does.
 * 2. Missing Stop (only when plan.stop_required): a trade whose stop_price is absent or null.
 * 3. Oversized for Regime: limit = position_limits_by_regime[label] or else the first key the label
 *    starts with; skipped when account_size ≤ 0 or no limit applies; a violation per trade whose
 *    entry_price × shares > limit% × account_size.
 * 4. Early Exit: R in [0, 0.5), with R = (exit − entry)/(entry − stop) for LONG and
 *    (entry − exit)/(stop − entry) for SHORT; skipped without a stop or when |risk| < 1e-4.
 * 5. Late Exit: |exit − stop| < 0.01 and |risk| > 0.01, so any stop hit counts (the original has no
 *    intraday data to tell a late exit from a planned one).
 * compliance_score = max(0, round(1 − violations / max(trades, 1), 2)): it counts violations, not
 * trades, so two violations on one trade cost twice. Rounding is Python's (ties to even).
 * compliance_trend looks at the last ≤ 5 scores including this one: under 2 → "flat"; 2–3 → first vs
 * last; 4–5 → mean of the first ⌊n/2⌋ vs mean of the rest; a change beyond ±0.02 is a trend.
 * The original's unused plan fields (risk_per_trade_pct, max_position_pct, max_stop_pct) are accepted
 * and ignored here too. A side other than LONG/SHORT is an input error (the original crashed on it).
 */
import { QuantInputError } from './errors.ts';
import { mean, roundHalfEven } from './stats.ts';

export type ViolationType =
  | 'Regime Mismatch'
  | 'Missing Stop'
  | 'Oversized for Regime'
  | 'Early Exit'
  | 'Late Exit';

export interface DisciplineTrade {
  date: string;
  symbol: string;
  side: string;
  entry_price: number;
  exit_price: number;
  shares: number;
  stop_price?: number | null;
}

export interface DisciplinePlan {
  allowed_regimes: string[];
  stop_required?: boolean;
  account_size?: number;
  position_limits_by_regime?: Record<string, number>;
  risk_per_trade_pct?: number;
  max_position_pct?: number;
  max_stop_pct?: number;
}

export interface Violation {
  trade_index: number;
  violation_type: ViolationType;
  detail: string;
}

export type ComplianceTrend = 'improving' | 'worsening' | 'flat';

export interface DisciplineReport {
  compliance_score: number;
  violations: Violation[];
  regime_mismatch_rate: number;
  violation_summary: Partial<Record<ViolationType, number>>;
  compliance_trend: ComplianceTrend;
}

export interface DisciplineInput {
  trades: readonly DisciplineTrade[];
  plan: DisciplinePlan;
  regimeLabel: string;
  /** Earlier runs' scores, oldest first (the original's memory history); the caller persists them. */
  previousScores?: readonly number[];
  regimeMatch?: 'exact' | 'prefix';
}

const TREND_THRESHOLD = 0.02;
const TREND_WINDOW = 5;

function sideOf(trade: DisciplineTrade, index: number): 'LONG' | 'SHORT' {
  const side = typeof trade.side === 'string' ? trade.side.trim().toUpperCase() : '';
  if (side !== 'LONG' && side !== 'SHORT')
    throw new QuantInputError(`trades[${index}].side`, `must be LONG or SHORT (got ${String(trade.side)})`);
  return side;
}

function hasNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The exact key, else the first key (in the plan's order) the label starts with. */
function positionLimit(limits: Record<string, number> | undefined, label: string): number | undefined {
  if (!limits) return undefined;
  if (limits[label] !== undefined) return limits[label];
  const key = Object.keys(limits).find((name) => label.startsWith(name));
  return key === undefined ? undefined : limits[key];
}

export function complianceTrend(scores: readonly number[]): ComplianceTrend {
  const recent = scores.slice(-TREND_WINDOW);
  if (recent.length < 2) return 'flat';
  let earlier: number;
  let later: number;
  if (recent.length >= 4) {
    const half = Math.floor(recent.length / 2);
    earlier = mean(recent.slice(0, half));
    later = mean(recent.slice(half));
  } else {
    earlier = recent[0] ?? 0;
    later = recent[recent.length - 1] ?? 0;
  }
  if (later - earlier > TREND_THRESHOLD) return 'improving';
  if (later - earlier < -TREND_THRESHOLD) return 'worsening';
  return 'flat';
}

export function evaluateDiscipline(input: DisciplineInput): DisciplineReport {
  const { trades, plan, regimeLabel } = input;
  if (!Array.isArray(plan.allowed_regimes))
    throw new QuantInputError('plan.allowed_regimes', 'is required (a list of regime names)');
  const sides = trades.map(sideOf);
  const violations: Violation[] = [];
  const add = (trade_index: number, violation_type: ViolationType, detail: string): void => {
    violations.push({ trade_index, violation_type, detail });
  };

  const allowed =
    input.regimeMatch === 'prefix'
      ? plan.allowed_regimes.some((name) => regimeLabel === name || regimeLabel.startsWith(name))
      : plan.allowed_regimes.includes(regimeLabel);
  if (!allowed)
    for (let index = 0; index < trades.length; index++)
      add(index, 'Regime Mismatch', `Trade taken during ${regimeLabel} regime`);

  if (plan.stop_required)
    trades.forEach((trade, index) => {
      if (!hasNumber(trade.stop_price)) add(index, 'Missing Stop', `${trade.symbol}: no stop price recorded`);
    });

  const accountSize = plan.account_size ?? 0;
  const limit = positionLimit(plan.position_limits_by_regime, regimeLabel);
  if (accountSize > 0 && limit !== undefined) {
    const maxValue = (limit / 100) * accountSize;
    trades.forEach((trade, index) => {
      const value = trade.entry_price * trade.shares;
      if (value > maxValue)
        add(
          index,
          'Oversized for Regime',
          `${trade.symbol}: position ${value.toFixed(2)} > ${limit}% limit (${maxValue.toFixed(2)})`,
        );
    });
  }

  trades.forEach((trade, index) => {
    const { entry_price: entry, exit_price: exit, stop_price: stop } = trade;
    if (!hasNumber(entry) || !hasNumber(exit) || !hasNumber(stop)) return;
    const long = sides[index] === 'LONG';
    const risk = long ? entry - stop : stop - entry;
    if (Math.abs(risk) < 1e-4) return;
    const r = (long ? exit - entry : entry - exit) / risk;
    if (r >= 0 && r < 0.5) add(index, 'Early Exit', `${trade.symbol}: exited at ${r.toFixed(2)}R (< 0.5R)`);
    if (Math.abs(exit - stop) < 0.01 && Math.abs(risk) > 0.01)
      add(index, 'Late Exit', `${trade.symbol}: exited at the stop ${stop}`);
  });

  const denominator = Math.max(trades.length, 1);
  const score = Math.max(0, roundHalfEven(1 - violations.length / denominator, 2));
  const summary: Partial<Record<ViolationType, number>> = {};
  for (const violation of violations)
    summary[violation.violation_type] = (summary[violation.violation_type] ?? 0) + 1;
  return {
    compliance_score: score,
    violations,
    regime_mismatch_rate: roundHalfEven((summary['Regime Mismatch'] ?? 0) / denominator, 2),
    violation_summary: summary,
    compliance_trend: complianceTrend([...(input.previousScores ?? []), score]),
  };
}
