import { describe, expect, it } from 'vitest';
import { type AllocationInputs, decideAllocation } from './allocation.ts';
import { QuantInputError } from './errors.ts';

const inputs = (
  overrides: {
    regime?: AllocationInputs['market_regime']['regime'];
    confidence?: number;
    risk?: 'risk_on' | 'risk_off';
    drawdown?: number;
    heat?: number;
    positions?: number;
    score?: number;
  } = {},
): AllocationInputs => ({
  market_regime: {
    regime: overrides.regime ?? 'trending',
    confidence: overrides.confidence ?? 1,
    risk_appetite: overrides.risk ?? 'risk_on',
  },
  portfolio_metrics: {
    current_pnl: 0,
    portfolio_heat: overrides.heat ?? 0.1,
    drawdown: overrides.drawdown ?? 0,
    open_positions: overrides.positions ?? 2,
    total_exposure: 50_000,
  },
  execution_discipline_score: overrides.score ?? 0.9,
});

describe('decideAllocation: the multiplier', () => {
  it.each([
    // [case, overrides, multiplier, risk mode]
    ['all clear', {}, 1, 'normal'],
    ['ranging', { regime: 'ranging' }, 0.7, 'reduced'],
    ['chop', { regime: 'chop' }, 0.5, 'reduced'],
    ['high vol', { regime: 'high_vol' }, 0.4, 'defensive'],
    ['downtrend', { regime: 'downtrend' }, 0.4, 'defensive'],
    ['confidence 0.5 → ×0.75', { confidence: 0.5 }, 0.75, 'reduced'],
    ['discipline 0.7 → ×0.75', { score: 0.7 }, 0.75, 'reduced'],
    ['discipline 0.55 → ×0.5', { score: 0.55 }, 0.5, 'reduced'],
    ['drawdown 7% → ×0.75', { drawdown: 0.07 }, 0.75, 'reduced'],
    ['drawdown 12% → ×0.5', { drawdown: 0.12 }, 0.5, 'reduced'],
    ['heat 0.7 → ×0.75', { heat: 0.7 }, 0.75, 'reduced'],
    ['risk-off → ×0.8', { risk: 'risk_off' }, 0.8, 'reduced'],
    [
      'combined: ranging, conf 0.6, dd 7%',
      { regime: 'ranging', confidence: 0.6, drawdown: 0.07 },
      0.42,
      'defensive',
    ],
  ] as const)('%s', (_, overrides, multiplier, mode) => {
    const decision = decideAllocation(inputs(overrides));
    expect(decision.allow_trade).toBe(true);
    expect(decision.position_size_multiplier).toBe(multiplier);
    expect(decision.risk_mode).toBe(mode);
  });

  it('the reason names the factors that fired', () => {
    const decision = decideAllocation(inputs({ regime: 'ranging', drawdown: 0.07 }));
    expect(decision.reason).toContain('regime ranging ×0.7');
    expect(decision.reason).toContain('drawdown 7.0% ×0.75');
    expect(decision.config_version).toBe('port-1');
  });
});

describe('decideAllocation: halts', () => {
  it.each([
    ['drawdown at 15%', { drawdown: 0.15 }, 'drawdown 15.0%'],
    ['discipline below 0.5', { score: 0.49 }, 'discipline 0.49 < 0.5'],
    ['unknown regime with low confidence', { regime: 'unknown', confidence: 0.4 }, 'unknown regime'],
    ['ten open positions', { positions: 10 }, '10 open positions'],
  ] as const)('%s', (_, overrides, reason) => {
    const decision = decideAllocation(inputs(overrides));
    expect(decision.allow_trade).toBe(false);
    expect(decision.position_size_multiplier).toBe(0);
    expect(decision.risk_mode).toBe('halt');
    expect(decision.reason).toContain(reason);
  });

  it('an unknown regime with enough confidence is allowed at base 0.5', () => {
    expect(decideAllocation(inputs({ regime: 'unknown', confidence: 0.6 })).position_size_multiplier).toBe(
      0.4,
    );
  });

  it('config overrides apply', () => {
    expect(decideAllocation(inputs({ positions: 12 }), { max_positions: 20 }).allow_trade).toBe(true);
  });

  it('rejects out-of-range inputs', () => {
    expect(() => decideAllocation(inputs({ drawdown: 1.5 }))).toThrow(QuantInputError);
    expect(() => decideAllocation(inputs({ score: Number.NaN }))).toThrow(QuantInputError);
  });
});
