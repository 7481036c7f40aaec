/**
 * Alpaca's response bodies as zod schemas: only the fields the adapter reads, everything else passes
 * through unchecked (Alpaca adds fields often). Alpaca sends money and quantities as decimal
 * strings; `decimal` accepts a string or a number and yields a finite number, so a malformed figure
 * fails validation (→ BrokerError invalid_response) instead of becoming NaN downstream.
 */
import { z } from 'zod';

export const decimal = z.union([z.string(), z.number()]).transform((value, context) => {
  const parsed = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(parsed)) {
    context.addIssue({ code: 'custom', message: `not a finite number: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return parsed;
});

const optionalDecimal = decimal.nullish().transform((value) => value ?? null);
/** Alpaca leaves some top-level fields of an mleg order as "" rather than omitting them. */
const blankAsNull = z
  .string()
  .nullish()
  .transform((value) => (value === '' || value === undefined ? null : value));

export const wireAccount = z.object({
  account_number: z.string(),
  status: z.string(),
  currency: z.string().nullish(),
  equity: decimal,
  last_equity: decimal,
  cash: decimal,
  buying_power: decimal,
  options_buying_power: optionalDecimal,
  options_trading_level: z.number().int().nullish(),
});
export type WireAccount = z.infer<typeof wireAccount>;

export const wirePosition = z.object({
  symbol: z.string(),
  qty: z.string(),
  side: z.enum(['long', 'short']),
  avg_entry_price: z.string(),
  current_price: z.string().nullish(),
  market_value: z.string().nullish(),
  cost_basis: z.string().nullish(),
  unrealized_pl: z.string().nullish(),
  asset_class: z.string().nullish(),
});
export type WirePosition = z.infer<typeof wirePosition>;

const positionIntent = z.enum(['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close']);
const orderSide = z.enum(['buy', 'sell']);

const orderFields = {
  id: z.string(),
  client_order_id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  submitted_at: z.string(),
  filled_at: z.string().nullish(),
  canceled_at: z.string().nullish(),
  symbol: blankAsNull,
  side: blankAsNull,
  position_intent: blankAsNull,
  qty: optionalDecimal,
  ratio_qty: optionalDecimal,
  filled_qty: optionalDecimal,
  filled_avg_price: optionalDecimal,
  limit_price: optionalDecimal,
  stop_price: optionalDecimal,
  trail_price: optionalDecimal,
  trail_percent: optionalDecimal,
  // Kinds stay plain strings here: mapping.ts decides what a value it does not know becomes.
  order_class: z.string().nullish(),
  type: blankAsNull,
  time_in_force: z.string(),
  status: z.string(),
};

/** A leg of a nested mleg order: its time in force is the parent's, and Alpaca may leave it out. */
export const wireOrderLeg = z.object({ ...orderFields, time_in_force: z.string().nullish() });
export type WireOrderLeg = z.infer<typeof wireOrderLeg>;

export const wireOrder = z.object({ ...orderFields, legs: z.array(wireOrderLeg).nullish() });
export type WireOrder = z.infer<typeof wireOrder>;

export const wireOrders = z.array(wireOrder);

/**
 * A trade activity's side reports how the execution was marked, not only buy or sell: a short sale's
 * fill says `sell_short`. Each is a buy or a sell to the desk; anything else fails validation.
 */
const FILL_SIDES = {
  buy: 'buy',
  buy_minus: 'buy',
  sell: 'sell',
  sell_plus: 'sell',
  sell_short: 'sell',
  sell_short_exempt: 'sell',
} as const;
const fillSide = z
  .enum(Object.keys(FILL_SIDES) as [keyof typeof FILL_SIDES])
  .transform((side) => FILL_SIDES[side]);

/** A FILL trade activity. */
export const wireFillActivity = z.object({
  id: z.string(),
  activity_type: z.literal('FILL'),
  transaction_time: z.string(),
  symbol: z.string(),
  side: fillSide,
  qty: decimal,
  price: decimal,
  order_id: z.string(),
});

/** An option lifecycle non-trade activity: a date but no time, a signed qty, no price. */
export const wireOptionActivity = z.object({
  id: z.string(),
  activity_type: z.enum(['OPEXP', 'OPASN', 'OPEXC']),
  date: z.string(),
  symbol: z.string(),
  qty: decimal,
});

/** Any activity: the id pages, the type routes it. Unknown types are kept only for their id. */
export const wireActivity = z.looseObject({ id: z.string(), activity_type: z.string() });
export const wireActivities = z.array(wireActivity);

export const wireOptionContract = z.object({
  symbol: z.string(),
  underlying_symbol: z.string(),
  expiration_date: z.string(),
  type: z.enum(['call', 'put']),
  strike_price: decimal,
  multiplier: decimal.nullish(),
  size: decimal.nullish(),
  tradable: z.boolean(),
  open_interest: optionalDecimal,
});
export const wireOptionContracts = z.object({
  option_contracts: z.array(wireOptionContract).nullish(),
  next_page_token: z.string().nullish(),
});

export const wireQuote = z.object({
  ap: z.number(),
  as: z.number(),
  bp: z.number(),
  bs: z.number(),
  t: z.string(),
});
export type WireQuote = z.infer<typeof wireQuote>;

export const wireLatestQuotes = z.object({ quotes: z.record(z.string(), wireQuote) });

export const wireOptionSnapshot = z.object({
  latestQuote: wireQuote.nullish(),
  latestTrade: z.object({ p: z.number(), t: z.string() }).nullish(),
  greeks: z
    .object({ delta: z.number(), gamma: z.number(), theta: z.number(), vega: z.number(), rho: z.number() })
    .nullish(),
  impliedVolatility: z.number().nullish(),
});
export type WireOptionSnapshot = z.infer<typeof wireOptionSnapshot>;

export const wireOptionSnapshots = z.object({
  snapshots: z.record(z.string(), wireOptionSnapshot).nullish(),
  next_page_token: z.string().nullish(),
});

export const wireCalendar = z.array(z.object({ date: z.string(), open: z.string(), close: z.string() }));

export const wireClock = z.object({
  timestamp: z.string(),
  is_open: z.boolean(),
  next_open: z.string(),
  next_close: z.string(),
});

/** Daily bars of one stock: the close on an assignment's date values the option it ended. */
export const wireBars = z.object({
  bars: z.array(z.object({ t: z.string(), c: z.number() })).nullish(),
  next_page_token: z.string().nullish(),
});

/** Alpaca's error body. The data API sometimes sends only `message`. */
export const wireError = z.object({ code: z.number().optional(), message: z.string() });

export { orderSide as wireOrderSide, positionIntent as wirePositionIntent };
