/** Request and response schemas of the trading routes (src/routes/trading.ts). */
import { z } from '@hono/zod-openapi';
import { lineText } from '../http/text.ts';
import { MAX_CLIENT_ORDER_ID, MAX_MLEG_LEGS, MIN_MLEG_LEGS } from '../trading/orders/validate.ts';
import { TradingCursorParam } from './trading-cursor.ts';

const MAX_QTY = 1_000_000;
const MAX_PRICE = 1_000_000;
const Side = z.enum(['buy', 'sell']);
const PositionIntent = z.enum(['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close']);
const TradedSymbol = lineText()
  .trim()
  .min(1)
  .max(32)
  .openapi({ description: 'A stock ticker (SPY) or an OCC option symbol (SPY261218C00600000)' });

export const AccountIdParams = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-00000000a11e' }),
});

export const OrderIdParams = AccountIdParams.extend({
  orderId: lineText()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'orderId', in: 'path' }, description: "The broker's order id" }),
});

export const StrategyIdParams = AccountIdParams.extend({
  strategyId: z
    .string()
    .regex(/^pos_[0-9a-f]{16}$/, 'a strategy id from GET /accounts/:id/positions (pos_ and 16 hex digits)')
    .openapi({ param: { name: 'strategyId', in: 'path' }, example: 'pos_0123456789abcdef' }),
});

/**
 * An order's kind as the broker reports it. Listed orders include those placed outside the desk (on
 * Alpaca's site, by another program), so these are strings documented by their known values rather
 * than closed enums: a kind Alpaca adds later is passed through as sent instead of failing the list.
 */
function brokerKind(known: readonly string[], example: string) {
  return z.string().openapi({
    description: `Known values: ${known.join(', ')}. A value the broker adds later is passed through as sent.`,
    example,
  });
}
const OrderTypeText = brokerKind(['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'], 'limit');

export const OrderLegSchema = z
  .object({
    id: z.string(),
    symbol: z.string(),
    side: Side,
    ratio_qty: z.number(),
    position_intent: PositionIntent.nullable(),
    status: z.string(),
    filled_qty: z.number(),
    filled_avg_price: z.number().nullable(),
    type: OrderTypeText.nullable().openapi({
      description:
        "A bracket's or oco's leg is its own order (take-profit limit, stop-loss stop); null if unknown",
    }),
    limit_price: z.number().nullable(),
    stop_price: z.number().nullable(),
  })
  .openapi('OrderLeg');

export const OrderSchema = z
  .object({
    id: z.string().openapi({ description: "The broker's order id" }),
    client_order_id: z.string(),
    status: z.string().openapi({ example: 'filled' }),
    order_class: brokerKind(['simple', 'mleg', 'bracket', 'oco', 'oto'], 'simple'),
    type: OrderTypeText,
    time_in_force: brokerKind(['day', 'gtc', 'ioc', 'fok', 'opg', 'cls'], 'day'),
    symbol: z.string().nullable().openapi({ description: 'Null for mleg orders (see legs)' }),
    side: Side.nullable(),
    qty: z.number(),
    filled_qty: z.number(),
    filled_avg_price: z.number().nullable().openapi({ description: 'Per share; for mleg the net per unit' }),
    limit_price: z.number().nullable(),
    stop_price: z
      .number()
      .nullable()
      .openapi({ description: 'Stop and stop-limit orders: the trigger price' }),
    trail_price: z.number().nullable().openapi({ description: 'Trailing stops: the trail in dollars' }),
    trail_percent: z.number().nullable().openapi({ description: 'Trailing stops: the trail in percent' }),
    legs: z.array(OrderLegSchema),
    created_at: z.string(),
    submitted_at: z.string(),
    filled_at: z.string().nullable(),
    canceled_at: z.string().nullable(),
  })
  .openapi('Order');

export const OrderEnvelopeSchema = z.object({ order: OrderSchema }).openapi('OrderEnvelope');

export const PlaceOrderSchema = z
  .strictObject({
    client_order_id: z
      .string()
      .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
      .max(MAX_CLIENT_ORDER_ID)
      .optional()
      .openapi({
        description:
          'Your idempotency key: resending an order with the same id returns the order placed first (200) ' +
          'instead of placing another. Programs should always send one. When absent, one is derived from ' +
          'the request id (the X-Request-Id header if you send it), which protects only that one request.',
      }),
    order_class: z.enum(['simple', 'mleg']),
    symbol: TradedSymbol.optional().openapi({ description: 'simple orders only' }),
    side: Side.optional().openapi({ description: 'simple orders only' }),
    position_intent: PositionIntent.optional(),
    legs: z
      .array(
        z.strictObject({
          symbol: TradedSymbol,
          side: Side,
          ratio_qty: z.number().int().positive().max(100).default(1),
          position_intent: PositionIntent.optional(),
        }),
      )
      .min(MIN_MLEG_LEGS)
      .max(MAX_MLEG_LEGS)
      .optional()
      .openapi({
        description: `mleg orders only: ${MIN_MLEG_LEGS}–${MAX_MLEG_LEGS} option legs on one underlying`,
      }),
    qty: z.number().positive().max(MAX_QTY),
    type: z.enum(['market', 'limit']),
    limit_price: z.number().min(-MAX_PRICE).max(MAX_PRICE).optional().openapi({
      description:
        'Limit orders only. Simple: per share. mleg: net per unit, positive = debit, negative = credit.',
    }),
    time_in_force: z.enum(['day', 'gtc']).default('day'),
  })
  .openapi('PlaceOrder');

export const OrderListQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: TradingCursorParam,
  sync: z.enum(['true', 'false']).optional().openapi({
    description: 'true: sync from the broker first (otherwise only when the last sync is over a minute old)',
  }),
});

export const OrderListSchema = z
  .object({ orders: z.array(OrderSchema), next_cursor: z.string().nullable() })
  .openapi('OrderList');

const PositionLegSchema = z
  .object({
    id: z.string(),
    symbol: z.string(),
    kind: z.enum(['option', 'stock']),
    type: z.enum(['call', 'put']).nullable(),
    strike: z.number().nullable(),
    expiry: z.string().nullable(),
    direction: z.enum(['long', 'short']),
    qty: z.number(),
    avg_entry_price: z.number(),
    current_price: z.number().nullable(),
    pnl: z.number().nullable(),
    pnl_fraction: z.number().nullable(),
  })
  .openapi('PositionLeg');

export const PositionsSchema = z
  .object({
    strategies: z.array(
      z
        .object({
          id: z
            .string()
            .openapi({ description: 'Stable while the same legs are held; names the strategy to close' }),
          underlying: z.string(),
          expiry: z.string().nullable(),
          kind: z.string().openapi({ example: 'iron_condor' }),
          legs: z.array(PositionLegSchema),
          pnl: z.number().nullable(),
          cost_basis: z
            .number()
            .openapi({ description: 'Entry cost: paid for longs (+), received for shorts (−)' }),
        })
        .openapi('PositionStrategy'),
    ),
    total_pnl: z.number().nullable(),
    as_of: z.string(),
  })
  .openapi('Positions');

export const CloseRequestSchema = z
  .strictObject({
    request_key: lineText().trim().min(1).max(100).openapi({
      description: 'Idempotency key of this close: a retry with the same key returns the same order',
    }),
    leg: lineText().min(1).max(64).optional().openapi({ description: 'Close one leg (its symbol or id)' }),
    qty: z
      .number()
      .int()
      .positive()
      .max(MAX_QTY)
      .optional()
      .openapi({ description: 'With leg: contracts to close' }),
  })
  .openapi('ClosePosition');

const Instant = z.iso.datetime({ offset: true });

export const SyncRequestSchema = z
  .strictObject({
    after: Instant.optional().openapi({
      description: 'Default: a few minutes before the last sync, or 30 days ago',
    }),
    until: Instant.optional().openapi({ description: 'Default: now' }),
  })
  .openapi('SyncRequest');

export const SyncResultSchema = z
  .object({
    orders: z.number().int().openapi({ description: 'Orders the broker reported in the window' }),
    activities: z.number().int().openapi({ description: 'Fills and option events the broker reported' }),
    changed: z.object({ orders: z.number().int(), activities: z.number().int() }).openapi({
      description: 'Rows that were new or different: 0 and 0 when the window was synced before',
    }),
    after: z.string(),
    through: z.string(),
  })
  .openapi('SyncResult');

export const TradesQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: TradingCursorParam,
  sync: OrderListQuery.shape.sync,
});

export const TradesCsvQuery = z.object({ status: TradesQuery.shape.status, sync: OrderListQuery.shape.sync });

const TradeLegSchema = z
  .object({
    symbol: z.string(),
    kind: z.enum(['option', 'stock']),
    type: z.enum(['call', 'put']).nullable(),
    strike: z.number().nullable(),
    expiry: z.string().nullable(),
    direction: z.enum(['long', 'short']),
    opened_qty: z.number(),
    closed_qty: z.number(),
    open_qty: z.number(),
    avg_open_price: z.number(),
    avg_close_price: z.number().nullable(),
    realised_pnl: z.number(),
    unrealised_pnl: z.number().nullable(),
    fees: z.number(),
  })
  .openapi('TradeLeg');

export const TradeSchema = z
  .object({
    id: z.string(),
    underlying: z.string(),
    status: z.enum(['open', 'closed', 'incomplete']),
    opened_at: z.string(),
    closed_at: z.string().nullable(),
    expiries: z.array(z.string()),
    strategy: z.string().openapi({ example: 'iron_condor' }),
    legs: z.array(TradeLegSchema),
    realised_pnl: z.number().openapi({ description: 'FIFO, net of the fees of the closed quantities' }),
    unrealised_pnl: z.number().nullable().openapi({ description: 'Open quantities at the latest quote mid' }),
    fees: z.number(),
    fill_ids: z.array(z.string()),
  })
  .openapi('Trade');

export const TradeStatsSchema = z
  .object({
    total_trades: z.number().int(),
    open_trades: z.number().int(),
    closed_trades: z.number().int(),
    incomplete_trades: z.number().int(),
    wins: z.number().int(),
    losses: z.number().int(),
    breakeven: z.number().int(),
    win_rate: z.number().nullable().openapi({ description: 'wins / closed trades (0..1)' }),
    average_win: z.number().nullable(),
    average_loss: z.number().nullable(),
    gross_wins: z.number(),
    gross_losses: z.number(),
    profit_factor: z.number().nullable(),
    expectancy: z.number().nullable(),
    total_realised_pnl: z.number(),
    max_drawdown: z.number(),
    open_unrealised_pnl: z.number().nullable(),
  })
  .openapi('TradeStats');

export const TradesPageSchema = z
  .object({ trades: z.array(TradeSchema), stats: TradeStatsSchema, next_cursor: z.string().nullable() })
  .openapi('TradesPage');
