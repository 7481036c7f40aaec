/** Market data for choosing trades: a concise option chain near the money, and Black-Scholes Greeks. */
import { z } from 'zod';
import type { BrokerEnvironment } from '../../trading/broker/factory.ts';
import { OptionMathError } from '../../trading/options/errors.ts';
import { evaluateOption } from '../../trading/options/evaluate.ts';
import { yearsFromDays, yearsUntilExpiry } from '../../trading/options/time-to-expiry.ts';
import { chainContracts } from '../../trading/strategy-builder/index.ts';
import { defineTool, ToolError } from '../types.ts';
import { brokerCall, newYorkToday, price, spotPrice, tradingSession } from './session.ts';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const DAY_MS = 86_400_000;

export function marketTools(env: BrokerEnvironment) {
  const getOptionChain = defineTool({
    name: 'get_option_chain',
    description:
      'Option contracts of an underlying near the money: symbol, strike, bid/ask/mid, delta and IV, ' +
      'per expiry. Defaults: expiries within 45 days, 5 strikes either side of the spot, calls and puts.',
    input: z.object({
      underlying: z.string().trim().toUpperCase().min(1).max(10).describe('Ticker, e.g. SPY'),
      expiry_from: DATE.optional().describe('First expiry to include (YYYY-MM-DD); default tomorrow'),
      expiry_to: DATE.optional().describe('Last expiry to include (YYYY-MM-DD); default 45 days out'),
      type: z.enum(['call', 'put']).optional().describe('Only calls or only puts'),
      strikes_around: z
        .number()
        .int()
        .min(1)
        .max(25)
        .default(5)
        .describe('How many strikes either side of the spot to show per expiry'),
      max_expiries: z.number().int().min(1).max(6).default(3).describe('At most this many expiries'),
    }),
    concurrencySafe: true,
    async run(input, ctx) {
      const { broker } = await tradingSession(ctx, env);
      const now = new Date();
      const today = newYorkToday(now);
      const spot = await spotPrice(broker, input.underlying);
      const from = input.expiry_from ?? addDays(today, 1);
      const to = input.expiry_to ?? addDays(today, 45);
      const entries = await brokerCall(`reading the ${input.underlying} chain`, () =>
        broker.optionChain({
          underlying: input.underlying,
          expiryFrom: from,
          expiryTo: to,
          ...(input.type ? { type: input.type } : {}),
          strikeFrom: spot * 0.7,
          strikeTo: spot * 1.3,
        }),
      );
      const entryBySymbol = new Map(entries.map((entry) => [entry.symbol, entry]));
      const contracts = chainContracts(entries, spot, now);
      const expiries = [...new Set(contracts.map((c) => c.expiry))].sort().slice(0, input.max_expiries);
      if (expiries.length === 0)
        return {
          content: `${input.underlying} at ${price(spot)}: no contracts expire between ${from} and ${to}.`,
        };
      const blocks = expiries.map((expiry) => {
        const strikes = [...new Set(contracts.filter((c) => c.expiry === expiry).map((c) => c.strike))].sort(
          (a, b) => a - b,
        );
        const atm = strikes.reduce(
          (best, strike, index) =>
            Math.abs(strike - spot) < Math.abs((strikes[best] ?? 0) - spot) ? index : best,
          0,
        );
        const near = new Set(
          strikes.slice(Math.max(0, atm - input.strikes_around), atm + input.strikes_around + 1),
        );
        const rows = contracts
          .filter((c) => c.expiry === expiry && near.has(c.strike))
          .sort((a, b) => a.strike - b.strike || a.type.localeCompare(b.type))
          .map((c) => {
            const iv = entryBySymbol.get(c.symbol)?.impliedVolatility;
            return `  ${c.symbol} ${c.type} ${c.strike} bid ${price(c.bid)} ask ${price(c.ask)} mid ${price(c.mid)} delta ${c.delta === null ? 'n/a' : c.delta.toFixed(2)} iv ${iv ? `${(iv * 100).toFixed(1)}%` : 'n/a'}`;
          });
        return [`Expiry ${expiry}:`, ...rows].join('\n');
      });
      return {
        content: `${input.underlying} at ${price(spot)}.\n${blocks.join('\n')}`,
        data: { underlying: input.underlying, spot, expiries, contracts: contracts.length },
      };
    },
  });

  const computeGreeks = defineTool({
    name: 'compute_greeks',
    description:
      'Black-Scholes-Merton price and Greeks of one option (theta per calendar day, vega and rho per ' +
      '1 point), from a volatility or from a premium (implied volatility solved first).',
    input: z.object({
      type: z.enum(['call', 'put']).describe('call or put'),
      spot: z.number().positive().describe('Price of the underlying'),
      strike: z.number().positive().describe('Strike price'),
      expiry: DATE.optional().describe('Expiry date (YYYY-MM-DD); or give expires_in_days'),
      expires_in_days: z.number().positive().max(3650).optional().describe('Calendar days to expiry'),
      volatility: z.number().positive().max(10).optional().describe('Annualised volatility (0.2 = 20%)'),
      price: z.number().positive().optional().describe('Option premium, to solve the implied volatility'),
      rate: z.number().min(-1).max(1).default(0.04).describe('Risk-free rate as a decimal'),
      dividend_yield: z.number().min(-1).max(1).default(0).describe('Continuous dividend yield'),
    }),
    concurrencySafe: true,
    async run(input) {
      const timeToExpiry = input.expiry
        ? yearsUntilExpiry(input.expiry, new Date())
        : input.expires_in_days !== undefined
          ? yearsFromDays(input.expires_in_days)
          : undefined;
      if (timeToExpiry === undefined) throw new ToolError('give expiry (YYYY-MM-DD) or expires_in_days');
      const source =
        input.volatility !== undefined
          ? { volatility: input.volatility }
          : input.price !== undefined
            ? { price: input.price }
            : undefined;
      if (!source) throw new ToolError('give volatility, or price to solve the implied volatility');
      try {
        const result = evaluateOption(
          {
            type: input.type,
            spot: input.spot,
            strike: input.strike,
            rate: input.rate,
            dividendYield: input.dividend_yield,
            timeToExpiry,
          },
          source,
        );
        const iv =
          result.impliedVolatility !== undefined
            ? `, implied volatility ${(result.impliedVolatility * 100).toFixed(2)}%`
            : '';
        return {
          content:
            `${input.type} ${input.strike} on ${input.spot}: price ${result.price.toFixed(4)}, delta ${result.delta.toFixed(4)}, ` +
            `gamma ${result.gamma.toFixed(5)}, theta ${result.theta.toFixed(4)}/day, vega ${result.vega.toFixed(4)}, rho ${result.rho.toFixed(4)}${iv}.`,
          data: { ...result },
        };
      } catch (error) {
        if (error instanceof OptionMathError) throw new ToolError(error.message);
        throw error;
      }
    },
  });

  return [getOptionChain, computeGreeks];
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
