import { describe, expect, it } from 'vitest';
import { optionGreeks, optionPrice } from './black-scholes.ts';
import type { OptionInputs, OptionType } from './contract.ts';
import { OptionExpiredError, OptionInputError } from './errors.ts';

/** Hull's textbook example: a 20-week call, here on act/365 (T = 140/365). */
const hull: OptionInputs = {
  type: 'call',
  spot: 49,
  strike: 50,
  rate: 0.05,
  dividendYield: 0,
  volatility: 0.2,
  timeToExpiry: 140 / 365,
};

/** Relative closeness with a floor, so values near zero are compared absolutely. */
function expectClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe('Black-Scholes-Merton reference values', () => {
  it("reproduces Hull's example: call ≈ 2.40, delta ≈ 0.52", () => {
    const greeks = optionGreeks(hull);
    expect(greeks.price).toBeCloseTo(2.4, 2);
    expect(greeks.delta).toBeCloseTo(0.52, 2);
    expect(greeks.gamma).toBeCloseTo(0.066, 3);
    // −4.31 a year in the textbook, per calendar day here; vega 12.1 and rho 8.91 per unit, per point here.
    expect(greeks.theta * 365).toBeCloseTo(-4.31, 1);
    expect(greeks.vega).toBeCloseTo(0.121, 3);
    expect(greeks.rho).toBeCloseTo(0.089, 3);
  });

  // Expected values: the closed form evaluated with 40-digit arithmetic, Greeks as its exact derivatives.
  const withDividends: [string, OptionInputs, Record<string, number>][] = [
    [
      'index call (S 930, K 900, r 8%, q 3%, σ 20%, 2 months)',
      {
        type: 'call',
        spot: 930,
        strike: 900,
        rate: 0.08,
        dividendYield: 0.03,
        volatility: 0.2,
        timeToExpiry: 2 / 12,
      },
      {
        price: 51.83295679649085,
        delta: 0.7034180086011917,
        gamma: 0.0045074038616943375,
        theta: -0.2918667749474652,
        vega: 1.2994845333264775,
        rho: 1.0039096520043624,
      },
    ],
    [
      'put (S 100, K 95, r 10%, q 5%, σ 20%, 6 months)',
      {
        type: 'put',
        spot: 100,
        strike: 95,
        rate: 0.1,
        dividendYield: 0.05,
        volatility: 0.2,
        timeToExpiry: 0.5,
      },
      {
        price: 2.464787646755821,
        delta: -0.2641815996360724,
        gamma: 0.02283957429626999,
        theta: -0.008220624921638504,
        vega: 0.2283957429626999,
        rho: -0.14441473805181532,
      },
    ],
    [
      'out-of-the-money call (S 100, K 110, r 3%, q 2%, σ 35%, 45 days)',
      {
        type: 'call',
        spot: 100,
        strike: 110,
        rate: 0.03,
        dividendYield: 0.02,
        volatility: 0.35,
        timeToExpiry: 45 / 365,
      },
      {
        price: 1.6388937239830792,
        delta: 0.24010052762138737,
        gamma: 0.025273593905972586,
        theta: -0.04293427392687699,
        vega: 0.10905728877234745,
        rho: 0.02758088100594533,
      },
    ],
    [
      'in-the-money put (S 100, K 110, r 3%, q 2%, σ 35%, 45 days)',
      {
        type: 'put',
        spot: 100,
        strike: 110,
        rate: 0.03,
        dividendYield: 0.02,
        volatility: 0.35,
        timeToExpiry: 45 / 365,
      },
      {
        price: 11.479067469908149,
        delta: -0.7574367564268647,
        gamma: 0.025273593905972586,
        theta: -0.03939251366269616,
        vega: 0.10905728877234745,
        rho: -0.10753488876895227,
      },
    ],
  ];

  it.each(withDividends)('%s: price and every Greek to 1e-12', (_label, inputs, expected) => {
    const greeks = optionGreeks(inputs);
    for (const [name, value] of Object.entries(expected)) {
      expectClose(greeks[name as keyof typeof greeks], value, 1e-12);
    }
    expect(optionPrice(inputs)).toBe(greeks.price);
  });
});

describe('put-call parity: C − P = S e^{−qT} − K e^{−rT}', () => {
  it('holds to 1e-10 across strikes, expiries, rates, yields and volatilities', () => {
    let checked = 0;
    for (const strike of [20, 60, 95, 100, 105, 150, 400])
      for (const timeToExpiry of [1 / 365, 0.1, 1, 5])
        for (const [rate, dividendYield] of [
          [0, 0],
          [0.05, 0.02],
          [-0.01, 0.04],
        ] as const)
          for (const volatility of [0.05, 0.3, 1.5]) {
            const inputs = { spot: 100, strike, rate, dividendYield, volatility, timeToExpiry };
            const call = optionPrice({ ...inputs, type: 'call' });
            const put = optionPrice({ ...inputs, type: 'put' });
            const forward =
              100 * Math.exp(-dividendYield * timeToExpiry) - strike * Math.exp(-rate * timeToExpiry);
            expect(Math.abs(call - put - forward)).toBeLessThan(1e-10);
            checked++;
          }
    expect(checked).toBe(7 * 4 * 3 * 3);
  });
});

describe('Greeks are the derivatives of the price', () => {
  // Central differences: error O(h²) plus rounding O(ε/h); the tolerances allow for both.
  const cases: OptionInputs[] = (['call', 'put'] as OptionType[]).flatMap((type) => [
    { ...hull, type },
    { type, spot: 100, strike: 80, rate: 0.02, dividendYield: 0.04, volatility: 0.45, timeToExpiry: 0.75 },
    { type, spot: 100, strike: 125, rate: 0.06, dividendYield: 0.01, volatility: 0.25, timeToExpiry: 2 },
  ]);

  it.each(cases)('$type S $spot K $strike q $dividendYield σ $volatility T $timeToExpiry', (inputs) => {
    const greeks = optionGreeks(inputs);
    const priceWith = (change: Partial<OptionInputs>) => optionPrice({ ...inputs, ...change });
    const central = (key: 'spot' | 'volatility' | 'rate', h: number) =>
      (priceWith({ [key]: inputs[key] + h }) - priceWith({ [key]: inputs[key] - h })) / (2 * h);

    expect(greeks.delta).toBeCloseTo(central('spot', 1e-4 * inputs.spot), 7);
    const dS = 1e-3 * inputs.spot;
    const secondDifference =
      (priceWith({ spot: inputs.spot + dS }) - 2 * greeks.price + priceWith({ spot: inputs.spot - dS })) /
      dS ** 2;
    expect(greeks.gamma).toBeCloseTo(secondDifference, 6);
    expect(greeks.vega).toBeCloseTo(central('volatility', 1e-5) * 0.01, 8);
    expect(greeks.rho).toBeCloseTo(central('rate', 1e-5) * 0.01, 8);
    // Theta: the value one calendar day later minus today's (time to expiry shrinks by 1/365).
    const day = 1 / 365;
    const thetaDifference =
      (priceWith({ timeToExpiry: inputs.timeToExpiry - day / 100 }) -
        priceWith({ timeToExpiry: inputs.timeToExpiry + day / 100 })) /
      (2 / 100);
    expect(greeks.theta).toBeCloseTo(thetaDifference, 8);
  });
});

describe('extremes', () => {
  it('a deep in-the-money call is its discounted forward intrinsic value, delta e^{−qT}, gamma ≈ 0', () => {
    const inputs: OptionInputs = { ...hull, spot: 200, dividendYield: 0.01 };
    const greeks = optionGreeks(inputs);
    const T = inputs.timeToExpiry;
    expect(greeks.price).toBeCloseTo(200 * Math.exp(-0.01 * T) - 50 * Math.exp(-0.05 * T), 10);
    expect(greeks.delta).toBeCloseTo(Math.exp(-0.01 * T), 12);
    expect(greeks.gamma).toBeLessThan(1e-12);
  });

  it('a deep out-of-the-money put is worth almost nothing but keeps a positive, finite price', () => {
    const greeks = optionGreeks({ ...hull, type: 'put', spot: 200 });
    expect(greeks.price).toBeGreaterThan(0);
    expect(greeks.price).toBeLessThan(1e-20);
    expect(greeks.delta).toBeLessThanOrEqual(0);
    expect(Object.values(greeks).every(Number.isFinite)).toBe(true);
  });

  it('with an hour to expiry an at-the-money option has large gamma and fast decay; away from it, intrinsic', () => {
    const hour = 1 / (365 * 24);
    const atTheMoney = optionGreeks({ ...hull, spot: 50, timeToExpiry: hour });
    expect(atTheMoney.delta).toBeCloseTo(0.5, 2);
    expect(atTheMoney.gamma).toBeGreaterThan(1);
    // Time value ∝ √T: the last hour decays far faster per day than the first of 140 days.
    expect(atTheMoney.theta / optionGreeks({ ...hull, spot: 50 }).theta).toBeGreaterThan(20);
    const inTheMoney = optionGreeks({ ...hull, spot: 52, timeToExpiry: hour });
    expect(inTheMoney.price).toBeCloseTo(52 - 50 * Math.exp(-0.05 * hour), 10);
    expect(inTheMoney.delta).toBeCloseTo(1, 10);
  });
});

describe('inputs outside the model', () => {
  it('rejects an expired option with OptionExpiredError', () => {
    expect(() => optionGreeks({ ...hull, timeToExpiry: 0 })).toThrow(OptionExpiredError);
    expect(() => optionPrice({ ...hull, timeToExpiry: -0.1 })).toThrow(/expired/);
  });

  it.each([
    ['spot', { spot: 0 }],
    ['strike', { strike: -5 }],
    ['volatility', { volatility: 0 }],
    ['rate', { rate: Number.NaN }],
  ] as const)('rejects a bad %s with OptionInputError naming it', (field, change) => {
    expect(() => optionGreeks({ ...hull, ...change })).toThrow(OptionInputError);
    expect(() => optionGreeks({ ...hull, ...change })).toThrow(new RegExp(`^${field} `));
  });
});
