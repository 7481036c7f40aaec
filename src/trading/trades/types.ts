/**
 * The plain data the trade analytics read: broker fills modelled on Alpaca account activities of
 * type FILL, and the option lifecycle events (OPEXP, OPASN, OPEXC) that end a position without a fill.
 * Alpaca sends numbers as strings, so both forms are accepted.
 */

export type FillSide = 'buy' | 'sell';

export type PositionIntent = 'buy_to_open' | 'buy_to_close' | 'sell_to_open' | 'sell_to_close';

export interface BrokerFill {
  id: string;
  /** ISO 8601 with a zone, e.g. `2026-03-02T14:30:00.123456Z`. */
  transaction_time: string;
  /** An OCC option symbol (`SPY260320P00500000`) or a stock ticker (`SPY`). */
  symbol: string;
  side: FillSide;
  /** Contracts for options, shares for stock; always positive. */
  qty: number | string;
  /** Per share (options quote per share; the 100 multiplier is applied here, not by the broker). */
  price: number | string;
  order_id: string;
  position_intent?: PositionIntent;
  /** Commissions and regulatory fees charged on this fill, in dollars (≥ 0). */
  fee?: number | string;
}

/**
 * An option position ended by the clearing house rather than a trade: worthless expiry (OPEXP), or
 * assignment / exercise (OPASN / OPEXC). All three close the held quantity of the contract: expiry at
 * 0, assignment and exercise at the intrinsic value against `underlying_price`. The stock delivered
 * by an assignment or exercise is not synthesised: it shows up as the broker's own stock fills.
 */
export interface OptionEvent {
  id: string;
  type: 'expiry' | 'assignment' | 'exercise';
  transaction_time: string;
  symbol: string;
  qty: number | string;
  /** The underlying's settlement price; required for assignment and exercise. */
  underlying_price?: number | string;
}

export type Instrument =
  | { kind: 'stock'; symbol: string; underlying: string; multiplier: 1 }
  | {
      kind: 'option';
      symbol: string;
      underlying: string;
      expiry: string;
      type: 'call' | 'put';
      strike: number;
      multiplier: 100;
    };

/** Long (bought to open) or short (sold to open). */
export type Direction = 'long' | 'short';
