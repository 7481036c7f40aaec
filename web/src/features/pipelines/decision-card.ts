/** The readable fields of a decision pipeline's result, tolerant of a partial or older payload. */

export interface DecisionCardModel {
  regime: string;
  confidence: string;
  allowTrade: boolean | null;
  riskMode: string;
  sizeMultiplier: string;
  reason: string;
  stopPrice: string;
  positionSize: string;
  guardianReasons: string[];
  discipline: string;
  portfolioValue: string;
}

type Data = Record<string, unknown>;
const obj = (value: unknown): Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : {};
const num = (value: unknown, digits: number): string =>
  typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';

export function decisionCard(result: unknown): DecisionCardModel | null {
  const root = obj(result);
  if (!('decision' in root) && !('regime' in root)) return null;
  const regime = obj(root.regime);
  const decision = obj(root.decision);
  const guardrails = obj(root.guardian_guardrails);
  const guardian = obj(guardrails.guardian_decision);
  const confidence = regime.confidence;
  return {
    regime: typeof regime.label === 'string' ? regime.label : '—',
    confidence:
      typeof confidence === 'number'
        ? `${Math.round(confidence <= 1 ? confidence * 100 : confidence)}%`
        : '—',
    allowTrade: typeof decision.allow_trade === 'boolean' ? decision.allow_trade : null,
    riskMode: typeof decision.risk_mode === 'string' ? decision.risk_mode : '—',
    sizeMultiplier: num(decision.position_size_multiplier, 2),
    reason: typeof decision.reason === 'string' ? decision.reason : '',
    stopPrice: num(guardrails.stop_price, 2),
    positionSize: num(guardrails.position_size, 0),
    guardianReasons: Array.isArray(guardian.reasons)
      ? guardian.reasons.filter((r): r is string => typeof r === 'string')
      : [],
    discipline: num(root.execution_discipline_score, 2),
    portfolioValue: num(obj(root.portfolio).total_value, 2),
  };
}
