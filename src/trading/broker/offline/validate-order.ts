/**
 * The checks a broker makes before accepting an order, against the offline market and the account's
 * holdings. Pure: every refusal is a BrokerError 'rejected' (HTTP 422, as Alpaca answers) whose
 * message says what to change.
 */
import { resolveOfflineSymbol } from '../../../market-data/offline/symbols.ts';
import { BrokerError, type OrderRequest, type OrderSide, type PositionIntent } from '../types.ts';
import type { Holding } from './ledger.ts';

export interface PlannedLeg {
  symbol: string;
  side: OrderSide;
  ratio: number;
  intent: PositionIntent | null;
  multiplier: number;
  kind: 'stock' | 'option';
  underlying: string;
}

export interface PlannedOrder {
  legs: PlannedLeg[];
  qty: number;
  /** As requested: a simple order's plain limit, or an mleg order's signed net limit. */
  limit: number | null;
}

const MAX_CLIENT_ORDER_ID = 128;

function reject(message: string): never {
  throw new BrokerError(message, 'rejected', 422);
}

/** Shape checks that need no market or account (also applied before the duplicate check). */
export function checkOrderShape(order: OrderRequest): void {
  if (typeof order.clientOrderId !== 'string' || order.clientOrderId.trim() === '') {
    reject('client_order_id must be a non-empty string');
  }
  if (order.clientOrderId.length > MAX_CLIENT_ORDER_ID) {
    reject(`client_order_id must be at most ${MAX_CLIENT_ORDER_ID} characters`);
  }
}

export function planOrder(
  order: OrderRequest,
  now: Date,
  holdings: ReadonlyMap<string, Holding>,
): PlannedOrder {
  checkOrderShape(order);
  if (!Number.isFinite(order.qty) || order.qty <= 0)
    reject(`qty must be a positive number (got ${order.qty})`);
  if (order.type !== 'market' && order.type !== 'limit')
    reject(`type must be market or limit (got ${order.type})`);
  if (order.timeInForce !== 'day' && order.timeInForce !== 'gtc') {
    reject(`time_in_force must be day or gtc (got ${order.timeInForce})`);
  }
  const limit = limitOf(order);
  const legs = order.orderClass === 'mleg' ? mlegLegs(order, now) : [simpleLeg(order, now)];
  for (const leg of legs) {
    if (leg.kind === 'option' && !Number.isInteger(order.qty * leg.ratio)) {
      reject(`options trade in whole contracts: qty ${order.qty} × ratio ${leg.ratio} on ${leg.symbol}`);
    }
    checkAgainstHoldings(leg, order.qty * leg.ratio, holdings);
  }
  return { legs, qty: order.qty, limit };
}

function limitOf(order: OrderRequest): number | null {
  if (order.type === 'market') {
    if (order.limitPrice !== undefined) reject('a market order takes no limit_price');
    return null;
  }
  const limit = order.limitPrice;
  if (limit === undefined || !Number.isFinite(limit)) reject('a limit order needs a limit_price');
  if (order.orderClass === 'simple' && limit <= 0) reject(`limit_price must be positive (got ${limit})`);
  return limit;
}

function simpleLeg(order: OrderRequest, now: Date): PlannedLeg {
  if (order.orderClass !== 'simple') reject(`order_class must be simple or mleg (got ${order.orderClass})`);
  if (order.legs !== undefined && order.legs.length > 0)
    reject('a simple order has no legs: use order_class mleg');
  if (!order.symbol) reject('a simple order needs a symbol');
  if (order.side !== 'buy' && order.side !== 'sell') reject(`side must be buy or sell (got ${order.side})`);
  return legFor(order.symbol, order.side, 1, order.positionIntent ?? null, now);
}

function mlegLegs(order: OrderRequest, now: Date): PlannedLeg[] {
  if (order.symbol !== undefined || order.side !== undefined) {
    reject('an mleg order takes its symbols and sides from its legs, not symbol/side');
  }
  const requested = order.legs ?? [];
  if (requested.length < 2 || requested.length > 4) {
    reject(`an mleg order has 2 to 4 legs (got ${requested.length})`);
  }
  const legs = requested.map((leg, index) => {
    if (leg.side !== 'buy' && leg.side !== 'sell') reject(`legs[${index}].side must be buy or sell`);
    if (!Number.isInteger(leg.ratioQty) || leg.ratioQty <= 0) {
      reject(`legs[${index}].ratio_qty must be a positive whole number (got ${leg.ratioQty})`);
    }
    const planned = legFor(leg.symbol, leg.side, leg.ratioQty, leg.positionIntent ?? null, now);
    if (planned.kind !== 'option')
      reject(`legs[${index}]: mleg orders are for options (${leg.symbol} is a stock)`);
    return planned;
  });
  const symbols = new Set(legs.map((leg) => leg.symbol));
  if (symbols.size !== legs.length) reject('mleg legs must be different contracts');
  const underlyings = new Set(legs.map((leg) => leg.underlying));
  if (underlyings.size !== 1)
    reject(`mleg legs must share one underlying (got ${[...underlyings].join(', ')})`);
  return legs;
}

function legFor(
  symbol: string,
  side: OrderSide,
  ratio: number,
  intent: PositionIntent | null,
  now: Date,
): PlannedLeg {
  const resolved = resolveOfflineSymbol(symbol, now);
  if (resolved.kind === 'unknown') reject(resolved.reason);
  if (intent !== null && !intent.startsWith(side))
    reject(`position_intent ${intent} contradicts side ${side} on ${symbol}`);
  if (resolved.kind === 'stock') {
    if (intent !== null) reject(`position_intent applies to options, not to the stock ${symbol}`);
    return {
      symbol: resolved.symbol,
      side,
      ratio,
      intent,
      multiplier: 1,
      kind: 'stock',
      underlying: resolved.symbol,
    };
  }
  if (resolved.expired) reject(`${symbol} expired on ${resolved.contract.expiry} and can no longer trade`);
  return {
    symbol: resolved.symbol,
    side,
    ratio,
    intent,
    multiplier: 100,
    kind: 'option',
    underlying: resolved.contract.root,
  };
}

function checkAgainstHoldings(leg: PlannedLeg, qty: number, holdings: ReadonlyMap<string, Holding>): void {
  const held = holdings.get(leg.symbol)?.qty ?? 0;
  if (leg.kind === 'stock' && leg.side === 'sell' && qty > held + 1e-9) {
    reject(
      `selling ${qty} ${leg.symbol} would leave a short stock position (held: ${held}); the offline paper account does not sell stock short`,
    );
  }
  if (leg.intent === 'sell_to_close' && qty > held + 1e-9) {
    reject(`sell_to_close ${qty} ${leg.symbol}: only ${Math.max(0, held)} held long`);
  }
  if (leg.intent === 'buy_to_close' && qty > -held + 1e-9) {
    reject(`buy_to_close ${qty} ${leg.symbol}: only ${Math.max(0, -held)} held short`);
  }
  if (leg.intent === 'buy_to_open' && held < 0)
    reject(`buy_to_open ${leg.symbol}: the account is short it; use buy_to_close`);
  if (leg.intent === 'sell_to_open' && held > 0)
    reject(`sell_to_open ${leg.symbol}: the account is long it; use sell_to_close`);
}
