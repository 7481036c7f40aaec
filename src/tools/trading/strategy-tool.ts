/**
 * `place_option_strategy`: "an iron condor on SPY" in one call. The legs are chosen server-side from
 * the live chain by the pure strategy builder (src/trading/strategy-builder), so the model never has
 * to assemble OCC symbols itself; the order then waits at the approval gate like every other.
 */
import { z } from 'zod';
import { recoverApproval, requestApproval } from '../../trading/approvals/gate.ts';
import type { BrokerEnvironment } from '../../trading/broker/factory.ts';
import type { OrderRequest } from '../../trading/broker/types.ts';
import {
  type BuiltStrategy,
  buildStrategy,
  chainContracts,
  STRATEGY_KINDS,
  StrategyBuildError,
} from '../../trading/strategy-builder/index.ts';
import { defineTool, ToolError } from '../types.ts';
import { brokerCall, newYorkToday, spotPrice, tradingSession } from './session.ts';

const DAY_MS = 86_400_000;
/** The chain window fetched: far enough for a calendar's back month, wide enough for 10-delta wings. */
const CHAIN_DAYS = 100;

export function strategyTool(env: BrokerEnvironment) {
  return defineTool({
    name: 'place_option_strategy',
    description:
      'Open an option strategy on an underlying in one call: the legs are picked from the chain ' +
      '(iron_condor: short put and call near target_delta, default 0.16, wings wing_width dollars ' +
      "beyond; expiry defaults to the one closest to 30 days). Waits for a person's approval and " +
      'returns the outcome.',
    input: z.object({
      underlying: z.string().trim().toUpperCase().min(1).max(10).describe('Ticker, e.g. SPY'),
      strategy: z.enum(STRATEGY_KINDS).describe('Which strategy'),
      expiry: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional()
        .describe('Expiry (YYYY-MM-DD); default the listed one closest to 30 days out'),
      target_delta: z
        .number()
        .gt(0)
        .lt(1)
        .optional()
        .describe('Absolute delta of the short legs (or bought leg)'),
      wing_width: z
        .number()
        .positive()
        .max(1000)
        .optional()
        .describe('Dollars from the short strikes to the wings'),
      type: z
        .enum(['call', 'put'])
        .optional()
        .describe('vertical, calendar, single: call or put (default call)'),
      side: z
        .enum(['buy', 'sell'])
        .optional()
        .describe('Default: sell iron condors/butterflies, buy everything else'),
      qty: z.number().int().min(1).max(1000).default(1).describe('Units (contracts per leg)'),
      limit_price: z
        .number()
        .optional()
        .describe('Net limit per unit (positive debit, negative credit); default a market order'),
    }),
    concurrencySafe: false,
    // Cut off by a restart while waiting: withdraw the request nobody awaits any more.
    recover: (ctx) => recoverApproval(ctx),
    async run(input, ctx) {
      const { account, broker } = await tradingSession(ctx, env);
      const now = new Date();
      const today = newYorkToday(now);
      const spot = await spotPrice(broker, input.underlying);
      const entries = await brokerCall(`reading the ${input.underlying} chain`, () =>
        broker.optionChain({
          underlying: input.underlying,
          expiryFrom: today,
          expiryTo: new Date(now.getTime() + CHAIN_DAYS * DAY_MS).toISOString().slice(0, 10),
          strikeFrom: spot * 0.7,
          strikeTo: spot * 1.3,
        }),
      );
      let built: BuiltStrategy;
      try {
        built = buildStrategy({
          request: {
            underlying: input.underlying,
            strategy: input.strategy,
            qty: input.qty,
            ...(input.expiry ? { expiry: input.expiry } : {}),
            ...(input.target_delta !== undefined ? { targetDelta: input.target_delta } : {}),
            ...(input.wing_width !== undefined ? { wingWidth: input.wing_width } : {}),
            ...(input.type ? { type: input.type } : {}),
            ...(input.side ? { side: input.side } : {}),
          },
          contracts: chainContracts(entries, spot, now),
          spot,
          today,
        });
      } catch (error) {
        if (error instanceof StrategyBuildError) throw new ToolError(error.message);
        throw error;
      }
      const result = await requestApproval(ctx, {
        account,
        broker,
        order: orderFor(built, input.limit_price),
        summary: built.description,
      });
      return { ...result, data: { ...result.data, legs: built.legs.map((leg) => leg.symbol) } };
    },
  });
}

function orderFor(built: BuiltStrategy, limitPrice: number | undefined): Omit<OrderRequest, 'clientOrderId'> {
  const pricing =
    limitPrice !== undefined ? { type: 'limit' as const, limitPrice } : { type: 'market' as const };
  const [only] = built.legs;
  if (built.legs.length === 1 && only) {
    return {
      orderClass: 'simple',
      symbol: only.symbol,
      side: only.side,
      positionIntent: only.positionIntent,
      qty: built.qty,
      timeInForce: 'day',
      ...pricing,
    };
  }
  return {
    orderClass: 'mleg',
    legs: built.legs.map((leg) => ({
      symbol: leg.symbol,
      side: leg.side,
      ratioQty: leg.ratioQty,
      positionIntent: leg.positionIntent,
    })),
    qty: built.qty,
    timeInForce: 'day',
    ...pricing,
  };
}
