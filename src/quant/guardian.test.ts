import { describe, expect, it } from 'vitest';
import { QuantInputError } from './errors.ts';
import { evaluateGuardian, type GuardianInput } from './guardian.ts';

const base: GuardianInput = {
  account_size: 100_000,
  drawdown_pct: 0,
  volatility: 'normal',
  regime: 'trend',
  trade_type: 'swing',
  recent_losses: 0,
};

describe('evaluateGuardian: allowed risk', () => {
  it.each([
    ['trend, normal vol, swing', {}, 1],
    ['range', { regime: 'range' }, 0.75],
    ['choppy', { regime: 'choppy' }, 0.5],
    ['high vol', { volatility: 'high' }, 0.5],
    ['scalp', { trade_type: 'scalp' }, 0.5],
    ['drawdown 7%', { drawdown_pct: 7 }, 0.75],
    ['drawdown 15%', { drawdown_pct: 15 }, 0.5],
    ['two recent losses', { recent_losses: 2 }, 0.5],
    [
      'floored at 0.1',
      { regime: 'choppy', volatility: 'high', trade_type: 'earnings', drawdown_pct: 15, recent_losses: 2 },
      0.1,
    ],
  ] as const)('%s → %d%%', (_, overrides, pct) => {
    const decision = evaluateGuardian({ ...base, ...overrides });
    expect(decision.trade_allowed).toBe(true);
    expect(decision.allowed_risk_pct).toBe(pct);
    expect(decision.stop).toBeNull();
    expect(decision.size).toBeNull();
  });

  it.each([
    ['drawdown at 20%', { drawdown_pct: 20 }],
    ['three recent losses', { recent_losses: 3 }],
  ] as const)('blocks: %s (no stop or size even with price and ATR)', (_, overrides) => {
    const decision = evaluateGuardian({ ...base, ...overrides, price: 500, atr: 5 });
    expect(decision).toMatchObject({ trade_allowed: false, allowed_risk_pct: 0, stop: null, size: null });
  });
});

describe('evaluateGuardian: stop and size', () => {
  it('trend swing: stop 2 × ATR, size = risk budget / stop distance', () => {
    const decision = evaluateGuardian({ ...base, price: 500, atr: 5 });
    expect(decision.stop).toEqual({ distance: 10, price: 490 });
    // 1% of 100k = 1,000 / 10 = 100 shares (50,000 notional, under the 200-share cash cap).
    expect(decision.size).toEqual({ shares: 100, risk_budget: 1000, risk_amount: 1000, notional: 50_000 });
  });

  it('choppy earnings: stop 2.5 × 1.5 × ATR', () => {
    const decision = evaluateGuardian({
      ...base,
      regime: 'choppy',
      trade_type: 'earnings',
      price: 100,
      atr: 2,
    });
    expect(decision.stop?.distance).toBe(7.5);
    // 0.25% of 100k = 250 / 7.5 = 33.3 → 33 shares.
    expect(decision.size?.shares).toBe(33);
  });

  it('caps the size at what the account can pay for (no leverage)', () => {
    const decision = evaluateGuardian({ ...base, price: 500, atr: 0.5 });
    // By risk: 1,000 / 1 = 1,000 shares; by cash: 100,000 / 500 = 200.
    expect(decision.size?.shares).toBe(200);
  });

  it('needs both price and ATR for a stop', () => {
    expect(evaluateGuardian({ ...base, price: 500 }).stop).toBeNull();
    expect(evaluateGuardian({ ...base, atr: 5 }).size).toBeNull();
  });

  it('rejects unknown categories and bad numbers', () => {
    expect(() => evaluateGuardian({ ...base, regime: 'sideways' as GuardianInput['regime'] })).toThrow(
      QuantInputError,
    );
    expect(() => evaluateGuardian({ ...base, account_size: 0 })).toThrow(QuantInputError);
    expect(() => evaluateGuardian({ ...base, drawdown_pct: 120 })).toThrow(QuantInputError);
    expect(() => evaluateGuardian({ ...base, recent_losses: 1.5 })).toThrow(QuantInputError);
  });
});
