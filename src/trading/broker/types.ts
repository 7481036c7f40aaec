/**
 * What the desk needs from a broker and its market data, whoever provides them: Alpaca over REST
 * (src/trading/broker/alpaca) or the built-in offline paper broker (src/trading/broker/offline).
 *
 * Shapes follow Alpaca's wire format where the analytics already read it (positions, fills, option
 * events), with numbers parsed; everything else is named for what it means. Every list method
 * returns the whole requested window: paging is the implementation's business, never the caller's.
 */
import type { BrokerPosition } from '../positions/broker-position.ts';
import type { BrokerFill, OptionEvent, PositionIntent } from '../trades/types.ts';

export type { BrokerFill, BrokerPosition, OptionEvent, PositionIntent };

export interface AccountSummary {
  accountNumber: string;
  /** e.g. ACTIVE. */
  status: string;
  currency: string;
  equity: number;
  /** Equity at the previous close: today's P&L is equity − lastEquity. */
  lastEquity: number;
  cash: number;
  buyingPower: number;
  optionsBuyingPower: number | null;
  /** Highest option level the account may trade (Alpaca: 0–3), when known. */
  optionsTradingLevel: number | null;
}

export type OrderSide = 'buy' | 'sell';
/** What the desk places: OrderRequest is limited to these. */
export type PlaceableOrderType = 'market' | 'limit';
export type PlaceableTimeInForce = 'day' | 'gtc';
/** `simple`: one symbol. `mleg`: a multi-leg option order (2–4 legs), filled as one. */
export type PlaceableOrderClass = 'simple' | 'mleg';

/**
 * A value the broker sent that its documentation does not list (yet). It is kept as sent: an order
 * Alpaca starts offering tomorrow must show up as it is, not fail the whole order list nor be read as
 * some documented kind. Code that compares against the documented values treats it as none of them.
 */
export type Undocumented = string & { readonly undocumented?: never };

/**
 * Every order an account can hold, the desk's own and those placed elsewhere (on Alpaca's site, by
 * another program): stop orders, brackets, one-cancels-other, immediate-or-cancel and so on.
 */
export type OrderType = PlaceableOrderType | 'stop' | 'stop_limit' | 'trailing_stop';
export type TimeInForce = PlaceableTimeInForce | 'ioc' | 'fok' | 'opg' | 'cls';
/**
 * `bracket`: an entry with a take-profit and a stop-loss leg; `oco`: two exits, one cancels the
 * other; `oto`: an entry that triggers one exit. Their legs are those child orders.
 */
export type OrderClass = PlaceableOrderClass | 'bracket' | 'oco' | 'oto';
export function isPlaceableOrderType(type: string): type is PlaceableOrderType {
  return type === 'market' || type === 'limit';
}

export function isPlaceableTimeInForce(timeInForce: string): timeInForce is PlaceableTimeInForce {
  return timeInForce === 'day' || timeInForce === 'gtc';
}

export type OrderStatus =
  | 'new'
  | 'accepted'
  | 'pending_new'
  | 'partially_filled'
  | 'filled'
  | 'canceled'
  | 'expired'
  | 'rejected'
  | 'pending_cancel'
  | 'replaced'
  | 'done_for_day'
  | 'stopped'
  | 'suspended'
  | 'calculated'
  /** A bracket's or oto's exit leg waiting for its entry to fill. */
  | 'held';

export interface OrderLegRequest {
  symbol: string;
  side: OrderSide;
  /** Contracts of this leg per unit of the order's qty. */
  ratioQty: number;
  positionIntent?: PositionIntent;
}

export interface OrderRequest {
  /** The idempotency key: a second submission with the same id never creates a second order. */
  clientOrderId: string;
  orderClass: PlaceableOrderClass;
  /** simple orders only. */
  symbol?: string;
  side?: OrderSide;
  positionIntent?: PositionIntent;
  /** mleg orders only. */
  legs?: OrderLegRequest[];
  qty: number;
  type: PlaceableOrderType;
  /** Required for limit orders; for mleg, the net price per unit (positive = debit, negative = credit). */
  limitPrice?: number;
  timeInForce: PlaceableTimeInForce;
}

export interface BrokerOrderLeg {
  id: string;
  symbol: string;
  side: OrderSide;
  ratioQty: number;
  positionIntent: PositionIntent | null;
  status: OrderStatus | Undocumented;
  filledQty: number;
  filledAvgPrice: number | null;
  /** A bracket's or oco's leg is an order of its own kind (the take-profit limit, the stop-loss). */
  type?: OrderType | Undocumented;
  limitPrice?: number | null;
  stopPrice?: number | null;
}

export interface BrokerOrder {
  id: string;
  clientOrderId: string;
  status: OrderStatus | Undocumented;
  orderClass: OrderClass | Undocumented;
  type: OrderType | Undocumented;
  timeInForce: TimeInForce | Undocumented;
  /** Null for mleg. */
  symbol: string | null;
  side: OrderSide | null;
  qty: number;
  filledQty: number;
  filledAvgPrice: number | null;
  limitPrice: number | null;
  /**
   * Optional fields came later: orders the offline broker or an older sync stored lack them.
   * The trigger price of a stop or stop-limit order (a trailing stop's current one).
   */
  stopPrice?: number | null;
  /** A trailing stop trails by a price or a percent. */
  trailPrice?: number | null;
  trailPercent?: number | null;
  legs: BrokerOrderLeg[];
  /** ISO 8601. */
  createdAt: string;
  submittedAt: string;
  updatedAt: string;
  filledAt: string | null;
  canceledAt: string | null;
}

export interface OrderQuery {
  status: 'open' | 'closed' | 'all';
  /** ISO 8601, exclusive / inclusive bounds on submission time. */
  after?: string;
  until?: string;
  symbols?: string[];
}

export interface ActivityQuery {
  /** ISO 8601 bounds on transaction time. */
  after?: string;
  until?: string;
}

export interface Activities {
  fills: BrokerFill[];
  events: OptionEvent[];
}

export interface OptionContractInfo {
  symbol: string;
  underlying: string;
  /** YYYY-MM-DD. */
  expiry: string;
  type: 'call' | 'put';
  strike: number;
  /** Shares per contract (100 for standard contracts). */
  multiplier: number;
  tradable: boolean;
  openInterest: number | null;
}

export interface ContractQuery {
  underlying: string;
  expiryFrom?: string;
  expiryTo?: string;
  type?: 'call' | 'put';
  strikeFrom?: number;
  strikeTo?: number;
}

export interface Quote {
  symbol: string;
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  /** ISO 8601. */
  time: string;
}

export interface OptionGreeksFigures {
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
}

/** One contract of a chain, as the market-data provider reports it (Greeks and IV may be absent). */
export interface OptionChainEntry {
  symbol: string;
  quote: Quote | null;
  lastPrice: number | null;
  impliedVolatility: number | null;
  greeks: OptionGreeksFigures | null;
}

export interface ChainQuery {
  underlying: string;
  expiryFrom?: string;
  expiryTo?: string;
  type?: 'call' | 'put';
  strikeFrom?: number;
  strikeTo?: number;
}

export interface TradingDay {
  /** YYYY-MM-DD. */
  date: string;
  /** HH:MM New York time. */
  open: string;
  close: string;
}

export interface MarketClock {
  timestamp: string;
  isOpen: boolean;
  nextOpen: string;
  nextClose: string;
}

export type CircuitState = 'closed' | 'open' | 'half_open';

/** What the API shows about a broker connection's health. */
export interface BrokerHealth {
  circuit: CircuitState;
  /** Failures counted in the current 60 s window. */
  recentFailures: number;
  /** When an open circuit lets the next trial request through. */
  retryAt: string | null;
  lastError: string | null;
  /** Requests left in the current minute (≤ 200 per account). */
  requestsRemaining: number;
}

export interface Broker {
  readonly kind: 'offline' | 'alpaca';
  account(): Promise<AccountSummary>;
  positions(): Promise<BrokerPosition[]>;
  /** Idempotent by clientOrderId: a duplicate returns the order already placed under that id. */
  submitOrder(order: OrderRequest): Promise<BrokerOrder>;
  cancelOrder(orderId: string): Promise<void>;
  order(orderId: string): Promise<BrokerOrder>;
  orderByClientId(clientOrderId: string): Promise<BrokerOrder | null>;
  orders(query: OrderQuery): Promise<BrokerOrder[]>;
  activities(query: ActivityQuery): Promise<Activities>;
  optionContracts(query: ContractQuery): Promise<OptionContractInfo[]>;
  optionChain(query: ChainQuery): Promise<OptionChainEntry[]>;
  /** Latest quotes for stock tickers and OCC option symbols alike. */
  latestQuotes(symbols: readonly string[]): Promise<Quote[]>;
  calendar(start: string, end: string): Promise<TradingDay[]>;
  clock(): Promise<MarketClock>;
  health(): BrokerHealth;
}

/** A broker refused or failed a request; `status` is the HTTP status where there was one. */
export class BrokerError extends Error {
  override readonly name = 'BrokerError';
  constructor(
    message: string,
    readonly code:
      | 'rejected'
      | 'not_found'
      | 'unauthorized'
      | 'forbidden'
      | 'rate_limited'
      | 'unavailable'
      | 'circuit_open'
      | 'invalid_response',
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
