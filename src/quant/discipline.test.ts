import { describe, expect, it } from 'vitest';
import {
  complianceTrend,
  type DisciplinePlan,
  type DisciplineTrade,
  evaluateDiscipline,
} from './discipline.ts';
import { QuantInputError } from './errors.ts';

// The Execution-Discipline-Agent's example files: two trades, a 100k account, limits 10% / 3%.
const exampleTrades: DisciplineTrade[] = [
  {
    date: '2024-01-02',
    symbol: 'SPY',
    side: 'LONG',
    entry_price: 530,
    exit_price: 535,
    shares: 100,
    stop_price: 525,
  },
  {
    date: '2024-01-03',
    symbol: 'QQQ',
    side: 'LONG',
    entry_price: 470,
    exit_price: 465,
    shares: 120,
    stop_price: null,
  },
];
const examplePlan: DisciplinePlan = {
  risk_per_trade_pct: 0.5,
  max_position_pct: 10,
  allowed_regimes: ['Risk-On', 'Risk-Off'],
  stop_required: true,
  max_stop_pct: 2.0,
  account_size: 100_000,
  position_limits_by_regime: { 'Risk-On': 10, 'Risk-Off': 3 },
};
const fullLabel = 'Risk-Off / Low/Normal Vol / Downtrend / Healthy Breadth';

/** A clean long: small, stopped, exited at +1R. */
const clean = (overrides: Partial<DisciplineTrade> = {}): DisciplineTrade => ({
  date: '2024-02-01',
  symbol: 'AAA',
  side: 'LONG',
  entry_price: 100,
  exit_price: 102,
  shares: 10,
  stop_price: 98,
  ...overrides,
});
const plan: DisciplinePlan = {
  allowed_regimes: ['Risk-On'],
  stop_required: true,
  account_size: 100_000,
  position_limits_by_regime: { 'Risk-On': 10 },
};

describe('evaluateDiscipline: the worked example', () => {
  it('with regime "Risk-Off": Missing Stop + two Oversized = 3 violations on 2 trades → score 0', () => {
    const report = evaluateDiscipline({ trades: exampleTrades, plan: examplePlan, regimeLabel: 'Risk-Off' });
    expect(report.compliance_score).toBe(0);
    expect(report.violation_summary).toEqual({ 'Missing Stop': 1, 'Oversized for Regime': 2 });
    expect(report.violations.map((violation) => [violation.trade_index, violation.violation_type])).toEqual([
      [1, 'Missing Stop'],
      [0, 'Oversized for Regime'],
      [1, 'Oversized for Regime'],
    ]);
    expect(report.regime_mismatch_rate).toBe(0);
    expect(report.compliance_trend).toBe('flat');
  });

  it('with the full label (exact match, as the original): +2 Regime Mismatch, rate 1, still 0', () => {
    const report = evaluateDiscipline({ trades: exampleTrades, plan: examplePlan, regimeLabel: fullLabel });
    expect(report.violation_summary['Regime Mismatch']).toBe(2);
    expect(report.violations).toHaveLength(5);
    expect(report.regime_mismatch_rate).toBe(1);
    expect(report.compliance_score).toBe(0);
    expect(report.violations[0]?.detail).toBe(`Trade taken during ${fullLabel} regime`);
  });

  it('prefix matching accepts the full label for an allowed "Risk-Off"', () => {
    const report = evaluateDiscipline({
      trades: exampleTrades,
      plan: examplePlan,
      regimeLabel: fullLabel,
      regimeMatch: 'prefix',
    });
    expect(report.violation_summary['Regime Mismatch']).toBeUndefined();
    expect(report.violations).toHaveLength(3);
  });
});

describe('evaluateDiscipline: each violation type on its own', () => {
  const single = (trade: DisciplineTrade, regimeLabel = 'Risk-On') =>
    evaluateDiscipline({ trades: [trade], plan, regimeLabel });

  it('a clean trade has none and scores 1', () => {
    const report = single(clean());
    expect(report.violations).toEqual([]);
    expect(report.compliance_score).toBe(1);
  });

  it.each([
    ['Regime Mismatch', clean(), 'Risk-Off'],
    ['Missing Stop', clean({ stop_price: null, exit_price: 101 }), 'Risk-On'],
    ['Oversized for Regime', clean({ shares: 101 }), 'Risk-On'], // 10,100 > 10% of 100k
    ['Early Exit', clean({ exit_price: 100.5 }), 'Risk-On'], // R = 0.25
    ['Late Exit', clean({ exit_price: 98 }), 'Risk-On'], // exited at the stop, R = −1
  ] as const)('%s', (type, trade, label) => {
    const report = single(trade, label);
    expect(report.violations.map((violation) => violation.violation_type)).toEqual([type]);
    expect(report.compliance_score).toBe(0);
  });

  it('Missing Stop is not checked unless the plan requires stops', () => {
    const report = evaluateDiscipline({
      trades: [clean({ stop_price: null })],
      plan: { ...plan, stop_required: false },
      regimeLabel: 'Risk-On',
    });
    expect(report.violations).toEqual([]);
  });

  it('R for a SHORT: entry 100, stop 102, exit 99.5 is 0.25R → Early Exit; exit 96 is 2R → none', () => {
    expect(single(clean({ side: 'short', stop_price: 102, exit_price: 99.5 })).violation_summary).toEqual({
      'Early Exit': 1,
    });
    expect(single(clean({ side: 'SHORT', stop_price: 102, exit_price: 96 })).violations).toEqual([]);
  });

  it('R = 0 (exit at entry) is an early exit; a loss short of the stop is neither', () => {
    expect(single(clean({ exit_price: 100 })).violation_summary).toEqual({ 'Early Exit': 1 });
    expect(single(clean({ exit_price: 99 })).violations).toEqual([]);
  });

  it('the size limit is looked up by label prefix; no limit or no account skips the check', () => {
    const big = clean({ shares: 500 });
    expect(single(big, 'Risk-On / High Vol / Uptrend / Healthy Breadth').violation_summary).toMatchObject({
      'Oversized for Regime': 1,
    });
    const noAccount = evaluateDiscipline({
      trades: [big],
      plan: { ...plan, account_size: 0 },
      regimeLabel: 'Risk-On',
    });
    expect(noAccount.violations).toEqual([]);
  });

  it('counts violations, not trades: 3 violations on 8 trades → round(0.625, 2) = 0.62 (ties to even)', () => {
    const trades = [clean({ stop_price: null }), clean({ exit_price: 100.5 }), clean({ exit_price: 98 })];
    for (let index = 0; index < 5; index++) trades.push(clean());
    const report = evaluateDiscipline({ trades, plan, regimeLabel: 'Risk-On' });
    expect(report.violations).toHaveLength(3);
    expect(report.compliance_score).toBe(0.62);
  });

  it('no trades scores 1; an unknown side is an input error', () => {
    expect(evaluateDiscipline({ trades: [], plan, regimeLabel: 'Risk-On' }).compliance_score).toBe(1);
    expect(() => single(clean({ side: 'BUY' }))).toThrow(QuantInputError);
  });
});

describe('complianceTrend', () => {
  it.each([
    [[0.5], 'flat'],
    [[0.5, 0.6], 'improving'],
    [[0.9, 0.8, 0.85], 'worsening'],
    [[0.8, 0.81], 'flat'],
    [[0.5, 0.5, 0.9, 0.9], 'improving'],
    [[0.9, 0.9, 0.9, 0.5, 0.5], 'worsening'], // mean(0.9, 0.9) vs mean(0.9, 0.5, 0.5)
    [[0, 0.9, 0.9, 0.5, 0.5, 0.5], 'worsening'], // only the last five count
  ] as const)('%j → %s', (scores, expected) => {
    expect(complianceTrend(scores)).toBe(expected);
  });

  it('includes the current run after the previous scores', () => {
    const report = evaluateDiscipline({
      trades: [clean()],
      plan,
      regimeLabel: 'Risk-On',
      previousScores: [0.5, 0.6],
    });
    expect(report.compliance_trend).toBe('improving');
  });
});
