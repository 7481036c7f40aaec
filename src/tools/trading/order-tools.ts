/**
 * Tools that place risk: each builds the exact broker order, then waits at the approval gate
 * (src/trading/approvals/gate.ts) until a person approves or rejects it. Cancelling adds no risk and
 * needs no approval.
 */
import { z } from 'zod';
import { recoverApproval, requestApproval } from '../../trading/approvals/gate.ts';
import { orderWords } from '../../trading/approvals/order-json.ts';
import type { BrokerEnvironment } from '../../trading/broker/factory.ts';
import type { OrderRequest } from '../../trading/broker/types.ts';
import { defineTool, ToolError } from '../types.ts';
import { brokerCall, tradingSession } from './session.ts';

const SYMBOL = z.string().trim().toUpperCase().min(1).max(32);
const INTENT = z.enum(['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close']);

export function orderTools(env: BrokerEnvironment) {
  const placeOrder = defineTool({
    name: 'place_order',
    description:
      'Place a stock or option order: simple (one symbol) or mleg (2-4 option legs filled together). ' +
      "Waits for a person's approval and returns the outcome (order id and fill, or why not).",
    input: z.object({
      order_class: z
        .enum(['simple', 'mleg'])
        .default('simple')
        .describe('simple = one symbol; mleg = 2-4 legs'),
      symbol: SYMBOL.optional().describe('simple: ticker or OCC option symbol'),
      side: z.enum(['buy', 'sell']).optional().describe('simple: buy or sell'),
      position_intent: INTENT.optional().describe('simple options: e.g. buy_to_open, sell_to_close'),
      legs: z
        .array(
          z.object({
            symbol: SYMBOL.describe('OCC option symbol'),
            side: z.enum(['buy', 'sell']).describe('buy or sell'),
            ratio_qty: z.number().int().min(1).max(100).default(1).describe('Contracts per unit of qty'),
            position_intent: INTENT.optional().describe('e.g. sell_to_open'),
          }),
        )
        .min(2)
        .max(4)
        .optional()
        .describe('mleg: the legs'),
      qty: z.number().positive().max(100_000).describe('Shares, contracts, or mleg units'),
      type: z.enum(['market', 'limit']).default('market').describe('market or limit'),
      limit_price: z
        .number()
        .optional()
        .describe(
          'limit orders: price per share; for mleg the net price per unit (positive debit, negative credit)',
        ),
      time_in_force: z.enum(['day', 'gtc']).default('day').describe('day or gtc'),
    }),
    concurrencySafe: false,
    // Cut off by a restart while waiting: withdraw the request nobody awaits any more.
    recover: (ctx) => recoverApproval(ctx),
    async run(input, ctx) {
      const order = orderOf(input);
      const { account, broker } = await tradingSession(ctx, env);
      return requestApproval(ctx, {
        account,
        broker,
        order,
        summary: orderWords({ ...order, clientOrderId: '' }),
      });
    },
  });

  const cancelOrder = defineTool({
    name: 'cancel_order',
    description: 'Cancel an open order by its broker order id (no approval needed: cancelling adds no risk).',
    input: z.object({ order_id: z.string().trim().min(1).max(128).describe('The broker order id') }),
    concurrencySafe: false,
    async run(input, ctx) {
      const { broker } = await tradingSession(ctx, env);
      await brokerCall(`cancelling order ${input.order_id}`, () => broker.cancelOrder(input.order_id));
      const order = await brokerCall('reading the order', () => broker.order(input.order_id));
      return {
        content: `Cancel requested for order ${order.id}: status ${order.status}.`,
        data: { status: order.status },
      };
    },
  });

  return [placeOrder, cancelOrder];
}

type PlaceOrderInput = {
  order_class: 'simple' | 'mleg';
  symbol?: string | undefined;
  side?: 'buy' | 'sell' | undefined;
  position_intent?: z.infer<typeof INTENT> | undefined;
  legs?:
    | Array<{
        symbol: string;
        side: 'buy' | 'sell';
        ratio_qty: number;
        position_intent?: z.infer<typeof INTENT> | undefined;
      }>
    | undefined;
  qty: number;
  type: 'market' | 'limit';
  limit_price?: number | undefined;
  time_in_force: 'day' | 'gtc';
};

function orderOf(input: PlaceOrderInput): Omit<OrderRequest, 'clientOrderId'> {
  if (input.type === 'limit' && input.limit_price === undefined)
    throw new ToolError('a limit order needs limit_price');
  const common = {
    qty: input.qty,
    type: input.type,
    timeInForce: input.time_in_force,
    ...(input.type === 'limit' && input.limit_price !== undefined ? { limitPrice: input.limit_price } : {}),
  };
  if (input.order_class === 'simple') {
    if (!input.symbol || !input.side) throw new ToolError('a simple order needs symbol and side');
    return {
      ...common,
      orderClass: 'simple',
      symbol: input.symbol,
      side: input.side,
      ...(input.position_intent ? { positionIntent: input.position_intent } : {}),
    };
  }
  if (!input.legs) throw new ToolError('an mleg order needs 2-4 legs');
  return {
    ...common,
    orderClass: 'mleg',
    legs: input.legs.map((leg) => ({
      symbol: leg.symbol,
      side: leg.side,
      ratioQty: leg.ratio_qty,
      ...(leg.position_intent ? { positionIntent: leg.position_intent } : {}),
    })),
  };
}
