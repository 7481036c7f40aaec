/**
 * `POST /api/options/greeks`: Black-Scholes-Merton price and Greeks for one European option, from a
 * volatility or from a quoted premium (implied volatility solved first). Pure math, no database; the
 * model lives in src/trading/options/.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { AppError, ValidationError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import type { MarketInputs } from '../trading/options/contract.ts';
import {
  OptionExpiredError,
  OptionInputError,
  PriceOutsideBoundsError,
  VolatilityOutOfRangeError,
} from '../trading/options/errors.ts';
import { type Evaluation, evaluateOption, type VolatilitySource } from '../trading/options/evaluate.ts';
import { MAX_IMPLIED_VOLATILITY } from '../trading/options/implied-volatility.ts';
import {
  DAYS_PER_YEAR,
  expiryInstant,
  yearsFromDays,
  yearsUntilExpiry,
} from '../trading/options/time-to-expiry.ts';
import { errorResponses } from './common-schemas.ts';

const MAX_AMOUNT = 10_000_000;
const MAX_DAYS = 3650;
const RATE_LIMIT = 1;

const amount = (description: string) => z.number().positive().max(MAX_AMOUNT).openapi({ description });

const OptionGreeksRequestSchema = z
  .object({
    type: z.enum(['call', 'put']),
    spot: amount('Price of the underlying'),
    strike: amount('Strike price'),
    rate: z.number().min(-RATE_LIMIT).max(RATE_LIMIT).openapi({
      description: 'Continuously compounded risk-free rate as a decimal (0.05 = 5%)',
      example: 0.05,
    }),
    dividend_yield: z
      .number()
      .min(-RATE_LIMIT)
      .max(RATE_LIMIT)
      .optional()
      .openapi({ description: 'Continuous dividend yield as a decimal; 0 when absent' }),
    volatility: z
      .number()
      .positive()
      .max(MAX_IMPLIED_VOLATILITY)
      .optional()
      .openapi({ description: 'Annualised volatility as a decimal (0.2 = 20%). Give this or `price`.' }),
    price: amount(
      'Quoted option premium: the implied volatility is solved from it. Give this or `volatility`.',
    ).optional(),
    expires_in_days: z.number().positive().max(MAX_DAYS).optional().openapi({
      description: 'Calendar days to expiry (act/365; fractions allowed). Give this or `expiry`.',
    }),
    expiry: z.iso.date().optional().openapi({
      description: 'Expiry date (YYYY-MM-DD), at 16:00 America/New_York. Give this or `expires_in_days`.',
    }),
  })
  .strict()
  .superRefine((body, context) => {
    exactlyOne(body, 'volatility', 'price', context);
    exactlyOne(body, 'expires_in_days', 'expiry', context);
  })
  .openapi('OptionGreeksRequest');

function exactlyOne<Body extends object>(
  body: Body,
  first: keyof Body & string,
  second: keyof Body & string,
  context: z.RefinementCtx,
): void {
  const given = [first, second].filter((key) => body[key] !== undefined);
  if (given.length === 1) return;
  context.addIssue({
    code: 'custom',
    path: [given.length === 0 ? first : second],
    message: given.length === 0 ? `give ${first} or ${second}` : `give ${first} or ${second}, not both`,
  });
}

const OptionGreeksSchema = z
  .object({
    price: z.number().openapi({ description: 'Model value (equals the quoted price when one was given)' }),
    delta: z.number().openapi({ description: 'Change in value per 1 of spot' }),
    gamma: z.number().openapi({ description: 'Change in delta per 1 of spot' }),
    theta: z.number().openapi({ description: 'Change in value per calendar day (annual theta / 365)' }),
    vega: z.number().openapi({ description: 'Change in value per 0.01 (one point) of volatility' }),
    rho: z.number().openapi({ description: 'Change in value per 0.01 (one point) of the rate' }),
    implied_volatility: z
      .number()
      .optional()
      .openapi({ description: 'Solved from `price`, as a decimal; present only when a price was given' }),
  })
  .openapi('OptionGreeks');

const greeks = createRoute({
  method: 'post',
  path: '/options/greeks',
  tags: ['options'],
  summary: 'Black-Scholes-Merton price and Greeks, from a volatility or a quoted price',
  description:
    'European option with a continuous dividend yield. Theta is per calendar day, vega and rho per 0.01 ' +
    '(one point). With `price` the implied volatility is solved first and the Greeks use it; a price ' +
    'outside the no-arbitrage bounds is a 422 naming the bounds.',
  security: [{ bearerAuth: [] }],
  request: {
    body: { content: { 'application/json': { schema: OptionGreeksRequestSchema } }, required: true },
  },
  responses: {
    200: { description: 'Price and Greeks', content: { 'application/json': { schema: OptionGreeksSchema } } },
    ...errorResponses(400, 401, 413, 415, 422),
  },
});

type OptionGreeksRequest = z.infer<typeof OptionGreeksRequestSchema>;

export const optionRoutes = createRouter().openapi(greeks, (c) => {
  const body = c.req.valid('json');
  try {
    const evaluation = evaluateOption(marketOf(body), volatilitySourceOf(body));
    return c.json(toJson(evaluation), 200);
  } catch (error) {
    throw toHttpError(error, body);
  }
});

function marketOf(body: OptionGreeksRequest): MarketInputs {
  const timeToExpiry =
    body.expiry === undefined
      ? yearsFromDays(body.expires_in_days ?? 0)
      : yearsUntilExpiry(body.expiry, new Date());
  if (timeToExpiry > MAX_DAYS / DAYS_PER_YEAR) {
    throw new ValidationError([{ path: 'body.expiry', message: `must be within ${MAX_DAYS} days` }]);
  }
  return {
    type: body.type,
    spot: body.spot,
    strike: body.strike,
    rate: body.rate,
    dividendYield: body.dividend_yield ?? 0,
    timeToExpiry,
  };
}

function volatilitySourceOf(body: OptionGreeksRequest): VolatilitySource {
  return body.volatility === undefined ? { price: body.price ?? 0 } : { volatility: body.volatility };
}

function toJson(evaluation: Evaluation) {
  const { impliedVolatility, ...figures } = evaluation;
  return impliedVolatility === undefined ? figures : { ...figures, implied_volatility: impliedVolatility };
}

/** The math's typed failures as the one 422 shape, each pointing at the field to change. */
function toHttpError(error: unknown, body: OptionGreeksRequest): unknown {
  if (error instanceof PriceOutsideBoundsError) {
    return new AppError(422, 'validation_failed', error.message, {
      details: {
        issues: [{ path: 'body.price', message: error.message }],
        bounds: { lower: error.lower, upper: error.upper },
      },
    });
  }
  if (error instanceof VolatilityOutOfRangeError) {
    return new ValidationError([{ path: 'body.price', message: error.message }]);
  }
  if (error instanceof OptionExpiredError) {
    const issue =
      body.expiry === undefined
        ? { path: 'body.expires_in_days', message: 'must be positive' }
        : {
            path: 'body.expiry',
            message: `the option expired at ${expiryInstant(body.expiry).toISOString()} (16:00 New York)`,
          };
    return new ValidationError([issue]);
  }
  if (error instanceof OptionInputError) {
    return new ValidationError([{ path: `body.${error.field}`, message: error.message }]);
  }
  return error;
}
