/**
 * An Alpaca account holding orders the desk never places (a bracket with held exits, oco, oto, a
 * trailing stop, a stop-limit at the open, ioc/fok/cls orders, and one of a kind Alpaca does not
 * document) syncs and lists them all, each as Alpaca reported it, instead of failing the whole list.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { brokerOrders } from '../src/db/schema-trading.ts';
import { foreignOrders } from './alpaca-emulator/control.ts';
import { alpacaEmulator, newAlpacaAccount, storeAlpacaAccount } from './helpers/alpaca.ts';
import { call, withDatabase } from './helpers/api.ts';

interface ListedOrder {
  id: string;
  status: string;
  order_class: string;
  type: string;
  time_in_force: string;
  symbol: string | null;
  side: string | null;
  limit_price: number | null;
  stop_price: number | null;
  trail_price: number | null;
  trail_percent: number | null;
  legs: Array<{
    id: string;
    type: string | null;
    status: string;
    limit_price: number | null;
    stop_price: number | null;
  }>;
}

async function listOrders(account: string, status: 'open' | 'closed' | 'all'): Promise<ListedOrder[]> {
  const response = await call(`/api/accounts/${account}/orders?status=${status}&limit=200`);
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { orders: ListedOrder[] }).orders;
}

describe('orders placed outside the desk', () => {
  it('sync and the order list read every kind Alpaca documents, and keep an undocumented one as sent', async () => {
    const keys = await newAlpacaAccount();
    const account = await storeAlpacaAccount(keys, 'alpaca paper with foreign orders (emulated)');
    const start = new Date(Date.now() - 60 * 60_000).toISOString();
    const undocumented = {
      id: 'foreign-pegged',
      client_order_id: 'foreign-pegged-web',
      submitted_at: new Date(Date.parse(start) + 10_000).toISOString(),
      symbol: 'SPY',
      side: 'buy',
      qty: '1',
      type: 'pegged_midpoint',
      order_class: 'simple',
      time_in_force: 'gtd',
      status: 'new',
    };
    await alpacaEmulator().seed(keys.keyId, { orders: [...foreignOrders(start), undocumented] });

    const sync = await call(`/api/accounts/${account}/sync`, { method: 'POST', json: {} });
    expect(sync.status, await sync.clone().text()).toBe(200);
    expect(await sync.json()).toMatchObject({ orders: 9 });

    const orders = await listOrders(account, 'all');
    const byId = new Map(orders.map((order) => [order.id, order]));
    expect([...byId.keys()].sort()).toEqual(
      [
        'foreign-bracket',
        'foreign-oco',
        'foreign-oto',
        'foreign-trailing',
        'foreign-stop-limit',
        'foreign-ioc',
        'foreign-fok',
        'foreign-cls',
        'foreign-pegged',
      ].sort(),
    );
    expect(byId.get('foreign-bracket')).toMatchObject({
      order_class: 'bracket',
      type: 'limit',
      time_in_force: 'gtc',
      symbol: 'SPY',
      side: 'buy',
      limit_price: 600,
      stop_price: null,
      legs: [
        { id: 'foreign-bracket-tp', type: 'limit', status: 'held', limit_price: 620, stop_price: null },
        { id: 'foreign-bracket-sl', type: 'stop', status: 'held', limit_price: null, stop_price: 590 },
      ],
    });
    expect(byId.get('foreign-oco')).toMatchObject({
      order_class: 'oco',
      legs: [{ type: 'stop', stop_price: 585 }],
    });
    expect(byId.get('foreign-oto')).toMatchObject({ order_class: 'oto', type: 'market' });
    expect(byId.get('foreign-trailing')).toMatchObject({
      type: 'trailing_stop',
      stop_price: 588,
      trail_percent: 2,
      trail_price: null,
    });
    expect(byId.get('foreign-stop-limit')).toMatchObject({
      type: 'stop_limit',
      time_in_force: 'opg',
      stop_price: 595,
      limit_price: 594.5,
    });
    expect(byId.get('foreign-ioc')).toMatchObject({ time_in_force: 'ioc', status: 'canceled' });
    expect(byId.get('foreign-fok')).toMatchObject({ time_in_force: 'fok', status: 'expired' });
    expect(byId.get('foreign-cls')).toMatchObject({ time_in_force: 'cls', status: 'accepted' });
    expect(byId.get('foreign-pegged')).toMatchObject({
      type: 'pegged_midpoint',
      order_class: 'simple',
      time_in_force: 'gtd',
      status: 'new',
    });

    // Open and closed split as the statuses say.
    expect((await listOrders(account, 'closed')).map((order) => order.id).sort()).toEqual([
      'foreign-fok',
      'foreign-ioc',
    ]);
    expect(await listOrders(account, 'open')).toHaveLength(7);

    // Stored with the kind in the row's columns too, and a second sync changes nothing.
    const rows = await withDatabase((db) =>
      db.select().from(brokerOrders).where(eq(brokerOrders.accountId, account)),
    );
    expect(rows.find((row) => row.brokerOrderId === 'foreign-trailing')).toMatchObject({
      orderClass: 'simple',
      orderType: 'trailing_stop',
    });
    const again = await call(`/api/accounts/${account}/sync`, { method: 'POST', json: {} });
    expect(again.status).toBe(200);
    const [first] = rows.filter((row) => row.brokerOrderId === 'foreign-bracket');
    const [after] = await withDatabase((db) =>
      db.select().from(brokerOrders).where(eq(brokerOrders.brokerOrderId, 'foreign-bracket')),
    );
    expect(after?.syncedAt).toEqual(first?.syncedAt);
  });

  it('the desk still places its own order beside them, and it lists with the rest', async () => {
    const keys = await newAlpacaAccount();
    const account = await storeAlpacaAccount(keys, 'alpaca paper with foreign orders (emulated)');
    await alpacaEmulator().seed(keys.keyId, {
      orders: foreignOrders(new Date(Date.now() - 60 * 60_000).toISOString(), 'elsewhere'),
    });
    const placed = await call(`/api/accounts/${account}/orders`, {
      method: 'POST',
      json: {
        client_order_id: 'desk-limit-1',
        order_class: 'simple',
        symbol: 'SPY',
        side: 'buy',
        qty: 1,
        type: 'limit',
        limit_price: 1,
        time_in_force: 'gtc',
      },
    });
    expect(placed.status, await placed.clone().text()).toBe(201);
    const orders = await listOrders(account, 'open');
    expect(orders.map((order) => order.id)).toContain('elsewhere-bracket');
    expect(
      orders.find((order) => order.id !== undefined && order.type === 'limit' && order.limit_price === 1),
    ).toMatchObject({
      order_class: 'simple',
      time_in_force: 'gtc',
      stop_price: null,
    });
  });

  it('placing an order of a kind the desk does not place is refused before the broker sees it', async () => {
    const keys = await newAlpacaAccount();
    const account = await storeAlpacaAccount(keys, 'alpaca paper with foreign orders (emulated)');
    const response = await call(`/api/accounts/${account}/orders`, {
      method: 'POST',
      json: {
        order_class: 'bracket',
        symbol: 'SPY',
        side: 'buy',
        qty: 1,
        type: 'stop',
        time_in_force: 'ioc',
      },
    });
    expect(response.status).toBe(422);
    const requests = await alpacaEmulator().requests(keys.keyId);
    expect(requests.filter((request) => request.method === 'POST')).toEqual([]);
  });
});
