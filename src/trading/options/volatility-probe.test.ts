import { describe, expect, it } from 'vitest';
import { optionPrice, vegaPerUnit } from './black-scholes.ts';
import type { MarketInputs } from './contract.ts';
import { OptionExpiredError } from './errors.ts';
import { VolatilityProbe } from './volatility-probe.ts';

describe('VolatilityProbe', () => {
  it('gives the same price and vega as the Black-Scholes-Merton functions, for calls and puts', () => {
    for (const type of ['call', 'put'] as const)
      for (const strike of [60, 100, 140])
        for (const volatility of [0.05, 0.3, 2]) {
          const market: MarketInputs = {
            type,
            spot: 100,
            strike,
            rate: 0.03,
            dividendYield: 0.02,
            timeToExpiry: 0.4,
          };
          const probe = new VolatilityProbe(market);
          probe.at(volatility);
          expect(probe.price).toBeCloseTo(optionPrice({ ...market, volatility }), 13);
          expect(probe.vega).toBeCloseTo(vegaPerUnit({ ...market, volatility }), 13);
        }
  });

  it('refuses an expired contract', () => {
    const market: MarketInputs = {
      type: 'call',
      spot: 1,
      strike: 1,
      rate: 0,
      dividendYield: 0,
      timeToExpiry: 0,
    };
    expect(() => new VolatilityProbe(market)).toThrow(OptionExpiredError);
  });
});
