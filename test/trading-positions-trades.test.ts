/**
 * Positions, closes, trades and sync against the offline paper broker and the real database: an
 * iron condor opened on SPY is one strategy with four legs and live P&L; closing it twice under one
 * request_key places one closing order; its fills become one closed iron condor trade whose realised
 * P&L is the sum of the fills (fees included); stats count closed trades only; the CSV carries every
 * trade; a sync re-run over the same window changes no row.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { brokerAccounts, brokerActivities, brokerOrders, brokerSyncState } from '../src/db/schema-trading.ts';
import type { BrokerFill } from '../src/trading/broker/types.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import {
  type Condor,
  condorOrder,
  type OrderJson,
  offlineAccount,
  placed,
  postOrder,
  spyIronCondor,
} from './helpers/trading-desk.ts';

interface PositionsJson {
  strategies: Array<{
    id: string;
    underlying: string;
    expiry: string | null;
    kind: string;
    legs: Array<{ symbol: string; kind: string; direction: string; qty: number; pnl: number | null }>;
    pnl: number | null;
    cost_basis: number;
  }>;
  total_pnl: number | null;
  as_of: string;
}

interface TradeJson {
  id: string;
  underlying: string;
  status: string;
  strategy: string;
  legs: Array<{ symbol: string; open_qty: number; closed_qty: number }>;
  realised_pnl: number;
  unrealised_pnl: number | null;
  fees: number;
}

interface TradesPage {
  trades: TradeJson[];
  stats: {
    closed_trades: number;
    open_trades: number;
    wins: number;
    losses: number;
    win_rate: number | null;
  };
  next_cursor: string | null;
}

const stock = (clientOrderId: string, symbol: string, side: 'buy' | 'sell', qty: number) => ({
  client_order_id: clientOrderId,
  order_class: 'simple',
  symbol,
  side,
  qty,
  type: 'market',
});

async function getJson<T>(path: string): Promise<T> {
  const response = await call(path);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

function close(accountId: string, strategyId: string, json: unknown) {
  return call(`/api/accounts/${accountId}/positions/${strategyId}/close`, { method: 'POST', json });
}

async function setAccount(
  accountId: string,
  changes: { tradingEnabled?: boolean; maxOrderNotional?: number; maxDailyLoss?: number },
): Promise<void> {
  await withDatabase((db) => db.update(brokerAccounts).set(changes).where(eq(brokerAccounts.id, accountId)));
}

async function fillsOf(accountId: string): Promise<BrokerFill[]> {
  const rows = await withDatabase((db) =>
    db.select().from(brokerActivities).where(eq(brokerActivities.accountId, accountId)),
  );
  return rows.filter((row) => row.kind === 'fill').map((row) => row.payload as unknown as BrokerFill);
}

/** Σ (sell − buy) × qty × 100 − fees over the condor's contracts. */
function condorCash(fills: readonly BrokerFill[], condor: Condor): number {
  const symbols = new Set(Object.values(condor));
  return fills
    .filter((fill) => symbols.has(fill.symbol))
    .reduce(
      (sum, fill) =>
        sum +
        (fill.side === 'sell' ? 1 : -1) * Number(fill.price) * Number(fill.qty) * 100 -
        Number(fill.fee ?? 0),
      0,
    );
}

describe('positions and trades', () => {
  it('opens an iron condor, shows it as one strategy, closes it once, and reports the closed trade', async () => {
    const account = await offlineAccount('desk: condor round trip');
    const condor = spyIronCondor();
    await placed(await postOrder(account, condorOrder(condor, 'open-condor')));

    const positions = await getJson<PositionsJson>(`/api/accounts/${account}/positions`);
    expect(positions.strategies).toHaveLength(1);
    const [strategy] = positions.strategies;
    if (!strategy) throw new Error('no strategy');
    expect(strategy).toMatchObject({ underlying: 'SPY', kind: 'iron_condor' });
    expect(strategy.legs.map((leg) => [leg.symbol, leg.direction, leg.qty, leg.kind])).toEqual([
      [condor.longPut, 'long', 1, 'option'],
      [condor.shortPut, 'short', 1, 'option'],
      [condor.shortCall, 'short', 1, 'option'],
      [condor.longCall, 'long', 1, 'option'],
    ]);
    const legPnls = strategy.legs.map((leg) => leg.pnl ?? Number.NaN);
    expect(strategy.pnl).toBeCloseTo(
      legPnls.reduce((a, b) => a + b, 0),
      6,
    );
    expect(positions.total_pnl).toBe(strategy.pnl);
    // A credit was received: the entry cost is negative.
    expect(strategy.cost_basis).toBeLessThan(0);

    // A disabled account refuses the close too; limits that refuse any new risk do not stop it.
    await setAccount(account, { tradingEnabled: false });
    const disabled = await expectError(
      await close(account, strategy.id, { request_key: 'close-condor-1' }),
      403,
      'forbidden',
    );
    expect(disabled.error.details).toMatchObject({ code: 'trading_disabled' });
    await setAccount(account, { tradingEnabled: true, maxOrderNotional: 1, maxDailyLoss: 0.01 });
    const opening = await expectError(
      await postOrder(account, condorOrder(condor, 'second-condor')),
      422,
      'validation_failed',
    );
    // Notional is checked first: a $1 cap refuses any condor.
    expect(opening.error.details).toMatchObject({ code: 'notional_limit', max_order_notional: 1 });

    // The same request_key twice at once, and once more after the close filled: one closing order.
    const key = { request_key: 'close-condor-1' };
    const racing = await Promise.all([close(account, strategy.id, key), close(account, strategy.id, key)]);
    const orders = await Promise.all(
      racing.map(async (response) => {
        expect(response.status, await response.clone().text()).toBe(202);
        return ((await response.json()) as { order: OrderJson }).order;
      }),
    );
    const retried = await close(account, strategy.id, key);
    expect(retried.status).toBe(202);
    const again = ((await retried.json()) as { order: OrderJson }).order;
    expect(new Set([...orders.map((order) => order.id), again.id]).size).toBe(1);
    expect(again).toMatchObject({ status: 'filled', order_class: 'mleg' });
    expect(again.legs.map((leg) => leg.position_intent)).toEqual([
      'sell_to_close',
      'buy_to_close',
      'buy_to_close',
      'sell_to_close',
    ]);
    const closing = await withDatabase((db) =>
      db.select().from(brokerOrders).where(eq(brokerOrders.accountId, account)),
    );
    expect(closing.map((row) => row.clientOrderId).sort()).toEqual(
      [again.client_order_id, 'open-condor'].sort(),
    );

    expect((await getJson<PositionsJson>(`/api/accounts/${account}/positions`)).strategies).toEqual([]);
    // A new key for a strategy that is no longer held: 404.
    await expectError(await close(account, strategy.id, { request_key: 'close-condor-2' }), 404, 'not_found');

    const page = await getJson<TradesPage>(`/api/accounts/${account}/trades`);
    expect(page.trades).toHaveLength(1);
    const [trade] = page.trades;
    expect(trade).toMatchObject({
      underlying: 'SPY',
      status: 'closed',
      strategy: 'iron_condor',
      unrealised_pnl: 0,
    });
    expect(trade?.legs.map((leg) => [leg.symbol, leg.closed_qty, leg.open_qty])).toHaveLength(4);
    const fills = await fillsOf(account);
    expect(fills).toHaveLength(8);
    expect(trade?.realised_pnl).toBeCloseTo(condorCash(fills, condor), 6);
    expect(page.stats).toMatchObject({ closed_trades: 1, open_trades: 0 });
    expect(page.stats.win_rate).toBe((trade?.realised_pnl ?? 0) > 0 ? 1 : 0);
  });

  it('computes stats over closed trades only, pages newest first, and exports every trade as CSV', async () => {
    const account = await offlineAccount('desk: stats and csv');
    const condor = spyIronCondor();
    await placed(await postOrder(account, condorOrder(condor, 'stats-condor')));
    const [strategy] = (await getJson<PositionsJson>(`/api/accounts/${account}/positions`)).strategies;
    await close(account, strategy?.id ?? '', { request_key: 'stats-close' });
    // A stock round trip (bought at the ask, sold at the bid: a loss) and a stock still held.
    await placed(await postOrder(account, stock('qqq-in', 'QQQ', 'buy', 2)));
    await placed(await postOrder(account, stock('qqq-out', 'QQQ', 'sell', 2)));
    await placed(await postOrder(account, stock('iwm-in', 'IWM', 'buy', 1)));

    const all = await getJson<TradesPage>(`/api/accounts/${account}/trades?status=all`);
    expect(all.trades.map((trade) => [trade.underlying, trade.status])).toEqual([
      ['IWM', 'open'],
      ['QQQ', 'closed'],
      ['SPY', 'closed'],
    ]);
    const spy = all.trades.find((trade) => trade.underlying === 'SPY');
    const qqq = all.trades.find((trade) => trade.underlying === 'QQQ');
    const iwm = all.trades.find((trade) => trade.underlying === 'IWM');
    expect(qqq?.realised_pnl).toBeLessThan(0);
    expect(iwm?.unrealised_pnl).toEqual(expect.any(Number));
    const wins = [spy, qqq].filter((trade) => (trade?.realised_pnl ?? 0) > 0).length;
    expect(all.stats).toMatchObject({ closed_trades: 2, open_trades: 1, wins, win_rate: wins / 2 });

    const closed = await getJson<TradesPage>(`/api/accounts/${account}/trades?status=closed&limit=1`);
    expect(closed.trades.map((trade) => trade.underlying)).toEqual(['QQQ']);
    expect(closed.next_cursor).toEqual(expect.any(String));
    const next = await getJson<TradesPage>(
      `/api/accounts/${account}/trades?status=closed&limit=1&cursor=${closed.next_cursor}`,
    );
    expect(next.trades.map((trade) => trade.underlying)).toEqual(['SPY']);
    const last = await getJson<TradesPage>(
      `/api/accounts/${account}/trades?status=closed&limit=1&cursor=${next.next_cursor}`,
    );
    expect(last).toMatchObject({ trades: [], next_cursor: null });
    // Stats cover every trade whatever the page (the open trade's unrealised P&L moves with the market).
    expect(last.stats).toMatchObject({ closed_trades: 2, open_trades: 1, wins });

    const csv = await call(`/api/accounts/${account}/trades.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('Content-Type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('Content-Disposition')).toMatch(/^attachment; filename="trades-.+\.csv"$/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('trade_id,underlying,strategy,status')).toBe(true);
    expect(lines).toHaveLength(4);
    expect(
      lines
        .slice(1)
        .map((line) => line.split(',')[0])
        .sort(),
    ).toEqual(all.trades.map((trade) => trade.id).sort());
  });

  it('syncs a window twice without changing a row', async () => {
    const account = await offlineAccount('desk: sync idempotency');
    const after = new Date(Date.now() - 60 * 60_000).toISOString();
    await placed(await postOrder(account, condorOrder(spyIronCondor(), 'sync-condor')));
    await placed(await postOrder(account, stock('sync-stock', 'GLD', 'buy', 3)));
    const until = new Date().toISOString();

    const snapshot = () =>
      withDatabase(async (db) => ({
        orders: await db.select().from(brokerOrders).where(eq(brokerOrders.accountId, account)),
        activities: await db.select().from(brokerActivities).where(eq(brokerActivities.accountId, account)),
      }));
    const sync = async () => {
      const response = await call(`/api/accounts/${account}/sync`, {
        method: 'POST',
        json: { after, until },
      });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as {
        orders: number;
        activities: number;
        changed: { orders: number; activities: number };
        through: string;
      };
    };

    const defaultSync = async () => {
      const response = await call(`/api/accounts/${account}/sync`, { method: 'POST', json: {} });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as {
        after: string;
        through: string;
        orders: number;
        activities: number;
        changed: { orders: number; activities: number };
      };
    };

    const first = await sync();
    expect(first).toMatchObject({ orders: 2, activities: 5, through: until });
    const before = await snapshot();
    expect(before.orders).toHaveLength(2);
    expect(before.activities).toHaveLength(5);
    const second = await sync();
    expect(second).toMatchObject({ orders: 2, activities: 5, changed: { orders: 0, activities: 0 } });
    expect(await snapshot()).toEqual(before);

    // Windows chosen by the caller (and the short syncs after each fill) do not claim the history
    // before them: the first default sync still reaches 30 days back, and later ones resume from it.
    const state = () =>
      withDatabase(async (db) => {
        const [row] = await db.select().from(brokerSyncState).where(eq(brokerSyncState.accountId, account));
        return row;
      });
    expect((await state())?.activitiesThrough).toBeNull();
    const firstDefault = await defaultSync();
    expect(Date.parse(firstDefault.through) - Date.parse(firstDefault.after)).toBe(30 * 86_400_000);
    expect(firstDefault.changed).toEqual({ orders: 0, activities: 0 });
    expect((await state())?.activitiesThrough?.toISOString()).toBe(firstDefault.through);
    const resumed = await defaultSync();
    expect(Date.parse(resumed.after)).toBe(Date.parse(firstDefault.through) - 5 * 60_000);
    expect(resumed).toMatchObject({ orders: 2, activities: 5, changed: { orders: 0, activities: 0 } });

    await expectError(
      await call(`/api/accounts/${account}/sync`, { method: 'POST', json: { after: until, until: after } }),
      422,
      'validation_failed',
    );
  });
});
