/**
 * One emulated Alpaca account per API key: balances, positions, orders (client_order_id unique per
 * account) and account activities, in Alpaca's wire shapes (decimal strings, ISO times, activity ids
 * `YYYYMMDDhhmmssSSS::uuid`). Market orders and marketable limit orders fill at once at the
 * emulator's quote, writing FILL activities and moving positions; other limit orders rest as `new`
 * until cancelled.
 */
import { randomUUID } from 'node:crypto';
import { quoteOf } from './market.ts';

export type Json = Record<string, unknown>;

export interface AlpacaAccount {
  keyId: string;
  secretKey: string;
  id: string;
  accountNumber: string;
  /** Fixed clock for this account's market data and order times; null → the real time. */
  clock: Date | null;
  cash: number;
  lastEquity: number;
  optionsLevel: number;
  positions: Map<string, { qty: number; avgEntryPrice: number }>;
  orders: Json[];
  activities: Json[];
  /** Monotonic ms so every order and activity time is distinct and increasing. */
  lastTimeMs: number;
}

export function newAccount(
  keyId: string,
  secretKey: string,
  overrides: Partial<AlpacaAccount> = {},
): AlpacaAccount {
  return {
    keyId,
    secretKey,
    id: randomUUID(),
    accountNumber: `PA${Math.floor(Math.random() * 1e10)
      .toString()
      .padStart(10, '0')}`,
    clock: null,
    cash: 100_000,
    lastEquity: 100_000,
    optionsLevel: 3,
    positions: new Map(),
    orders: [],
    activities: [],
    lastTimeMs: 0,
    ...overrides,
  };
}

export function nowOf(account: AlpacaAccount): Date {
  return account.clock ?? new Date();
}

/** A time for a new record: the account's clock, nudged forward so records never share an instant. */
function stamp(account: AlpacaAccount): Date {
  const ms = Math.max(nowOf(account).getTime(), account.lastTimeMs + 1);
  account.lastTimeMs = ms;
  return new Date(ms);
}

export function activityId(at: Date): string {
  const digits = at.toISOString().replace(/[-:TZ.]/g, '');
  return `${digits}::${randomUUID()}`;
}

const isOption = (symbol: string) => /\d{6}[CP]\d{8}$/.test(symbol);
const multiplier = (symbol: string) => (isOption(symbol) ? 100 : 1);
const decimal = (value: number) => String(Math.round(value * 1e6) / 1e6);

export function wireAccount(account: AlpacaAccount): Json {
  const now = nowOf(account);
  let longValue = 0;
  let shortValue = 0;
  for (const [symbol, position] of account.positions) {
    const quote = quoteOf(symbol, now);
    const mark = quote ? (quote.bid + quote.ask) / 2 : position.avgEntryPrice;
    const value = position.qty * mark * multiplier(symbol);
    if (value >= 0) longValue += value;
    else shortValue += value;
  }
  const equity = account.cash + longValue + shortValue;
  return {
    id: account.id,
    account_number: account.accountNumber,
    status: 'ACTIVE',
    crypto_status: 'ACTIVE',
    currency: 'USD',
    buying_power: decimal(Math.max(0, equity * 2)),
    regt_buying_power: decimal(Math.max(0, equity * 2)),
    non_marginable_buying_power: decimal(Math.max(0, account.cash)),
    options_buying_power: decimal(Math.max(0, account.cash)),
    cash: decimal(account.cash),
    portfolio_value: decimal(equity),
    equity: decimal(equity),
    last_equity: decimal(account.lastEquity),
    long_market_value: decimal(longValue),
    short_market_value: decimal(shortValue),
    multiplier: '2',
    options_approved_level: account.optionsLevel,
    options_trading_level: account.optionsLevel,
    trading_blocked: false,
    transfers_blocked: false,
    account_blocked: false,
    shorting_enabled: true,
    created_at: '2024-01-02T14:00:00Z',
  };
}

export function wirePositions(account: AlpacaAccount): Json[] {
  const now = nowOf(account);
  return [...account.positions.entries()]
    .filter(([, position]) => position.qty !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([symbol, position]) => {
      const quote = quoteOf(symbol, now);
      const current = quote ? (quote.bid + quote.ask) / 2 : null;
      const m = multiplier(symbol);
      const costBasis = position.qty * position.avgEntryPrice * m;
      const marketValue = current === null ? null : position.qty * current * m;
      return {
        asset_id: randomUUID(),
        symbol,
        exchange: isOption(symbol) ? '' : 'ARCA',
        asset_class: isOption(symbol) ? 'us_option' : 'us_equity',
        asset_marginable: !isOption(symbol),
        qty: decimal(position.qty),
        qty_available: decimal(position.qty),
        avg_entry_price: decimal(position.avgEntryPrice),
        side: position.qty < 0 ? 'short' : 'long',
        market_value: marketValue === null ? null : decimal(marketValue),
        cost_basis: decimal(costBasis),
        unrealized_pl: marketValue === null ? null : decimal(marketValue - costBasis),
        current_price: current === null ? null : decimal(current),
        lastday_price: current === null ? null : decimal(current),
        change_today: '0',
      };
    });
}

/** Why an order body is unacceptable, in Alpaca's words where known; null when it is fine. */
export function orderProblem(body: unknown, now: Date): string | null {
  if (typeof body !== 'object' || body === null) return 'request body format is invalid';
  const order = body as Json;
  const qty = Number(order.qty);
  if (!(qty > 0)) return 'qty must be > 0';
  if (order.type !== 'market' && order.type !== 'limit') return 'invalid order type';
  if (!['day', 'gtc', 'ioc', 'fok'].includes(String(order.time_in_force))) return 'invalid time_in_force';
  if (order.type === 'limit' && !Number.isFinite(Number(order.limit_price))) {
    return 'limit_price is required for limit orders';
  }
  if (
    order.client_order_id !== undefined &&
    (typeof order.client_order_id !== 'string' || order.client_order_id.length > 128)
  ) {
    return 'client_order_id must be no more than 128 characters';
  }
  if (order.order_class === 'mleg') {
    const legs = order.legs;
    if (!Array.isArray(legs) || legs.length < 2 || legs.length > 4) return 'mleg orders require 2 to 4 legs';
    for (const leg of legs as Json[]) {
      if (typeof leg.symbol !== 'string' || !isOption(leg.symbol)) return 'invalid leg symbol';
      if (leg.side !== 'buy' && leg.side !== 'sell') return 'invalid leg side';
      if (!(Number(leg.ratio_qty) > 0)) return 'ratio_qty must be > 0';
    }
    return null;
  }
  if (order.order_class !== undefined && order.order_class !== 'simple' && order.order_class !== '') {
    return `order_class ${String(order.order_class)} is not supported`;
  }
  if (typeof order.symbol !== 'string' || order.symbol === '') return 'symbol is required';
  if (order.side !== 'buy' && order.side !== 'sell') return 'invalid side';
  if (!quoteOf(order.symbol, now)) return `asset "${order.symbol}" not found`;
  return null;
}

function baseOrder(at: string, fields: Json): Json {
  return {
    id: randomUUID(),
    created_at: at,
    updated_at: at,
    submitted_at: at,
    filled_at: null,
    expired_at: null,
    canceled_at: null,
    failed_at: null,
    replaced_at: null,
    replaced_by: null,
    replaces: null,
    filled_qty: '0',
    filled_avg_price: null,
    stop_price: null,
    extended_hours: false,
    trail_percent: null,
    trail_price: null,
    hwm: null,
    status: 'new',
    ...fields,
  };
}

/** Places an order (already validated); fills what is marketable. */
export function placeOrder(account: AlpacaAccount, body: Json): Json {
  const at = stamp(account);
  const when = at.toISOString();
  const qty = Number(body.qty);
  const clientOrderId = typeof body.client_order_id === 'string' ? body.client_order_id : randomUUID();
  const limit = body.type === 'limit' ? Number(body.limit_price) : null;
  const common = {
    client_order_id: clientOrderId,
    qty: decimal(qty),
    type: body.type,
    order_type: body.type,
    time_in_force: body.time_in_force,
    limit_price: limit === null ? null : decimal(limit),
  };
  if (body.order_class === 'mleg') {
    const legs = (body.legs as Json[]).map((leg) =>
      baseOrder(when, {
        client_order_id: randomUUID(),
        symbol: leg.symbol,
        asset_class: 'us_option',
        side: leg.side,
        ratio_qty: decimal(Number(leg.ratio_qty)),
        position_intent: leg.position_intent ?? null,
        qty: decimal(qty * Number(leg.ratio_qty)),
        order_class: 'mleg',
        time_in_force: body.time_in_force,
      }),
    );
    const order = baseOrder(when, {
      ...common,
      order_class: 'mleg',
      symbol: '',
      side: '',
      asset_class: '',
      legs,
    });
    // Net debit (positive) or credit (negative) per unit at the quotes each leg would trade at.
    const net = legs.reduce((sum, leg) => {
      const quote = quoteOf(String(leg.symbol), at);
      const price = quote ? (leg.side === 'buy' ? quote.ask : quote.bid) : 0;
      return sum + (leg.side === 'buy' ? 1 : -1) * price * Number(leg.ratio_qty);
    }, 0);
    if (limit === null || net <= limit) {
      for (const leg of legs) {
        const quote = quoteOf(String(leg.symbol), at);
        const price = quote ? (leg.side === 'buy' ? quote.ask : quote.bid) : 0;
        fill(account, leg, Number(leg.qty), price, at);
      }
      Object.assign(order, {
        status: 'filled',
        filled_qty: decimal(qty),
        filled_avg_price: decimal(net),
        filled_at: when,
        updated_at: when,
      });
    }
    account.orders.push(order);
    return order;
  }
  const symbol = String(body.symbol);
  const order = baseOrder(when, {
    ...common,
    order_class: 'simple',
    symbol,
    asset_class: isOption(symbol) ? 'us_option' : 'us_equity',
    side: body.side,
    position_intent: body.position_intent ?? null,
    legs: null,
  });
  const quote = quoteOf(symbol, at);
  const price = quote ? (body.side === 'buy' ? quote.ask : quote.bid) : null;
  const marketable =
    price !== null && (limit === null || (body.side === 'buy' ? limit >= price : limit <= price));
  if (marketable && price !== null) {
    fill(account, order, qty, price, at);
    Object.assign(order, { status: 'filled', filled_at: when, updated_at: when });
  }
  account.orders.push(order);
  return order;
}

function fill(account: AlpacaAccount, order: Json, qty: number, price: number, at: Date): void {
  const symbol = String(order.symbol);
  const sign = order.side === 'buy' ? 1 : -1;
  const position = account.positions.get(symbol) ?? { qty: 0, avgEntryPrice: 0 };
  const newQty = position.qty + sign * qty;
  if (position.qty === 0 || Math.sign(position.qty) === sign) {
    position.avgEntryPrice =
      (Math.abs(position.qty) * position.avgEntryPrice + qty * price) / Math.abs(newQty);
  } else if (Math.sign(newQty) === sign) {
    position.avgEntryPrice = price;
  }
  position.qty = newQty;
  if (newQty === 0) account.positions.delete(symbol);
  else account.positions.set(symbol, position);
  account.cash -= sign * qty * price * multiplier(symbol);
  Object.assign(order, { filled_qty: decimal(qty), filled_avg_price: decimal(price) });
  account.activities.push({
    id: activityId(at),
    account_id: account.id,
    activity_type: 'FILL',
    transaction_time: at.toISOString(),
    type: 'fill',
    price: decimal(price),
    qty: decimal(qty),
    side: order.side,
    symbol,
    leaves_qty: '0',
    order_id: order.id,
    cum_qty: decimal(qty),
    order_status: 'filled',
  });
}

const OPEN_STATUSES = new Set([
  'new',
  'accepted',
  'pending_new',
  'partially_filled',
  'pending_cancel',
  'held',
]);

export function isOpen(order: Json): boolean {
  return OPEN_STATUSES.has(String(order.status));
}

/** DELETE /v2/orders/{id}: null when unknown, 'not_cancelable' when already done. */
export function cancelOrder(account: AlpacaAccount, id: string): 'ok' | 'not_cancelable' | null {
  const order = account.orders.find((candidate) => candidate.id === id);
  if (!order) return null;
  if (!isOpen(order)) return 'not_cancelable';
  const when = stamp(account).toISOString();
  Object.assign(order, { status: 'canceled', canceled_at: when, updated_at: when });
  for (const leg of (order.legs as Json[] | null) ?? [])
    Object.assign(leg, { status: 'canceled', canceled_at: when });
  return 'ok';
}

/**
 * Test seeding: orders as Alpaca would list them, taken as given (over the defaults of a new order),
 * for kinds the emulator does not place itself: stops, brackets, oco, ioc, made on Alpaca's site.
 */
export function seedOrders(account: AlpacaAccount, orders: Json[]): void {
  for (const order of orders) {
    const when = typeof order.submitted_at === 'string' ? order.submitted_at : stamp(account).toISOString();
    account.lastTimeMs = Math.max(account.lastTimeMs, Date.parse(when));
    account.orders.push(baseOrder(when, { client_order_id: randomUUID(), legs: null, ...order }));
  }
}

/** Test seeding: `count` filled stock orders (with their FILL activities), one second apart. */
export function seedFilledOrders(account: AlpacaAccount, count: number, startMs: number): void {
  for (let index = 0; index < count; index += 1) {
    const at = new Date(startMs + index * 1000);
    account.lastTimeMs = Math.max(account.lastTimeMs, at.getTime());
    const when = at.toISOString();
    const side = index % 2 === 0 ? 'buy' : 'sell';
    const order = baseOrder(when, {
      client_order_id: `seed-${index}`,
      qty: '1',
      type: 'market',
      order_type: 'market',
      time_in_force: 'day',
      limit_price: null,
      order_class: 'simple',
      symbol: 'SPY',
      asset_class: 'us_equity',
      side,
      position_intent: null,
      legs: null,
    });
    fill(account, order, 1, 600 + (index % 10) / 100, at);
    Object.assign(order, { status: 'filled', filled_at: when });
    account.orders.push(order);
  }
}
