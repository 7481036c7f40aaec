/**
 * The trading routes' JSON (snake_case) from the desk's domain types, and the REST order body into
 * the broker's OrderRequest. No I/O.
 */
import type { z } from '@hono/zod-openapi';
import type { BrokerOrder, OrderRequest } from '../trading/broker/types.ts';
import type { PositionLeg, PositionStrategy } from '../trading/positions/index.ts';
import { roundMoney } from '../trading/trades/money.ts';
import type { TradeStats } from '../trading/trades/stats.ts';
import type { Trade, TradeLeg } from '../trading/trades/summarise-trade.ts';
import type { Instrument } from '../trading/trades/types.ts';
import type { PlaceOrderSchema } from './trading-schemas.ts';

export function orderJson(order: BrokerOrder) {
  return {
    id: order.id,
    client_order_id: order.clientOrderId,
    status: order.status,
    order_class: order.orderClass,
    type: order.type,
    time_in_force: order.timeInForce,
    symbol: order.symbol,
    side: order.side,
    qty: order.qty,
    filled_qty: order.filledQty,
    filled_avg_price: order.filledAvgPrice,
    limit_price: order.limitPrice,
    // Orders stored before these fields existed lack them.
    stop_price: order.stopPrice ?? null,
    trail_price: order.trailPrice ?? null,
    trail_percent: order.trailPercent ?? null,
    legs: order.legs.map((leg) => ({
      id: leg.id,
      symbol: leg.symbol,
      side: leg.side,
      ratio_qty: leg.ratioQty,
      position_intent: leg.positionIntent,
      status: leg.status,
      filled_qty: leg.filledQty,
      filled_avg_price: leg.filledAvgPrice,
      type: leg.type ?? null,
      limit_price: leg.limitPrice ?? null,
      stop_price: leg.stopPrice ?? null,
    })),
    created_at: order.createdAt,
    submitted_at: order.submittedAt,
    filled_at: order.filledAt,
    canceled_at: order.canceledAt,
  };
}

export function orderRequestOf(body: z.infer<typeof PlaceOrderSchema>, clientOrderId: string): OrderRequest {
  return {
    clientOrderId,
    orderClass: body.order_class,
    ...(body.symbol === undefined ? {} : { symbol: body.symbol }),
    ...(body.side === undefined ? {} : { side: body.side }),
    ...(body.position_intent === undefined ? {} : { positionIntent: body.position_intent }),
    ...(body.legs === undefined
      ? {}
      : {
          legs: body.legs.map((leg) => ({
            symbol: leg.symbol,
            side: leg.side,
            ratioQty: leg.ratio_qty,
            ...(leg.position_intent === undefined ? {} : { positionIntent: leg.position_intent }),
          })),
        }),
    qty: body.qty,
    type: body.type,
    ...(body.limit_price === undefined ? {} : { limitPrice: body.limit_price }),
    timeInForce: body.time_in_force,
  };
}

function contractFields(instrument: Instrument) {
  return instrument.kind === 'option'
    ? { kind: 'option' as const, type: instrument.type, strike: instrument.strike, expiry: instrument.expiry }
    : { kind: 'stock' as const, type: null, strike: null, expiry: null };
}

function positionLegJson(leg: PositionLeg) {
  return {
    id: leg.id,
    symbol: leg.symbol,
    ...contractFields(leg.instrument),
    direction: leg.direction,
    qty: leg.qty,
    avg_entry_price: leg.avgEntryPrice,
    current_price: leg.currentPrice,
    pnl: leg.pnl,
    pnl_fraction: leg.pnlFraction,
  };
}

/** Entry cost of a leg: paid for a long (+), received for a short (−). */
function costBasis(leg: PositionLeg): number {
  return (leg.direction === 'long' ? 1 : -1) * leg.avgEntryPrice * leg.qty * leg.instrument.multiplier;
}

export function positionsJson(strategies: readonly PositionStrategy[], asOf: Date) {
  const pnls = strategies.map((strategy) => strategy.totalPnl);
  return {
    strategies: strategies.map((strategy) => ({
      id: strategy.id,
      underlying: strategy.underlying,
      expiry: strategy.expiry,
      kind: strategy.strategy,
      legs: strategy.legs.map(positionLegJson),
      pnl: strategy.totalPnl,
      cost_basis: roundMoney(strategy.legs.reduce((sum, leg) => sum + costBasis(leg), 0)),
    })),
    // Null when any strategy lacks a price: a partial sum would read as the whole.
    total_pnl: pnls.includes(null)
      ? null
      : roundMoney(pnls.reduce<number>((sum, pnl) => sum + (pnl ?? 0), 0)),
    as_of: asOf.toISOString(),
  };
}

function tradeLegJson(leg: TradeLeg) {
  return {
    symbol: leg.symbol,
    ...contractFields(leg.instrument),
    direction: leg.direction,
    opened_qty: leg.openedQty,
    closed_qty: leg.closedQty,
    open_qty: leg.openQty,
    avg_open_price: leg.avgOpenPrice,
    avg_close_price: leg.avgClosePrice,
    realised_pnl: leg.realisedPnl,
    unrealised_pnl: leg.unrealisedPnl,
    fees: leg.fees,
  };
}

export function tradeJson(trade: Trade) {
  return {
    id: trade.id,
    underlying: trade.underlying,
    status: trade.status,
    opened_at: trade.openedAt,
    closed_at: trade.closedAt,
    expiries: trade.expiries,
    strategy: trade.strategy,
    legs: trade.legs.map(tradeLegJson),
    realised_pnl: trade.realisedPnl,
    unrealised_pnl: trade.unrealisedPnl,
    fees: trade.fees,
    fill_ids: trade.fillIds,
  };
}

export function tradeStatsJson(stats: TradeStats) {
  return {
    total_trades: stats.totalTrades,
    open_trades: stats.openTrades,
    closed_trades: stats.closedTrades,
    incomplete_trades: stats.incompleteTrades,
    wins: stats.wins,
    losses: stats.losses,
    breakeven: stats.breakeven,
    win_rate: stats.winRate,
    average_win: stats.averageWin,
    average_loss: stats.averageLoss,
    gross_wins: stats.grossWins,
    gross_losses: stats.grossLosses,
    profit_factor: stats.profitFactor,
    expectancy: stats.expectancy,
    total_realised_pnl: stats.totalRealisedPnl,
    max_drawdown: stats.maxDrawdown,
    open_unrealised_pnl: stats.openUnrealisedPnl,
  };
}
