import { describe, expect, it } from 'vitest';
import { tradingDays } from './calendar.ts';
import { runDecisionPipeline } from './decision-pipeline.ts';
import type { DisciplineTrade } from './discipline.ts';
import type { PriceTable } from './price-table.ts';

const ROWS = 240;
const dates = tradingDays('2023-01-01', '2024-12-31').slice(0, ROWS);
const calm = (start: number, drift: number): number[] =>
  dates.map((_, row) => start * (1 + drift) ** row * (row % 2 === 0 ? 1 : 1.002));

const rising: PriceTable = {
  dates,
  closes: { SPY: calm(400, 0.001), QQQ: calm(300, 0.0012), TLT: calm(100, -0.0005) },
};
const falling: PriceTable = {
  dates,
  closes: { SPY: calm(400, -0.001), QQQ: calm(300, -0.0012), TLT: calm(100, 0.0005) },
};
const holdings = [
  { symbol: 'SPY', shares: 100 },
  { symbol: 'QQQ', shares: 50 },
];
const cleanTrade: DisciplineTrade = {
  date: '2024-01-02',
  symbol: 'SPY',
  side: 'LONG',
  entry_price: 100,
  exit_price: 102,
  shares: 10,
  stop_price: 98,
};
const plan = { allowed_regimes: ['Risk-On', 'Risk-Off'], stop_required: true };

describe('runDecisionPipeline', () => {
  it('returns the original result shape plus drawdown, score source and every step', () => {
    const result = runDecisionPipeline({ prices: rising, holdings });
    expect(result.regime.label).toBe('Risk-On / Low/Normal Vol / Uptrend / Healthy Breadth');
    expect(Object.keys(result.portfolio)).toEqual([
      'total_value',
      'vol_annual',
      'open_positions',
      'portfolio_heat',
    ]);
    expect(result.portfolio.open_positions).toBe(2);
    expect(result.execution_discipline_score).toBe(0.88);
    expect(result.execution_discipline_source).toBe('default');
    expect(result.drawdown).toEqual({ peak_equity: null, drawdown: 0, source: 'none' });
    expect(result.decision.allow_trade).toBe(true);
    expect(result.decision.inputs.market_regime.regime).toBe('trending');
    const confidence = result.regime.confidence;
    expect(result.decision.position_size_multiplier).toBe(Math.round((0.5 + 0.5 * confidence) * 100) / 100);
    expect(result.guardian_guardrails).toBeUndefined();
    expect(result.steps.discipline).toBeNull();
    expect(result.steps.portfolio.holdings).toHaveLength(2);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it('qtos-v0 assumes peak = 1.1 × value: a 9.09% drawdown that cuts the size by a quarter', () => {
    const port = runDecisionPipeline({ prices: rising, holdings });
    const v0 = runDecisionPipeline({ prices: rising, holdings, compat: 'qtos-v0' });
    expect(v0.drawdown.source).toBe('qtos-v0-default');
    expect(v0.drawdown.drawdown).toBeCloseTo(0.0909, 4);
    expect(v0.decision.factors.drawdown).toBe(0.75);
    expect(port.decision.factors.drawdown).toBe(1);
  });

  it('a given peak and a tracked history both set the drawdown', () => {
    const value = runDecisionPipeline({ prices: rising, holdings }).portfolio.total_value;
    const given = runDecisionPipeline({ prices: rising, holdings, peakEquity: value / 0.88 });
    expect(given.drawdown.drawdown).toBeCloseTo(0.12, 12);
    expect(given.decision.factors.drawdown).toBe(0.5);
    const tracked = runDecisionPipeline({ prices: rising, holdings, equityHistory: [value / 0.8] });
    expect(tracked.decision.allow_trade).toBe(false);
    expect(tracked.decision.reason).toContain('drawdown 20.0%');
  });

  it('runs discipline with the full label: prefix matching (port) vs exact matching (qtos-v0)', () => {
    const discipline = { trades: [cleanTrade], plan };
    const port = runDecisionPipeline({ prices: falling, holdings, discipline });
    expect(port.regime.label).toBe('Risk-Off / Low/Normal Vol / Downtrend / Weak Breadth');
    expect(port.execution_discipline_score).toBe(1);
    expect(port.execution_discipline_source).toBe('computed');
    expect(port.decision.inputs.market_regime).toMatchObject({
      regime: 'downtrend',
      risk_appetite: 'risk_off',
    });
    const v0 = runDecisionPipeline({ prices: falling, holdings, discipline, compat: 'qtos-v0' });
    expect(v0.steps.discipline?.violation_summary).toEqual({ 'Regime Mismatch': 1 });
    expect(v0.execution_discipline_score).toBe(0);
    expect(v0.decision.inputs.market_regime.regime).toBe('ranging');
    expect(v0.decision.allow_trade).toBe(false);
  });

  it('score precedence: explicit over cached; a fresh cache over the default; qtos-v0 lets any cache win', () => {
    const cachedExecutionScore = { compliance_score: 0.55, asof: '2024-06-01T12:00:00Z' };
    const fresh = '2024-06-01T20:00:00Z';
    const stale = '2024-06-03T12:00:00Z';
    const pick = (extra: object) => {
      const result = runDecisionPipeline({ prices: rising, holdings, cachedExecutionScore, ...extra });
      return [result.execution_discipline_score, result.execution_discipline_source];
    };
    expect(pick({ executionScore: 0.95, now: fresh })).toEqual([0.95, 'explicit']);
    expect(pick({ now: fresh })).toEqual([0.55, 'cached']);
    expect(pick({ now: stale })).toEqual([0.88, 'default']);
    expect(pick({ executionScore: 0.95, compat: 'qtos-v0' })).toEqual([0.55, 'cached']);
  });

  it('guardian: stop and size with price and ATR; a downtrend is "choppy" (port) but "trend" (qtos-v0)', () => {
    const guardian = { price: 400, atr: 4, accountSize: 100_000 };
    const port = runDecisionPipeline({ prices: falling, holdings, guardian });
    expect(port.steps.guardian?.trade_allowed).toBe(true);
    // choppy 0.5 × normal vol × swing → 0.5% of 100k = 500; stop 2.5 × 4 = 10 → 50 shares.
    expect(port.guardian_guardrails).toMatchObject({
      guardian_decision: { trade_allowed: true, allowed_risk_pct: 0.5 },
      stop_distance: 10,
      stop_price: 390,
      position_size: 50,
    });
    const v0 = runDecisionPipeline({ prices: falling, holdings, guardian, compat: 'qtos-v0' });
    // The original maps the downtrend to "trend" (stop 2 × ATR = 8) and assumes a 9.09% drawdown
    // (tier ×0.75): 0.75% of 100k = 750 / 8 → 93 shares.
    expect(v0.guardian_guardrails).toMatchObject({
      guardian_decision: { allowed_risk_pct: 0.75 },
      stop_distance: 8,
      position_size: 93,
    });
  });

  it('without price and ATR the guardian gives no stop or size', () => {
    const result = runDecisionPipeline({ prices: rising, holdings, guardian: {} });
    expect(result.guardian_guardrails?.guardian_decision.trade_allowed).toBe(true);
    expect(result.guardian_guardrails?.stop_distance).toBeUndefined();
    expect(result.guardian_guardrails?.position_size).toBeUndefined();
  });

  it('holdings priced from their own table; a holding with no prices is an error naming it', () => {
    const aapl = [{ symbol: 'AAPL', shares: 10 }];
    expect(() => runDecisionPipeline({ prices: rising, holdings: aapl })).toThrow(/AAPL/);
    const holdingPrices = { dates: dates.slice(-2), closes: { AAPL: [190, 200] } };
    const result = runDecisionPipeline({ prices: rising, holdings: aapl, holdingPrices });
    expect(result.portfolio.total_value).toBe(2000);
  });
});
