/**
 * POST/GET/DELETE /api/accounts/:id/orders against the offline paper broker and the real database:
 * a stock order and an SPY iron condor fill and are recorded; a client_order_id places one order
 * however often (and however concurrently) it is sent; the account's limits (trading enabled,
 * notional, daily loss) refuse before the broker sees anything; bad input and unknown accounts get
 * the one error shape.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { brokerOrders, paperOrders } from '../src/db/schema-trading.ts';
import { recordOrders } from '../src/trading/orders/record.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import {
  condorOrder,
  type OrderJson,
  offlineAccount,
  placed,
  postOrder,
  spyIronCondor,
} from './helpers/trading-desk.ts';

const stock = (clientOrderId: string | undefined, side: 'buy' | 'sell', qty: number, extra: object = {}) => ({
  ...(clientOrderId ? { client_order_id: clientOrderId } : {}),
  order_class: 'simple',
  symbol: 'SPY',
  side,
  qty,
  type: 'market',
  time_in_force: 'day',
  ...extra,
});

async function storedOrders(accountId: string) {
  return withDatabase((db) => db.select().from(brokerOrders).where(eq(brokerOrders.accountId, accountId)));
}

async function paperOrderCount(accountId: string, clientOrderId: string): Promise<number> {
  const rows = await withDatabase((db) =>
    db
      .select({ id: paperOrders.id })
      .from(paperOrders)
      .where(and(eq(paperOrders.accountId, accountId), eq(paperOrders.clientOrderId, clientOrderId))),
  );
  return rows.length;
}

interface Refusal {
  code: string;
  [key: string]: unknown;
}

describe('placing orders', () => {
  it('fills a stock order, records it, and lists it', async () => {
    const account = await offlineAccount('orders: stock');
    const order = await placed(await postOrder(account, stock('stock-buy-1', 'buy', 3)));
    expect(order).toMatchObject({
      client_order_id: 'stock-buy-1',
      status: 'filled',
      order_class: 'simple',
      symbol: 'SPY',
      side: 'buy',
      qty: 3,
      filled_qty: 3,
    });
    expect(order.filled_avg_price).toBeGreaterThan(0);
    const rows = await storedOrders(account);
    expect(rows.map((row) => [row.brokerOrderId, row.clientOrderId, row.status])).toEqual([
      [order.id, 'stock-buy-1', 'filled'],
    ]);

    const list = await call(`/api/accounts/${account}/orders?status=closed`);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { orders: OrderJson[]; next_cursor: string | null };
    expect(body.orders.map((o) => o.id)).toEqual([order.id]);
    expect(body.next_cursor).toBeNull();
    const open = (await (await call(`/api/accounts/${account}/orders?status=open`)).json()) as {
      orders: OrderJson[];
    };
    expect(open.orders).toEqual([]);

    // Newest first, a page at a time.
    const second = await placed(await postOrder(account, stock('stock-buy-2', 'buy', 1)));
    const page = async (cursor?: string | null) => {
      const query = cursor ? `&cursor=${cursor}` : '';
      const response = await call(`/api/accounts/${account}/orders?limit=1${query}`);
      expect(response.status).toBe(200);
      return (await response.json()) as { orders: OrderJson[]; next_cursor: string | null };
    };
    const one = await page();
    expect(one.orders.map((o) => o.id)).toEqual([second.id]);
    const two = await page(one.next_cursor);
    expect(two.orders.map((o) => o.id)).toEqual([order.id]);
    expect(await page(two.next_cursor)).toEqual({ orders: [], next_cursor: null });
  });

  it('fills an iron condor on SPY as one four-leg order', async () => {
    const account = await offlineAccount('orders: condor');
    const condor = spyIronCondor();
    const order = await placed(await postOrder(account, condorOrder(condor, 'condor-1')));
    expect(order).toMatchObject({
      order_class: 'mleg',
      symbol: null,
      status: 'filled',
      qty: 1,
      filled_qty: 1,
    });
    expect(order.legs.map((leg) => [leg.symbol, leg.side, leg.ratio_qty])).toEqual([
      [condor.longPut, 'buy', 1],
      [condor.shortPut, 'sell', 1],
      [condor.shortCall, 'sell', 1],
      [condor.longCall, 'buy', 1],
    ]);
    // Net credit: the net price per unit is negative.
    expect(order.filled_avg_price).toBeLessThan(0);
  });

  it('places one order for one client_order_id, sent twice at once and again later', async () => {
    const account = await offlineAccount('orders: duplicate');
    const responses = await Promise.all([
      postOrder(account, stock('dup-1', 'buy', 2)),
      postOrder(account, stock('dup-1', 'buy', 2)),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 201]);
    const [a, b] = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { order: OrderJson }).order),
    );
    expect(a?.id).toBe(b?.id);
    const again = await placed(await postOrder(account, stock('dup-1', 'buy', 2)), 200);
    expect(again.id).toBe(a?.id);
    // The same id for a different order is the caller's mistake, not a retry.
    const reused = await expectError(await postOrder(account, stock('dup-1', 'buy', 5)), 409, 'conflict');
    expect(reused.error.message).toMatch(/qty: 5 ≠ 2/);
    expect(reused.error.details).toMatchObject({ code: 'invalid_order', existing_order_id: a?.id });
    expect(await paperOrderCount(account, 'dup-1')).toBe(1);
    expect((await storedOrders(account)).length).toBe(1);
  });

  it('derives the client_order_id from X-Request-Id when none is sent', async () => {
    const account = await offlineAccount('orders: derived id');
    const headers = { 'X-Request-Id': 'resend-me-1' };
    const first = await placed(await postOrder(account, stock(undefined, 'buy', 1), { headers }));
    expect(first.client_order_id).toMatch(/^req_[0-9a-f]{16}$/);
    const resent = await placed(await postOrder(account, stock(undefined, 'buy', 1), { headers }), 200);
    expect(resent.id).toBe(first.id);
    const other = await placed(await postOrder(account, stock(undefined, 'buy', 1)));
    expect(other.id).not.toBe(first.id);
  });

  it('cancels a resting limit order, and refuses to cancel it twice', async () => {
    const account = await offlineAccount('orders: cancel');
    const resting = await placed(
      await postOrder(account, stock('cancel-1', 'buy', 1, { type: 'limit', limit_price: 1 })),
    );
    expect(['new', 'accepted']).toContain(resting.status);
    const canceled = await call(`/api/accounts/${account}/orders/${resting.id}`, { method: 'DELETE' });
    expect(canceled.status, await canceled.clone().text()).toBe(202);
    expect(((await canceled.json()) as { order: OrderJson }).order).toMatchObject({
      id: resting.id,
      status: 'canceled',
    });
    const [row] = await storedOrders(account);
    expect(row?.status).toBe('canceled');
    await expectError(
      await call(`/api/accounts/${account}/orders/${resting.id}`, { method: 'DELETE' }),
      409,
      'conflict',
    );
    await expectError(
      await call(`/api/accounts/${account}/orders/00000000-0000-4000-8000-000000000bad`, {
        method: 'DELETE',
      }),
      404,
      'not_found',
    );
  });
});

describe('listing orders', () => {
  it('lists a GTC order done for the day as open: it trades again next session', async () => {
    const account = await offlineAccount('orders: done for the day');
    const at = new Date(Date.now() - 60 * 60_000).toISOString();
    const order = (id: string, status: 'done_for_day' | 'filled') => ({
      id,
      clientOrderId: `c-${id}`,
      status,
      orderClass: 'simple' as const,
      type: 'limit' as const,
      timeInForce: 'gtc' as const,
      symbol: 'SPY',
      side: 'buy' as const,
      qty: 1,
      filledQty: status === 'filled' ? 1 : 0,
      filledAvgPrice: status === 'filled' ? 500 : null,
      limitPrice: 500,
      legs: [],
      createdAt: at,
      submittedAt: at,
      updatedAt: at,
      filledAt: status === 'filled' ? at : null,
      canceledAt: null,
    });
    await withDatabase((db) =>
      recordOrders(db, account, [order('gtc-resting', 'done_for_day'), order('gtc-filled', 'filled')]),
    );
    const list = async (status: string) =>
      (
        (await (await call(`/api/accounts/${account}/orders?status=${status}`)).json()) as {
          orders: OrderJson[];
        }
      ).orders.map((listed) => listed.id);
    expect(await list('open')).toEqual(['gtc-resting']);
    expect(await list('closed')).toEqual(['gtc-filled']);
  });
});

describe('account limits', () => {
  it('refuses an order above max_order_notional before the broker sees it', async () => {
    const account = await offlineAccount('limits: notional', { maxOrderNotional: 1000 });
    const body = await expectError(
      await postOrder(account, stock('big-1', 'buy', 10)),
      422,
      'validation_failed',
    );
    expect(body.error.details).toMatchObject({ code: 'notional_limit', max_order_notional: 1000 });
    expect((body.error.details as { notional: number }).notional).toBeGreaterThan(1000);
    expect(await paperOrderCount(account, 'big-1')).toBe(0);
    // An iron condor risks its wing width × 100 × qty − credit: 3 condors with $5 wings, about $1,500.
    const condor = await expectError(
      await postOrder(account, condorOrder(spyIronCondor(), 'big-condor', 3)),
      422,
      'validation_failed',
    );
    expect((condor.error.details as Refusal).code).toBe('notional_limit');
    await placed(await postOrder(account, stock('small-1', 'buy', 1)));
  });

  it('refuses opening orders once the day loss reaches max_daily_loss, and still lets a close through', async () => {
    // Buying at the ask and marking at the mid loses the spread at once: more than a cent.
    const account = await offlineAccount('limits: daily loss', { maxDailyLoss: 0.01 });
    await placed(await postOrder(account, stock('loss-1', 'buy', 5)));
    const refused = await expectError(
      await postOrder(account, stock('loss-2', 'buy', 1)),
      422,
      'validation_failed',
    );
    expect(refused.error.details).toMatchObject({ code: 'daily_loss_limit', max_daily_loss: 0.01 });
    expect((refused.error.details as { day_pnl: number }).day_pnl).toBeLessThan(0);
    const close = await placed(await postOrder(account, stock('loss-close', 'sell', 5)));
    expect(close.status).toBe('filled');
  });

  it('refuses every order, closes included, on an account with trading disabled', async () => {
    const account = await offlineAccount('limits: disabled', { tradingEnabled: false });
    const body = await expectError(await postOrder(account, stock('off-1', 'buy', 1)), 403, 'forbidden');
    expect(body.error.details).toMatchObject({ code: 'trading_disabled' });
    expect(await paperOrderCount(account, 'off-1')).toBe(0);
  });
});

describe('bad input', () => {
  it('answers malformed orders with a 422 naming the problem and the request id', async () => {
    const account = await offlineAccount('orders: bad input');
    const oneLeg = await expectError(
      await postOrder(account, {
        client_order_id: 'bad-1',
        order_class: 'mleg',
        qty: 1,
        type: 'market',
        legs: [{ symbol: 'SPY261218C00600000', side: 'buy' }],
      }),
      422,
      'validation_failed',
    );
    expect(oneLeg.error.message).toMatch(/legs/);
    const noPrice = await expectError(
      await postOrder(account, stock('bad-2', 'buy', 1, { type: 'limit' })),
      422,
      'validation_failed',
    );
    expect(noPrice.error.details).toMatchObject({ code: 'invalid_order' });
    expect(noPrice.error.message).toMatch(/limit_price/);
    const zero = await expectError(
      await postOrder(account, stock('bad-3', 'buy', 0)),
      422,
      'validation_failed',
    );
    expect(zero.error.message).toMatch(/qty/);
    const unknownField = await expectError(
      await postOrder(account, stock('bad-4', 'buy', 1, { price: 5 })),
      422,
      'validation_failed',
    );
    expect(JSON.stringify(unknownField.error.details)).toMatch(/price/);
    const twoUnderlyings = await expectError(
      await postOrder(account, {
        client_order_id: 'bad-5',
        order_class: 'mleg',
        qty: 1,
        type: 'market',
        legs: [
          { symbol: 'SPY261218C00600000', side: 'buy' },
          { symbol: 'QQQ261218C00500000', side: 'sell' },
        ],
      }),
      422,
      'validation_failed',
    );
    expect(twoUnderlyings.error.message).toMatch(/one underlying/);
    await expectError(await call(`/api/accounts/${account}/orders?status=nope`), 422, 'validation_failed');
    await expectError(
      await call(`/api/accounts/${account}/orders?cursor=garbage!`),
      422,
      'validation_failed',
    );
    expect(await storedOrders(account)).toEqual([]);
  });

  it('answers a sync window that ends before the default start with a 422, not a 500', async () => {
    const account = await offlineAccount('orders: empty sync window');
    const sync = (body: object) => call(`/api/accounts/${account}/sync`, { method: 'POST', json: body });
    expect((await sync({})).status).toBe(200);
    // The default start is a few minutes before the last sync: a window ending an hour ago is empty.
    const hourAgo = new Date(Date.now() - 60 * 60_000).toISOString();
    const empty = await expectError(await sync({ until: hourAgo }), 422, 'validation_failed');
    expect(empty.error.message).toMatch(/after/);
    await expectError(await sync({ after: hourAgo, until: hourAgo }), 422, 'validation_failed');
  });

  it('answers an unknown or archived account with 404', async () => {
    const archived = await offlineAccount('orders: archived', { archived: true });
    for (const id of ['00000000-0000-4000-8000-0000000dead0', archived]) {
      await expectError(await postOrder(id, stock('nobody', 'buy', 1)), 404, 'not_found');
      await expectError(await call(`/api/accounts/${id}/orders`), 404, 'not_found');
    }
    await expectError(await call('/api/accounts/not-a-uuid/orders'), 422, 'validation_failed');
  });
});
