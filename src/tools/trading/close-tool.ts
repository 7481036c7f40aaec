/**
 * `close_position`: closes a whole strategy (buy to close its shorts, sell to close its longs, as one
 * order) or one leg of it, after a person approves. The strategy is named by the id get_positions
 * shows, or by underlying (and strategy kind) when that picks exactly one.
 */
import { z } from 'zod';
import { recoverApproval, requestApproval } from '../../trading/approvals/gate.ts';
import type { BrokerEnvironment } from '../../trading/broker/factory.ts';
import type { OrderRequest } from '../../trading/broker/types.ts';
import { closingOrderRequest } from '../../trading/orders/close.ts';
import {
  type ClosingOrder,
  closeLegOrder,
  closeStrategyOrder,
  groupPositions,
  type PositionStrategy,
} from '../../trading/positions/index.ts';
import { TradeInputError } from '../../trading/trades/errors.ts';
import { defineTool, ToolError } from '../types.ts';
import { brokerCall, tradingSession } from './session.ts';

export function closeTool(env: BrokerEnvironment) {
  return defineTool({
    name: 'close_position',
    description:
      'Close an open strategy (all legs, one order) or one leg of it. Name it by strategy_id (from ' +
      "get_positions) or by underlying (+ kind, e.g. iron_condor). Waits for a person's approval.",
    input: z.object({
      strategy_id: z.string().trim().min(1).max(64).optional().describe('The strategy id from get_positions'),
      underlying: z
        .string()
        .trim()
        .toUpperCase()
        .min(1)
        .max(10)
        .optional()
        .describe('Or: the underlying, e.g. SPY'),
      kind: z
        .string()
        .trim()
        .min(1)
        .max(40)
        .optional()
        .describe('With underlying: e.g. iron_condor, long_call'),
      leg: z.string().trim().min(1).max(64).optional().describe('Close only this leg (OCC symbol or leg id)'),
      qty: z.number().positive().optional().describe('With leg: close only this many'),
    }),
    concurrencySafe: false,
    // Cut off by a restart while waiting: withdraw the request nobody awaits any more.
    recover: (ctx) => recoverApproval(ctx),
    async run(input, ctx) {
      const { account, broker } = await tradingSession(ctx, env);
      const positions = await brokerCall('reading positions', () => broker.positions());
      const strategy = chooseStrategy(groupPositions(account.id, positions), input);
      let closing: ClosingOrder;
      try {
        closing = input.leg
          ? closeLegOrder(strategy, input.leg, ctx.toolUseId, input.qty)
          : closeStrategyOrder(strategy, ctx.toolUseId);
      } catch (error) {
        if (error instanceof TradeInputError) throw new ToolError(error.message);
        throw error;
      }
      const what = input.leg
        ? `close ${closing.legs.map((leg) => `${leg.qty} ${leg.symbol}`).join(', ')} of`
        : 'close';
      const summary = `${what} ${strategy.underlying} ${strategy.strategy.replaceAll('_', ' ')}${strategy.expiry ? ` ${strategy.expiry}` : ''}: ${closing.legs
        .map((leg) => `${leg.side} ${leg.qty} ${leg.symbol}`)
        .join(', ')}`;
      const result = await requestApproval(ctx, { account, broker, order: orderOf(closing), summary });
      return { ...result, data: { ...result.data, strategy_id: strategy.id } };
    },
  });
}

function chooseStrategy(
  strategies: PositionStrategy[],
  input: { strategy_id?: string | undefined; underlying?: string | undefined; kind?: string | undefined },
): PositionStrategy {
  if (input.strategy_id) {
    const found = strategies.find((strategy) => strategy.id === input.strategy_id);
    if (!found) throw new ToolError(`no open strategy ${input.strategy_id}: call get_positions for the ids`);
    return found;
  }
  if (!input.underlying) throw new ToolError('name the position: strategy_id, or underlying (+ kind)');
  const onUnderlying = strategies.filter((strategy) => strategy.underlying === input.underlying);
  const kind = input.kind?.toLowerCase().replace(/[\s-]+/g, '_');
  const matching = kind ? onUnderlying.filter((strategy) => strategy.strategy.includes(kind)) : onUnderlying;
  if (matching.length === 1 && matching[0]) return matching[0];
  if (matching.length === 0)
    throw new ToolError(
      `no open ${input.underlying}${kind ? ` ${kind}` : ''} position${onUnderlying.length > 0 ? `; open on ${input.underlying}: ${onUnderlying.map((s) => `${s.strategy} [${s.id}]`).join(', ')}` : ''}`,
    );
  throw new ToolError(
    `several ${input.underlying} positions match: ${matching.map((s) => `${s.strategy} ${s.expiry ?? ''} [${s.id}]`).join(', ')}; give strategy_id`,
  );
}

/** The closing order as the REST close builds it; the gate derives the client_order_id itself. */
function orderOf(closing: ClosingOrder): Omit<OrderRequest, 'clientOrderId'> {
  const { clientOrderId: _derivedByTheGate, ...order } = closingOrderRequest(closing);
  return order;
}
