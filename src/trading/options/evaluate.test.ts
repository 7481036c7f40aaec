import { describe, expect, it } from 'vitest';
import { optionGreeks } from './black-scholes.ts';
import type { MarketInputs } from './contract.ts';
import { PriceOutsideBoundsError } from './errors.ts';
import { evaluateOption } from './evaluate.ts';

const market: MarketInputs = {
  type: 'put',
  spot: 100,
  strike: 105,
  rate: 0.03,
  dividendYield: 0.01,
  timeToExpiry: 60 / 365,
};

describe('evaluateOption', () => {
  it('with a volatility: the Greeks, and no implied volatility', () => {
    const evaluation = evaluateOption(market, { volatility: 0.3 });
    expect(evaluation).toEqual(optionGreeks({ ...market, volatility: 0.3 }));
    expect(evaluation).not.toHaveProperty('impliedVolatility');
  });

  it('with a price: solves the volatility, then gives the Greeks at it (repricing to the quote)', () => {
    const quoted = optionGreeks({ ...market, volatility: 0.42 }).price;
    const evaluation = evaluateOption(market, { price: quoted });
    expect(evaluation.impliedVolatility).toBeCloseTo(0.42, 10);
    expect(evaluation.price).toBeCloseTo(quoted, 12);
    expect(evaluation.vega).toBeCloseTo(optionGreeks({ ...market, volatility: 0.42 }).vega, 10);
  });

  it('passes on a price outside the no-arbitrage bounds', () => {
    expect(() => evaluateOption(market, { price: 200 })).toThrow(PriceOutsideBoundsError);
  });
});
