/**
 * Orders, positions and trades of a broker account. Every route opens the account's broker through
 * the factory (404 for an unknown or archived account); orders go through placeOrder, which enforces
 * the account's limits; reads of orders and trades come from Postgres, synced from the broker first
 * when asked (`?sync=true`) or when the synced history is over a minute old.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../http/types.ts';
import type { BrokerAccountRow } from '../trading/accounts/store.ts';
import { BrokerError } from '../trading/broker/types.ts';
import { closePosition } from '../trading/orders/close.ts';
import { listStoredOrders } from '../trading/orders/list.ts';
import { placeOrderOnce } from '../trading/orders/place.ts';
import { recordOrder } from '../trading/orders/record.ts';
import { groupPositions } from '../trading/positions/index.ts';
import { accountTrades } from '../trading/sync/account-trades.ts';
import { syncIfStale } from '../trading/sync/freshness.ts';
import { syncAccount } from '../trading/sync/sync-account.ts';
import { tradesToCsv } from '../trading/trades/csv.ts';
import { stableId } from '../trading/trades/stable-id.ts';
import { tradeStats } from '../trading/trades/stats.ts';
import type { Trade } from '../trading/trades/summarise-trade.ts';
import { ErrorResponseSchema, errorResponses } from './common-schemas.ts';
import { guarded, guardedSync, openAccount } from './trading-access.ts';
import { nextTradingCursor, type TradingCursor } from './trading-cursor.ts';
import { orderJson, orderRequestOf, positionsJson, tradeJson, tradeStatsJson } from './trading-json.ts';
import {
  AccountIdParams,
  CloseRequestSchema,
  OrderEnvelopeSchema,
  OrderIdParams,
  OrderListQuery,
  OrderListSchema,
  PlaceOrderSchema,
  PositionsSchema,
  StrategyIdParams,
  SyncRequestSchema,
  SyncResultSchema,
  TradesCsvQuery,
  TradesPageSchema,
  TradesQuery,
} from './trading-schemas.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const body = <T extends z.ZodType>(schema: T) => ({ content: json(schema), required: true });
const security = [{ bearerAuth: [] }];
const tags = ['trading'];
const brokerFailures = {
  ...errorResponses(503),
  502: { description: 'The broker refused or answered unusably', content: json(ErrorResponseSchema) },
};

const positions = createRoute({
  method: 'get',
  path: '/accounts/{id}/positions',
  tags,
  summary: "The account's positions as strategies (legs grouped by underlying and expiry) with live P&L",
  security,
  request: { params: AccountIdParams },
  responses: {
    200: { description: 'Positions', content: json(PositionsSchema) },
    ...errorResponses(401, 403, 404, 422),
    ...brokerFailures,
  },
});

const closeStrategy = createRoute({
  method: 'post',
  path: '/accounts/{id}/positions/{strategyId}/close',
  tags,
  summary: 'Close a position strategy, or one leg of it, with a market order',
  description:
    'Idempotent per request_key: a retry returns the order the first request placed, even after it filled. ' +
    'Closing orders pass the daily-loss and notional limits (they take risk off) but not a disabled account (403).',
  security,
  request: { params: StrategyIdParams, body: body(CloseRequestSchema) },
  responses: {
    202: { description: 'The closing order', content: json(OrderEnvelopeSchema) },
    ...errorResponses(400, 401, 403, 404, 413, 415, 422),
    ...brokerFailures,
  },
});

const listOrders = createRoute({
  method: 'get',
  path: '/accounts/{id}/orders',
  tags,
  summary: "The account's orders, newest submitted first",
  security,
  request: { params: AccountIdParams, query: OrderListQuery },
  responses: {
    200: { description: 'A page of orders', content: json(OrderListSchema) },
    ...errorResponses(401, 403, 404, 422),
    ...brokerFailures,
  },
});

const placeOrderRoute = createRoute({
  method: 'post',
  path: '/accounts/{id}/orders',
  tags,
  summary: 'Place an order (simple, or a 2–4 leg option order), idempotent by client_order_id',
  description:
    'Checked before it reaches the broker: the order itself (422, details.code invalid_order), trading ' +
    'enabled (403, trading_disabled), max_order_notional (422, notional_limit) and, for opening orders, ' +
    'max_daily_loss (422, daily_loss_limit). 201 with a new order; 200 with the earlier order when its ' +
    'client_order_id was used before for the same order; 409 when it was used for a different one.',
  security,
  request: { params: AccountIdParams, body: body(PlaceOrderSchema) },
  responses: {
    200: {
      description: 'The order already placed under this client_order_id',
      content: json(OrderEnvelopeSchema),
    },
    201: { description: 'Placed', content: json(OrderEnvelopeSchema) },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
    ...brokerFailures,
  },
});

const cancelOrder = createRoute({
  method: 'delete',
  path: '/accounts/{id}/orders/{orderId}',
  tags,
  summary: 'Ask the broker to cancel an order',
  description: '202 with the order as the broker then reports it; 409 when it can no longer be canceled.',
  security,
  request: { params: OrderIdParams },
  responses: {
    202: { description: 'Cancel requested', content: json(OrderEnvelopeSchema) },
    ...errorResponses(401, 403, 404, 409, 422),
    ...brokerFailures,
  },
});

const sync = createRoute({
  method: 'post',
  path: '/accounts/{id}/sync',
  tags,
  summary: "Copy the broker's orders and activities for a window into the desk (idempotent)",
  security,
  request: { params: AccountIdParams, body: body(SyncRequestSchema) },
  responses: {
    200: { description: 'What the window held', content: json(SyncResultSchema) },
    ...errorResponses(400, 401, 403, 404, 413, 415, 422),
    ...brokerFailures,
  },
});

const trades = createRoute({
  method: 'get',
  path: '/accounts/{id}/trades',
  tags,
  summary: 'Trades built from every synced fill (newest opened first), with statistics over all of them',
  security,
  request: { params: AccountIdParams, query: TradesQuery },
  responses: {
    200: { description: 'A page of trades and the stats', content: json(TradesPageSchema) },
    ...errorResponses(401, 403, 404, 422),
    ...brokerFailures,
  },
});

const tradesCsv = createRoute({
  method: 'get',
  path: '/accounts/{id}/trades.csv',
  tags,
  summary: 'All trades as CSV (RFC 4180), oldest opened first',
  security,
  request: { params: AccountIdParams, query: TradesCsvQuery },
  responses: {
    200: { description: 'CSV download', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses(401, 403, 404, 422),
    ...brokerFailures,
  },
});

/** Newest opened first; ties by id so the order (and the cursor) is total. */
function newestFirst(a: Pick<Trade, 'openedAt' | 'id'>, b: Pick<Trade, 'openedAt' | 'id'>): number {
  return Date.parse(b.openedAt) - Date.parse(a.openedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function isAfterCursor(trade: Trade, cursor: TradingCursor): boolean {
  // The cursor's trade sorts before this one: this one is on a later page.
  return newestFirst({ openedAt: cursor.time, id: cursor.id }, trade) < 0;
}

async function loadTrades(
  c: Context<AppEnv>,
  id: string,
  force: boolean,
): Promise<{ all: Trade[]; account: BrokerAccountRow }> {
  const { account, broker } = await openAccount(c, id);
  const db = c.var.db();
  const all = await guarded(broker, async () => {
    await syncIfStale({ db, account, broker }, force);
    return accountTrades(db, account.id, broker);
  });
  return { all, account };
}

export const tradingRoutes = createRouter()
  .openapi(positions, async (c) => {
    const { account, broker } = await openAccount(c, c.req.valid('param').id);
    const held = await guarded(broker, () => broker.positions());
    const strategies = guardedSync(broker, () => groupPositions(account.id, held));
    return c.json(positionsJson(strategies, new Date()), 200);
  })
  .openapi(closeStrategy, async (c) => {
    const { id, strategyId } = c.req.valid('param');
    const input = c.req.valid('json');
    if (input.qty !== undefined && input.leg === undefined) {
      throw new ValidationError([{ path: 'body.qty', message: 'qty closes part of one leg: name the leg' }]);
    }
    const { account, broker } = await openAccount(c, id);
    const placed = await guarded(broker, () =>
      closePosition({
        db: c.var.db(),
        account,
        broker,
        strategyId,
        requestKey: input.request_key,
        ...(input.leg === undefined ? {} : { leg: input.leg }),
        ...(input.qty === undefined ? {} : { qty: input.qty }),
      }),
    );
    return c.json({ order: orderJson(placed.order) }, 202);
  })
  .openapi(listOrders, async (c) => {
    const query = c.req.valid('query');
    const { account, broker } = await openAccount(c, c.req.valid('param').id);
    const db = c.var.db();
    await guarded(broker, () => syncIfStale({ db, account, broker }, query.sync === 'true'));
    const rows = await listStoredOrders(db, account.id, {
      status: query.status,
      limit: query.limit,
      before: query.cursor,
    });
    return c.json(
      {
        orders: rows.map((row) => orderJson(row.order)),
        next_cursor: nextTradingCursor(
          rows.map((row) => row.cursor),
          query.limit,
        ),
      },
      200,
    );
  })
  .openapi(placeOrderRoute, async (c) => {
    const input = c.req.valid('json');
    const { account, broker } = await openAccount(c, c.req.valid('param').id);
    // Without the caller's key, the request id stands in: it protects this one request (and a resend
    // carrying the same X-Request-Id), not a program's retry; programs send their own.
    const clientOrderId = input.client_order_id ?? stableId('req', [c.var.requestId]);
    const placed = await guarded(broker, () =>
      placeOrderOnce({ db: c.var.db(), account, broker, order: orderRequestOf(input, clientOrderId) }),
    );
    return placed.created
      ? c.json({ order: orderJson(placed.order) }, 201)
      : c.json({ order: orderJson(placed.order) }, 200);
  })
  .openapi(cancelOrder, async (c) => {
    const { id, orderId } = c.req.valid('param');
    const { account, broker } = await openAccount(c, id);
    const order = await guarded(broker, async () => {
      try {
        await broker.cancelOrder(orderId);
      } catch (error) {
        if (error instanceof BrokerError && error.code === 'not_found')
          throw new NotFoundError(`Order ${orderId}`);
        if (error instanceof BrokerError && error.code === 'rejected') {
          throw new ConflictError(`Order ${orderId} cannot be canceled: ${error.message}`);
        }
        throw error;
      }
      const current = await broker.order(orderId);
      await recordOrder(c.var.db(), account.id, current);
      return current;
    });
    return c.json({ order: orderJson(order) }, 202);
  })
  .openapi(sync, async (c) => {
    const input = c.req.valid('json');
    const end = Math.min(input.until ? Date.parse(input.until) : Number.POSITIVE_INFINITY, Date.now());
    if (input.after && Date.parse(input.after) >= end) {
      throw new ValidationError([
        { path: 'body.after', message: 'after must be before until (and before now)' },
      ]);
    }
    const { account, broker } = await openAccount(c, c.req.valid('param').id);
    const result = await guarded(broker, () =>
      syncAccount({
        db: c.var.db(),
        account,
        broker,
        ...(input.after ? { after: new Date(input.after).toISOString() } : {}),
        ...(input.until ? { until: new Date(input.until).toISOString() } : {}),
      }),
    );
    return c.json(result, 200);
  })
  .openapi(trades, async (c) => {
    const query = c.req.valid('query');
    const { all } = await loadTrades(c, c.req.valid('param').id, query.sync === 'true');
    const cursor = query.cursor;
    const page = all
      .filter((trade) => query.status === 'all' || trade.status === query.status)
      .sort(newestFirst)
      .filter((trade) => !cursor || isAfterCursor(trade, cursor))
      .slice(0, query.limit);
    return c.json(
      {
        trades: page.map(tradeJson),
        stats: tradeStatsJson(tradeStats(all)),
        next_cursor: nextTradingCursor(
          page.map((trade) => ({ time: trade.openedAt, id: trade.id })),
          query.limit,
        ),
      },
      200,
    );
  })
  .openapi(tradesCsv, async (c) => {
    const query = c.req.valid('query');
    const { all, account } = await loadTrades(c, c.req.valid('param').id, query.sync === 'true');
    const selected = all.filter((trade) => query.status === 'all' || trade.status === query.status);
    const filename = `trades-${account.id}-${new Date().toISOString().slice(0, 10)}.csv`;
    return c.body(tradesToCsv(selected), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
    });
  });
