import { describe, expect, it } from 'vitest';
import { decisionCard } from './decision-card.ts';

describe('decisionCard', () => {
  it('reads the decision pipeline result', () => {
    const card = decisionCard({
      regime: { label: 'Risk-On / Low/Normal Vol / Uptrend', confidence: 0.8123, drivers: [] },
      portfolio: { total_value: 100000, vol_annual: 0.1, open_positions: 2, portfolio_heat: 0.02 },
      decision: {
        allow_trade: true,
        position_size_multiplier: 1,
        risk_mode: 'normal',
        reason: 'trend intact',
      },
      execution_discipline_score: 87.5,
      guardian_guardrails: {
        guardian_decision: { trade_allowed: true, allowed_risk_pct: 1, reasons: ['ok'] },
        stop_price: 412.3456,
        position_size: 120,
      },
    });
    expect(card).toEqual({
      regime: 'Risk-On / Low/Normal Vol / Uptrend',
      confidence: '81%',
      allowTrade: true,
      riskMode: 'normal',
      sizeMultiplier: '1.00',
      reason: 'trend intact',
      stopPrice: '412.35',
      positionSize: '120',
      guardianReasons: ['ok'],
      discipline: '87.50',
      portfolioValue: '100000.00',
    });
  });

  it('shows dashes for what a partial result lacks, and nothing for a non-decision', () => {
    expect(decisionCard({ decision: { allow_trade: false } })).toMatchObject({
      allowTrade: false,
      regime: '—',
      stopPrice: '—',
      guardianReasons: [],
    });
    expect(decisionCard({ metrics: {} })).toBeNull();
    expect(decisionCard(null)).toBeNull();
  });
});
