import { describe, expect, it } from 'vitest';
import { liveTradingProblems } from './live-trading.ts';

const live = { mode: 'live' as const, tradingEnabled: true, maxOrderNotional: 1_000, maxDailyLoss: 200 };

describe('liveTradingProblems', () => {
  it('allows a live account with both limits, and any disabled or paper account', () => {
    expect(liveTradingProblems(live)).toEqual([]);
    expect(liveTradingProblems({ ...live, tradingEnabled: false, maxDailyLoss: null })).toEqual([]);
    expect(
      liveTradingProblems({ ...live, mode: 'paper', maxOrderNotional: null, maxDailyLoss: null }),
    ).toEqual([]);
  });

  it('names each missing limit and says why', () => {
    const problems = liveTradingProblems({ ...live, maxOrderNotional: null, maxDailyLoss: null });
    expect(problems.map((p) => p.path)).toEqual(['body.max_order_notional', 'body.max_daily_loss']);
    expect(problems[0]?.message).toContain('real money');
    expect(liveTradingProblems({ ...live, maxDailyLoss: null }).map((p) => p.path)).toEqual([
      'body.max_daily_loss',
    ]);
  });
});
