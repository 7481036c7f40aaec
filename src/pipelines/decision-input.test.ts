import { describe, expect, it } from 'vitest';
import { QuantInputError } from '../quant/errors.ts';
import { sampleBars } from '../quant/sample-bars.ts';
import { asOfRange, buildDecisionInput, REGIME_ROWS } from './decision-input.ts';

const now = new Date('2026-12-05T12:00:00Z');

describe('buildDecisionInput', () => {
  it('defaults: the last bundled date, 100 SPY + 100 TLT, 10,000 cash, a swing trade in SPY', () => {
    const { input, asOf } = buildDecisionInput({}, sampleBars(), now);
    expect(asOf).toBe('2024-12-31');
    expect(input.prices.dates).toHaveLength(REGIME_ROWS);
    expect(input.prices.dates.at(-1)).toBe('2024-12-31');
    expect(Object.keys(input.prices.closes).sort()).toEqual(['GLD', 'QQQ', 'SLV', 'SPY', 'TLT']);
    expect(input.holdings).toEqual([
      { symbol: 'SPY', shares: 100 },
      { symbol: 'TLT', shares: 100 },
    ]);
    expect(input.cash).toBe(10_000);
    expect(input.executionScore).toBeUndefined();
    const spy = sampleBars().SPY?.at(-1);
    expect(input.guardian).toMatchObject({ price: spy?.close, tradeType: 'swing', recentLosses: 0 });
    expect(input.guardian?.atr).toBeGreaterThan(0);
  });

  it('reads prices up to the trading day on or before as_of, and maps the request fields', () => {
    const { input, asOf } = buildDecisionInput(
      {
        as_of: '2020-03-22',
        holdings: [{ symbol: 'GLD', quantity: 5, cost_basis: 120 }],
        cash: 0,
        execution_score: 0.6,
        guardian: { symbol: 'QQQ', trade_type: 'earnings', recent_losses: 2 },
      },
      sampleBars(),
      now,
    );
    expect(asOf).toBe('2020-03-20');
    expect(input.prices.dates.at(-1)).toBe('2020-03-20');
    expect(input.holdings).toEqual([{ symbol: 'GLD', shares: 5, avg_price: 120 }]);
    expect(input).toMatchObject({ cash: 0, executionScore: 0.6 });
    expect(input.guardian).toMatchObject({ tradeType: 'earnings', recentLosses: 2 });
  });

  it('refuses a date outside the bundled range and a symbol without bundled prices, naming the field', () => {
    const range = asOfRange(sampleBars());
    expect(range.to).toBe('2024-12-31');
    const early = () => buildDecisionInput({ as_of: '2015-02-01' }, sampleBars(), now);
    expect(early).toThrow(QuantInputError);
    expect(early).toThrow(`as_of must be between ${range.from} and 2024-12-31`);
    expect(() =>
      buildDecisionInput({ holdings: [{ symbol: 'AAPL', quantity: 1 }] }, sampleBars(), now),
    ).toThrow('holdings.0.symbol has no bundled prices');
    expect(() => buildDecisionInput({ guardian: { symbol: 'AAPL' } }, sampleBars(), now)).toThrow(
      'guardian.symbol has no bundled prices',
    );
  });
});
