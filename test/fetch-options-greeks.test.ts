/**
 * POST /api/options/greeks: Black-Scholes-Merton price and Greeks from a volatility or from a quoted
 * price, inside the Worker; bad input is a 422 in the one error shape naming the field.
 */
import { describe, expect, it } from 'vitest';
import { call, expectError } from './helpers/api.ts';

const PATH = '/api/options/greeks';

interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
  implied_volatility?: number;
}

interface Issue {
  path: string;
  message: string;
}

/** Hull's textbook call: 49 spot, 50 strike, 5% rate, 20% vol, 20 weeks. */
const hull = { type: 'call', spot: 49, strike: 50, rate: 0.05, volatility: 0.2, expires_in_days: 140 };

const post = (json: unknown, token?: string | null) => call(PATH, { method: 'POST', json, token });

async function greeks(json: unknown): Promise<Greeks> {
  const response = await post(json);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Greeks;
}

async function expectInvalid(json: unknown): Promise<{ message: string; issues: Issue[]; details: unknown }> {
  const body = await expectError(await post(json), 422, 'validation_failed');
  const details = body.error.details as { issues: Issue[] };
  return { message: body.error.message, issues: details.issues, details };
}

describe('POST /api/options/greeks', () => {
  it("prices Hull's example: call ≈ 2.40, delta ≈ 0.52, theta per day, vega and rho per point", async () => {
    const result = await greeks(hull);
    expect(result.price).toBeCloseTo(2.396, 3);
    expect(result.delta).toBeCloseTo(0.5214, 4);
    expect(result.gamma).toBeCloseTo(0.0656, 4);
    expect(result.theta).toBeCloseTo(-4.31 / 365, 4);
    expect(result.vega).toBeCloseTo(0.1209, 4);
    expect(result.rho).toBeCloseTo(0.0888, 4);
    expect(result).not.toHaveProperty('implied_volatility');
  });

  it('takes a dividend yield and a put', async () => {
    const result = await greeks({
      type: 'put',
      spot: 100,
      strike: 95,
      rate: 0.1,
      dividend_yield: 0.05,
      volatility: 0.2,
      expires_in_days: 182.5,
    });
    expect(result.price).toBeCloseTo(2.4648, 4);
    expect(result.delta).toBeCloseTo(-0.2642, 4);
  });

  it('solves the implied volatility from a price, and the Greeks use it', async () => {
    const fromVolatility = await greeks(hull);
    const { volatility: _, ...withoutVolatility } = hull;
    const fromPrice = await greeks({ ...withoutVolatility, price: fromVolatility.price });
    expect(fromPrice.implied_volatility).toBeCloseTo(0.2, 9);
    expect(fromPrice.price).toBeCloseTo(fromVolatility.price, 10);
    expect(fromPrice.delta).toBeCloseTo(fromVolatility.delta, 9);
    expect(fromPrice.vega).toBeCloseTo(fromVolatility.vega, 9);
  });

  it('takes an expiry date (16:00 New York) instead of a number of days', async () => {
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    const result = await greeks({ ...hull, expires_in_days: undefined, expiry: inAYear });
    const oneYear = await greeks({ ...hull, expires_in_days: 365 });
    // Within a day of a year away: the prices differ by at most a day's theta.
    expect(Math.abs(result.price - oneYear.price)).toBeLessThan(2 * Math.abs(oneYear.theta));
  });

  it('422 with the bounds for a price outside the no-arbitrage bounds', async () => {
    const { volatility: _, ...market } = hull;
    const { message, issues, details } = await expectInvalid({ ...market, price: 60 });
    expect(message).toMatch(/no-arbitrage bounds/);
    expect(issues).toEqual([
      { path: 'body.price', message: expect.stringMatching(/strictly between 0 and 49/) },
    ]);
    expect(details).toMatchObject({ bounds: { lower: 0, upper: 49 } });
  });

  it('422 for a price below the intrinsic value', async () => {
    const { volatility: _, ...market } = hull;
    const { issues } = await expectInvalid({ ...market, strike: 30, price: 18 });
    expect(issues[0]?.path).toBe('body.price');
  });

  it('422 naming body.expiry for a date whose close has passed', async () => {
    const { expires_in_days: _, ...market } = hull;
    const { issues } = await expectInvalid({ ...market, expiry: '2020-01-17' });
    expect(issues).toEqual([
      { path: 'body.expiry', message: expect.stringMatching(/expired at 2020-01-17T21:00/) },
    ]);
  });

  it.each([
    [
      'neither volatility nor price',
      { volatility: undefined },
      'body.volatility',
      /give volatility or price/,
    ],
    ['both volatility and price', { price: 2.4 }, 'body.price', /not both/],
    ['neither expires_in_days nor expiry', { expires_in_days: undefined }, 'body.expires_in_days', /give/],
    ['both expires_in_days and expiry', { expiry: '2030-01-18' }, 'body.expiry', /not both/],
    ['a missing type', { type: undefined }, 'body.type', /./],
    ['an unknown type', { type: 'straddle' }, 'body.type', /./],
    ['a zero spot', { spot: 0 }, 'body.spot', /./],
    ['a negative strike', { strike: -50 }, 'body.strike', /./],
    ['a huge strike', { strike: 1e12 }, 'body.strike', /./],
    ['a string for spot', { spot: '49' }, 'body.spot', /./],
    ['a rate above 100%', { rate: 5 }, 'body.rate', /./],
    ['a dividend yield below −100%', { dividend_yield: -2 }, 'body.dividend_yield', /./],
    ['a zero volatility', { volatility: 0 }, 'body.volatility', /./],
    ['a volatility above 1000%', { volatility: 11 }, 'body.volatility', /./],
    ['zero days to expiry', { expires_in_days: 0 }, 'body.expires_in_days', /./],
    ['more than ten years to expiry', { expires_in_days: 4000 }, 'body.expires_in_days', /./],
    [
      'an expiry that is not a date',
      { expires_in_days: undefined, expiry: '2030-02-30' },
      'body.expiry',
      /./,
    ],
    [
      'an expiry past ten years',
      { expires_in_days: undefined, expiry: '2099-01-16' },
      'body.expiry',
      /within/,
    ],
    ['a zero price', { volatility: undefined, price: 0 }, 'body.price', /./],
    ['an unknown field', { notional: 100 }, 'body', /notional/],
  ])('422 for %s', async (_label, change, path, message) => {
    const { issues } = await expectInvalid({ ...hull, ...change });
    const issue = issues.find((candidate) => candidate.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it('401 without credentials', async () => {
    await expectError(await post(hull, null), 401, 'unauthorized');
  });
});
