import { describe, expect, it } from 'vitest';
import { optionPrice, vegaPerUnit } from './black-scholes.ts';
import { noArbitrageBounds } from './bounds.ts';
import type { MarketInputs, OptionType } from './contract.ts';
import { OptionExpiredError, PriceOutsideBoundsError, VolatilityOutOfRangeError } from './errors.ts';
import { impliedVolatility, MAX_IMPLIED_VOLATILITY } from './implied-volatility.ts';

const hullMarket: MarketInputs = {
  type: 'call',
  spot: 49,
  strike: 50,
  rate: 0.05,
  dividendYield: 0,
  timeToExpiry: 140 / 365,
};

describe('impliedVolatility', () => {
  it("recovers 20% from the price of Hull's example", () => {
    const price = optionPrice({ ...hullMarket, volatility: 0.2 });
    expect(impliedVolatility(hullMarket, price)).toBeCloseTo(0.2, 12);
  });

  it('round-trips a chain grid (strikes 60–140% of spot, 5%–300% vol, 1 day to 3 years) to 1e-6', () => {
    const types: OptionType[] = ['call', 'put'];
    const strikes = [60, 75, 90, 95, 100, 105, 110, 125, 140];
    const volatilities = [0.05, 0.15, 0.3, 0.6, 1.2, 3];
    const days = [1, 7, 30, 91, 365, 1095];
    let recovered = 0;
    let informative = 0;
    for (const type of types)
      for (const strike of strikes)
        for (const volatility of volatilities)
          for (const day of days) {
            const market: MarketInputs = {
              type,
              spot: 100,
              strike,
              rate: 0.04,
              dividendYield: 0.015,
              timeToExpiry: day / 365,
            };
            const price = optionPrice({ ...market, volatility });
            // Where vega is below a millionth, a 1e-6 change of σ moves the price by less than its own
            // rounding: the price no longer carries σ to 1e-6. There the solver must still either refuse
            // (no time value left at all) or return a σ that reproduces the price to 1e-12 (spot 100).
            if (vegaPerUnit({ ...market, volatility }) < 1e-6) {
              let solved: number | undefined;
              try {
                solved = impliedVolatility(market, price);
              } catch (error) {
                expect(error).toBeInstanceOf(PriceOutsideBoundsError);
              }
              if (solved !== undefined) {
                const repriced = optionPrice({ ...market, volatility: solved });
                expect(Math.abs(repriced - price)).toBeLessThan(1e-12);
              }
              continue;
            }
            informative++;
            const solved = impliedVolatility(market, price);
            expect(Math.abs(solved - volatility), `${type} K ${strike} σ ${volatility} ${day}d`).toBeLessThan(
              1e-6,
            );
            recovered++;
          }
    expect(recovered).toBe(informative);
    // Most of the grid is informative; the exceptions are the 1-day, low-vol, far-from-the-money corners.
    expect(recovered).toBeGreaterThan(
      0.8 * types.length * strikes.length * volatilities.length * days.length,
    );
  });

  it('solves deep in- and out-of-the-money options whose prices still carry the volatility', () => {
    const cases: [MarketInputs, number][] = [
      [{ ...hullMarket, strike: 25 }, 0.9], // deep ITM call, high vol
      [{ ...hullMarket, strike: 100, timeToExpiry: 2 }, 0.25], // deep OTM call
      [{ ...hullMarket, type: 'put', strike: 20, timeToExpiry: 1 }, 0.5], // deep OTM put
      [{ ...hullMarket, type: 'put', strike: 80, timeToExpiry: 1 }, 0.6], // deep ITM put
    ];
    for (const [market, volatility] of cases) {
      const price = optionPrice({ ...market, volatility });
      expect(impliedVolatility(market, price)).toBeCloseTo(volatility, 7);
    }
  });

  it('solves very short expiries: an hour and a day, at the money', () => {
    for (const timeToExpiry of [1 / (365 * 24), 1 / 365]) {
      const market = { ...hullMarket, spot: 50, timeToExpiry };
      const price = optionPrice({ ...market, volatility: 0.35 });
      expect(impliedVolatility(market, price)).toBeCloseTo(0.35, 9);
    }
  });

  it('rejects a price at or beyond either no-arbitrage bound, saying which bounds apply', () => {
    const { lower, upper } = noArbitrageBounds({ ...hullMarket, strike: 40 });
    expect(lower).toBeGreaterThan(0);
    for (const price of [0, lower, lower - 0.01, upper, upper + 1]) {
      let thrown: unknown;
      try {
        impliedVolatility({ ...hullMarket, strike: 40 }, price);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PriceOutsideBoundsError);
      expect(thrown).toMatchObject({ price, lower, upper });
      expect((thrown as Error).message).toMatch(/no-arbitrage bounds/);
    }
  });

  it('a put is bounded by the discounted strike', () => {
    const put: MarketInputs = { ...hullMarket, type: 'put' };
    const discountedStrike = 50 * Math.exp(-0.05 * put.timeToExpiry);
    expect(noArbitrageBounds(put).upper).toBeCloseTo(discountedStrike, 14);
    expect(() => impliedVolatility(put, discountedStrike + 0.001)).toThrow(PriceOutsideBoundsError);
  });

  it('rejects an expired option (T ≤ 0) before looking at the price', () => {
    expect(() => impliedVolatility({ ...hullMarket, timeToExpiry: 0 }, 1)).toThrow(OptionExpiredError);
    expect(() => impliedVolatility({ ...hullMarket, timeToExpiry: -1 / 365 }, 1)).toThrow(OptionExpiredError);
  });

  it('rejects a price inside the bounds that only an absurd volatility could produce', () => {
    const market = { ...hullMarket, timeToExpiry: 1 / 365 };
    const price = 0.999 * noArbitrageBounds(market).upper;
    expect(optionPrice({ ...market, volatility: MAX_IMPLIED_VOLATILITY })).toBeLessThan(price);
    expect(() => impliedVolatility(market, price)).toThrow(VolatilityOutOfRangeError);
  });
});
