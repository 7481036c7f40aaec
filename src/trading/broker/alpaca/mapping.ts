/**
 * Alpaca's wire shapes ↔ the desk's broker types, as pure functions.
 *
 * Orders: an account holds orders the desk never places (stops, trailing stops, brackets, oco/oto,
 * ioc/fok/opg/cls, made on Alpaca's site or by another program); every kind Alpaca documents is read
 * as such. A kind, class, time in force or status Alpaca does not document (one added after this
 * was written) is kept as the string Alpaca sent, never guessed into a documented one and never a
 * reason to fail the whole order list: the desk lists it as it is, and code comparing against the
 * documented values sees none of them. Only an order the desk cannot read at all (no side, a leg
 * without a symbol) is an invalid response.
 */

import type { z } from 'zod';
import type {
  AccountSummary,
  BrokerFill,
  BrokerOrder,
  BrokerOrderLeg,
  BrokerPosition,
  MarketClock,
  OptionChainEntry,
  OptionContractInfo,
  OptionEvent,
  OrderClass,
  OrderRequest,
  OrderStatus,
  OrderType,
  PositionIntent,
  Quote,
  TimeInForce,
  TradingDay,
  Undocumented,
} from '../types.ts';
import type {
  WireAccount,
  WireOptionSnapshot,
  WireOrder,
  WireOrderLeg,
  WirePosition,
  WireQuote,
  wireCalendar,
  wireClock,
  wireFillActivity,
  wireOptionActivity,
  wireOptionContract,
} from './wire-schemas.ts';

export class WireMappingError extends Error {
  override readonly name = 'WireMappingError';
}

const ORDER_STATUSES: ReadonlySet<string> = new Set<OrderStatus>([
  'new',
  'accepted',
  'pending_new',
  'partially_filled',
  'filled',
  'canceled',
  'expired',
  'rejected',
  'pending_cancel',
  'replaced',
  'done_for_day',
  'stopped',
  'suspended',
  'calculated',
  'held',
]);
const ORDER_TYPES: ReadonlySet<string> = new Set<OrderType>([
  'market',
  'limit',
  'stop',
  'stop_limit',
  'trailing_stop',
]);
const TIMES_IN_FORCE: ReadonlySet<string> = new Set<TimeInForce>(['day', 'gtc', 'ioc', 'fok', 'opg', 'cls']);
const ORDER_CLASSES: ReadonlySet<string> = new Set<OrderClass>(['simple', 'mleg', 'bracket', 'oco', 'oto']);
const INTENTS: ReadonlySet<string> = new Set<PositionIntent>([
  'buy_to_open',
  'buy_to_close',
  'sell_to_open',
  'sell_to_close',
]);

export function toAccountSummary(wire: WireAccount): AccountSummary {
  return {
    accountNumber: wire.account_number,
    status: wire.status,
    currency: wire.currency ?? 'USD',
    equity: wire.equity,
    lastEquity: wire.last_equity,
    cash: wire.cash,
    buyingPower: wire.buying_power,
    optionsBuyingPower: wire.options_buying_power,
    optionsTradingLevel: wire.options_trading_level ?? null,
  };
}

export function toBrokerPosition(wire: WirePosition): BrokerPosition {
  return {
    symbol: wire.symbol,
    qty: wire.qty,
    side: wire.side,
    avg_entry_price: wire.avg_entry_price,
    current_price: wire.current_price ?? null,
    market_value: wire.market_value ?? null,
    cost_basis: wire.cost_basis ?? null,
    unrealized_pl: wire.unrealized_pl ?? null,
    ...(wire.asset_class ? { asset_class: wire.asset_class } : {}),
  };
}

/** A documented value as its type; anything else kept as sent (see the module comment). */
function documented<T extends string>(known: ReadonlySet<string>, value: string): T | Undocumented {
  return known.has(value) ? (value as T) : (value as Undocumented);
}

function status(value: string): OrderStatus | Undocumented {
  // pending_replace, accepted_for_bidding and the like are transitional: an open order either way.
  if (value.startsWith('pending_') && !ORDER_STATUSES.has(value)) return 'pending_new';
  if (value === 'accepted_for_bidding') return 'pending_new';
  return documented<OrderStatus>(ORDER_STATUSES, value);
}

function side(where: string, value: string | null): BrokerOrder['side'] {
  if (value === null) return null;
  if (value === 'buy' || value === 'sell') return value;
  throw new WireMappingError(`${where}: unknown side ${JSON.stringify(value)}`);
}

function intent(value: string | null): PositionIntent | null {
  return value !== null && INTENTS.has(value) ? (value as PositionIntent) : null;
}

/**
 * The optional figures that have a value. Left out otherwise, so a market or limit order reads
 * exactly as before they existed (a stored order re-synced unchanged stays unchanged).
 */
function present<K extends string>(figures: Record<K, number | null>): Partial<Record<K, number>> {
  return Object.fromEntries(Object.entries(figures).filter(([, value]) => value !== null)) as Partial<
    Record<K, number>
  >;
}

function toLeg(leg: WireOrderLeg): BrokerOrderLeg {
  const where = `order leg ${leg.id}`;
  const legSide = side(where, leg.side);
  if (!leg.symbol || !legSide) throw new WireMappingError(`${where}: a leg needs a symbol and a side`);
  return {
    id: leg.id,
    symbol: leg.symbol,
    side: legSide,
    ratioQty: leg.ratio_qty ?? 1,
    positionIntent: intent(leg.position_intent),
    status: status(leg.status),
    filledQty: leg.filled_qty ?? 0,
    filledAvgPrice: leg.filled_avg_price,
    // An mleg leg carries no type of its own (Alpaca may leave it blank); a bracket's leg does.
    ...(leg.type ? { type: documented<OrderType>(ORDER_TYPES, leg.type) } : {}),
    ...present({ limitPrice: leg.limit_price, stopPrice: leg.stop_price }),
  };
}

export function toBrokerOrder(wire: WireOrder): BrokerOrder {
  const where = `order ${wire.id}`;
  // Alpaca leaves order_class empty on plain orders placed without one.
  const orderClass = documented<OrderClass>(ORDER_CLASSES, wire.order_class || 'simple');
  return {
    id: wire.id,
    clientOrderId: wire.client_order_id,
    status: status(wire.status),
    orderClass,
    type: documented<OrderType>(ORDER_TYPES, wire.type ?? 'market'),
    timeInForce: documented<TimeInForce>(TIMES_IN_FORCE, wire.time_in_force),
    symbol: orderClass === 'mleg' ? null : wire.symbol,
    side: orderClass === 'mleg' ? null : side(where, wire.side),
    qty: wire.qty ?? 0,
    filledQty: wire.filled_qty ?? 0,
    filledAvgPrice: wire.filled_avg_price,
    limitPrice: wire.limit_price,
    ...present({
      stopPrice: wire.stop_price,
      trailPrice: wire.trail_price,
      trailPercent: wire.trail_percent,
    }),
    legs: (wire.legs ?? []).map(toLeg),
    createdAt: wire.created_at,
    submittedAt: wire.submitted_at,
    updatedAt: wire.updated_at,
    filledAt: wire.filled_at ?? null,
    canceledAt: wire.canceled_at ?? null,
  };
}

/** POST /v2/orders body. Quantities and prices go as decimal strings, as Alpaca's own clients send them. */
export function toOrderBody(order: OrderRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    client_order_id: order.clientOrderId,
    qty: String(order.qty),
    type: order.type,
    time_in_force: order.timeInForce,
  };
  if (order.limitPrice !== undefined) body.limit_price = String(order.limitPrice);
  if (order.orderClass === 'mleg') {
    body.order_class = 'mleg';
    body.legs = (order.legs ?? []).map((leg) => ({
      symbol: leg.symbol,
      side: leg.side,
      ratio_qty: String(leg.ratioQty),
      ...(leg.positionIntent ? { position_intent: leg.positionIntent } : {}),
    }));
  } else {
    body.symbol = order.symbol;
    body.side = order.side;
    if (order.positionIntent) body.position_intent = order.positionIntent;
  }
  return body;
}

export function toBrokerFill(wire: z.infer<typeof wireFillActivity>): BrokerFill {
  return {
    id: wire.id,
    transaction_time: wire.transaction_time,
    symbol: wire.symbol,
    side: wire.side,
    qty: wire.qty,
    price: wire.price,
    order_id: wire.order_id,
  };
}

const EVENT_TYPES = { OPEXP: 'expiry', OPASN: 'assignment', OPEXC: 'exercise' } as const;

/**
 * Option events carry only a date. They are placed at 21:00 UTC, the close in winter (16:00 EST) and
 * an hour after it in summer (16:00 EDT is 20:00 UTC): expiring contracts stop trading at the close,
 * so a same-day closing fill always sorts before the expiry.
 */
export function toOptionEvent(
  wire: z.infer<typeof wireOptionActivity>,
  underlyingPrice?: number,
): OptionEvent {
  return {
    id: wire.id,
    type: EVENT_TYPES[wire.activity_type],
    transaction_time: `${wire.date}T21:00:00Z`,
    symbol: wire.symbol,
    qty: wire.qty,
    ...(underlyingPrice === undefined ? {} : { underlying_price: underlyingPrice }),
  };
}

export function toContractInfo(wire: z.infer<typeof wireOptionContract>): OptionContractInfo {
  return {
    symbol: wire.symbol,
    underlying: wire.underlying_symbol,
    expiry: wire.expiration_date,
    type: wire.type,
    strike: wire.strike_price,
    multiplier: wire.multiplier ?? wire.size ?? 100,
    tradable: wire.tradable,
    openInterest: wire.open_interest,
  };
}

export function toQuote(symbol: string, wire: WireQuote): Quote {
  return { symbol, bid: wire.bp, ask: wire.ap, bidSize: wire.bs, askSize: wire.as, time: wire.t };
}

export function toChainEntry(symbol: string, wire: WireOptionSnapshot): OptionChainEntry {
  return {
    symbol,
    quote: wire.latestQuote ? toQuote(symbol, wire.latestQuote) : null,
    lastPrice: wire.latestTrade?.p ?? null,
    impliedVolatility: wire.impliedVolatility ?? null,
    greeks: wire.greeks ?? null,
  };
}

export function toTradingDay(wire: z.infer<typeof wireCalendar>[number]): TradingDay {
  return { date: wire.date, open: wire.open, close: wire.close };
}

export function toMarketClock(wire: z.infer<typeof wireClock>): MarketClock {
  return {
    timestamp: wire.timestamp,
    isOpen: wire.is_open,
    nextOpen: wire.next_open,
    nextClose: wire.next_close,
  };
}
