/**
 * The offline paper broker against the real database: orders fill at the offline market's quotes,
 * the ledger drives positions and balances, a client_order_id places one order however often (and
 * however concurrently) it is sent, resting limits fill or cancel, and options settle after expiry.
 */

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { brokerAccounts, paperActivities, paperOrders } from '../src/db/schema-trading.ts';
import { offlineQuote, settlementPrice } from '../src/market-data/offline/market.ts';
import { createOfflineBroker } from '../src/trading/broker/offline/broker.ts';
import { STARTING_CASH } from '../src/trading/broker/offline/store.ts';
import { BrokerError, type OrderRequest } from '../src/trading/broker/types.ts';
import { formatOccSymbol } from '../src/trading/options/occ-symbol.ts';
import { buildTrades } from '../src/trading/trades/index.ts';
import { withDatabase } from './helpers/api.ts';

/** Monday 2026-12-07, 10:30 New York. */
const MONDAY_MORNING = new Date('2026-12-07T15:30:00Z');
const EXPIRY = '2026-12-18';

async function paperAccount(db: Database): Promise<string> {
  const [row] = await db
    .insert(brokerAccounts)
    .values({ name: 'offline broker test', broker: 'offline', mode: 'paper', tradingEnabled: true })
    .returning({ id: brokerAccounts.id });
  if (!row) throw new Error('no account');
  return row.id;
}

/** A clock the test moves by hand. */
function clock(start: Date) {
  let current = start;
  return {
    now: () => current,
    set(at: Date) {
      current = at;
    },
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}

function market(symbol: string, side: 'buy' | 'sell', qty: number, clientOrderId: string): OrderRequest {
  return { clientOrderId, orderClass: 'simple', symbol, side, qty, type: 'market', timeInForce: 'day' };
}

function spy(type: 'call' | 'put', strike: number, expiry = EXPIRY): string {
  return formatOccSymbol({ root: 'SPY', expiry, type, strike });
}

async function rejection(promise: Promise<unknown>): Promise<BrokerError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof BrokerError)) throw new Error(`expected a BrokerError, got ${String(error)}`);
  return error;
}

describe('offline paper broker: stock', () => {
  it('opens with 100,000 cash, buys and sells stock at the quote with slippage, and tracks P&L', async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      const time = clock(MONDAY_MORNING);
      const broker = createOfflineBroker({ db, accountId, now: time.now });

      const opening = await broker.account();
      expect(opening).toMatchObject({
        cash: STARTING_CASH,
        equity: STARTING_CASH,
        lastEquity: STARTING_CASH,
      });

      const quote = offlineQuote('SPY', time.now());
      if (!quote) throw new Error('no SPY quote');
      const bought = await broker.submitOrder(market('SPY', 'buy', 10, 'buy-spy'));
      expect(bought).toMatchObject({ status: 'filled', filledQty: 10, symbol: 'SPY', side: 'buy' });
      // Ten shares against a displayed size of at least 100: one cent beyond the ask.
      expect(bought.filledAvgPrice).toBeCloseTo(quote.ask + 0.01, 6);

      const [position] = await broker.positions();
      expect(position).toMatchObject({ symbol: 'SPY', qty: 10, side: 'long', asset_class: 'us_equity' });
      expect(position?.avg_entry_price).toBeCloseTo(quote.ask + 0.01, 6);

      const afterBuy = await broker.account();
      expect(afterBuy.cash).toBeCloseTo(STARTING_CASH - 10 * (quote.ask + 0.01), 6);
      const mid = (quote.bid + quote.ask) / 2;
      expect(afterBuy.equity).toBeCloseTo(afterBuy.cash + 10 * mid, 6);

      time.advance(90 * 60_000);
      const later = offlineQuote('SPY', time.now());
      if (!later) throw new Error('no SPY quote');
      const sold = await broker.submitOrder(market('SPY', 'sell', 10, 'sell-spy'));
      expect(sold.filledAvgPrice).toBeCloseTo(later.bid - 0.01, 6);
      expect(await broker.positions()).toEqual([]);
      const closed = await broker.account();
      const pnl = 10 * (later.bid - 0.01) - 10 * (quote.ask + 0.01);
      expect(closed.cash).toBeCloseTo(STARTING_CASH + pnl, 6);
      expect(closed.equity).toBeCloseTo(closed.cash, 6);

      const activities = await broker.activities({});
      expect(activities.fills.map((fill) => [fill.symbol, fill.side, fill.qty])).toEqual([
        ['SPY', 'buy', 10],
        ['SPY', 'sell', 10],
      ]);
      expect(activities.events).toEqual([]);
    });
  });
});

function condor(clientOrderId: string, limitPrice?: number): OrderRequest {
  return {
    clientOrderId,
    orderClass: 'mleg',
    qty: 2,
    type: limitPrice === undefined ? 'market' : 'limit',
    ...(limitPrice === undefined ? {} : { limitPrice }),
    timeInForce: 'day',
    legs: [
      { symbol: spy('put', 670), side: 'buy', ratioQty: 1, positionIntent: 'buy_to_open' },
      { symbol: spy('put', 680), side: 'sell', ratioQty: 1, positionIntent: 'sell_to_open' },
      { symbol: spy('call', 740), side: 'sell', ratioQty: 1, positionIntent: 'sell_to_open' },
      { symbol: spy('call', 750), side: 'buy', ratioQty: 1, positionIntent: 'buy_to_open' },
    ],
  };
}

describe('offline paper broker: equity', () => {
  it("measures last equity at the previous trading day's close from the ledger and that close's marks", async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      // Friday 2026-12-04, 11:00 New York: buy; then look on Monday.
      const time = clock(new Date('2026-12-04T16:00:00Z'));
      const broker = createOfflineBroker({ db, accountId, now: time.now });
      const bought = await broker.submitOrder(market('AAPL', 'buy', 20, 'friday'));
      const fridayClose = new Date('2026-12-04T21:00:00Z');
      const closeQuote = offlineQuote('AAPL', fridayClose);
      if (!closeQuote) throw new Error('no AAPL quote');
      const cashAfterBuy = STARTING_CASH - 20 * (bought.filledAvgPrice ?? Number.NaN);

      // On Friday itself, P&L is measured from Thursday's close, before the purchase.
      expect((await broker.account()).lastEquity).toBeCloseTo(STARTING_CASH, 6);

      time.set(MONDAY_MORNING);
      await broker.submitOrder(market('AAPL', 'sell', 5, 'monday'));
      const monday = await broker.account();
      expect(monday.lastEquity).toBeCloseTo(cashAfterBuy + 20 * ((closeQuote.bid + closeQuote.ask) / 2), 6);
      const mondayQuote = offlineQuote('AAPL', MONDAY_MORNING);
      if (!mondayQuote) throw new Error('no AAPL quote');
      expect(monday.equity).toBeCloseTo(monday.cash + 15 * ((mondayQuote.bid + mondayQuote.ask) / 2), 6);
      expect(monday.buyingPower).toBeCloseTo(monday.cash, 6);
      expect(monday).toMatchObject({ status: 'ACTIVE', currency: 'USD', optionsTradingLevel: 3 });
    });
  });
});

describe('offline paper broker: options', () => {
  it('fills a four-leg SPY iron condor as one order for a net credit, with positions and P&L per leg', async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      const time = clock(MONDAY_MORNING);
      const broker = createOfflineBroker({ db, accountId, now: time.now });
      const quotes = await broker.latestQuotes(condor('x').legs?.map((leg) => leg.symbol) ?? []);
      expect(quotes).toHaveLength(4);

      const order = await broker.submitOrder(condor('condor-1'));
      expect(order).toMatchObject({
        status: 'filled',
        orderClass: 'mleg',
        symbol: null,
        side: null,
        qty: 2,
        filledQty: 2,
      });
      expect(order.legs.map((leg) => [leg.side, leg.status, leg.filledQty])).toEqual([
        ['buy', 'filled', 2],
        ['sell', 'filled', 2],
        ['sell', 'filled', 2],
        ['buy', 'filled', 2],
      ]);
      const legPrices = order.legs.map((leg) => leg.filledAvgPrice ?? Number.NaN);
      const expectedPrices = quotes.map((quote, index) =>
        index === 0 || index === 3 ? quote.ask + 0.01 : quote.bid - 0.01,
      );
      legPrices.forEach((price, index) => {
        expect(price).toBeCloseTo(expectedPrices[index] ?? Number.NaN, 6);
      });
      const [longPut = 0, shortPut = 0, shortCall = 0, longCall = 0] = legPrices;
      const net = longPut - shortPut - shortCall + longCall;
      expect(order.filledAvgPrice).toBeCloseTo(net, 6);
      expect(net).toBeLessThan(0);

      const positions = await broker.positions();
      expect(positions.map((position) => [position.symbol, position.qty, position.side])).toEqual([
        [spy('call', 740), -2, 'short'],
        [spy('call', 750), 2, 'long'],
        [spy('put', 670), 2, 'long'],
        [spy('put', 680), -2, 'short'],
      ]);
      const account = await broker.account();
      expect(account.cash).toBeCloseTo(STARTING_CASH - net * 2 * 100, 6);
      const marketValue = positions.reduce((sum, position) => sum + Number(position.market_value), 0);
      expect(account.equity).toBeCloseTo(account.cash + marketValue, 6);
      // Paying the spreads and slippage: the position starts slightly under water.
      const pnl = positions.reduce((sum, position) => sum + Number(position.unrealized_pl), 0);
      expect(pnl).toBeLessThan(0);
      expect(pnl).toBeCloseTo(account.equity - STARTING_CASH, 6);
      // An hour later the marks have moved, and so has the P&L.
      time.advance(60 * 60_000);
      const later = await broker.positions();
      expect(later.map((position) => position.current_price)).not.toEqual(
        positions.map((position) => position.current_price),
      );

      const { fills } = await broker.activities({});
      expect(fills).toHaveLength(4);
      expect(fills.every((fill) => fill.order_id === order.id)).toBe(true);
      expect(fills.map((fill) => fill.position_intent)).toEqual([
        'buy_to_open',
        'sell_to_open',
        'sell_to_open',
        'buy_to_open',
      ]);
    });
  });

  it('settles held options after their expiry: worthless ones expire, in-the-money ones settle at intrinsic value', async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      const time = clock(MONDAY_MORNING);
      const broker = createOfflineBroker({ db, accountId, now: time.now });
      const expiry = '2026-12-11';
      const settle = settlementPrice('SPY', expiry);
      // One contract far in the money each way, one far out: the outcome is known whatever the path.
      const deepCall = formatOccSymbol({ root: 'SPY', expiry, type: 'call', strike: 600 });
      const farPut = formatOccSymbol({ root: 'SPY', expiry, type: 'put', strike: 600 });
      const deepPut = formatOccSymbol({ root: 'SPY', expiry, type: 'put', strike: 800 });
      await broker.submitOrder(market(deepCall, 'buy', 1, 'deep-call'));
      await broker.submitOrder(market(farPut, 'buy', 3, 'far-put'));
      await broker.submitOrder(market(deepPut, 'sell', 2, 'deep-put'));
      const before = await broker.account();
      expect(await broker.positions()).toHaveLength(3);

      // Friday 2026-12-11, 15:59:59 New York: not yet.
      time.set(new Date('2026-12-11T20:59:59Z'));
      expect(await broker.positions()).toHaveLength(3);
      expect((await broker.activities({})).events).toEqual([]);

      time.set(new Date('2026-12-12T15:00:00Z'));
      expect(await broker.positions()).toEqual([]);
      const { events } = await broker.activities({});
      const at = '2026-12-11T21:00:00.000Z';
      expect(events).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'exercise',
            symbol: deepCall,
            qty: -1,
            underlying_price: settle,
            transaction_time: at,
          }),
          expect.objectContaining({ type: 'expiry', symbol: farPut, qty: -3, transaction_time: at }),
          expect.objectContaining({
            type: 'assignment',
            symbol: deepPut,
            qty: 2,
            underlying_price: settle,
            transaction_time: at,
          }),
        ]),
      );
      expect(events).toHaveLength(3);
      const after = await broker.account();
      expect(after.cash).toBeCloseTo(before.cash + 100 * (settle - 600) - 2 * 100 * (800 - settle), 6);
      expect(after.equity).toBeCloseTo(after.cash, 6);
      // The analytics close every trade through the events, realising exactly the cash the account made.
      const { fills } = await broker.activities({});
      const trades = buildTrades(accountId, fills, { events });
      expect(trades.every((trade) => trade.status === 'closed')).toBe(true);
      const realised = trades.reduce((sum, trade) => sum + trade.realisedPnl, 0);
      expect(realised).toBeCloseTo(after.cash - STARTING_CASH, 6);
      // Settling again changes nothing.
      expect((await broker.activities({})).events).toHaveLength(3);
      expect((await broker.account()).cash).toBeCloseTo(after.cash, 6);
      // And the expired contract no longer trades.
      const refused = await rejection(broker.submitOrder(market(deepCall, 'buy', 1, 'late')));
      expect(refused.message).toMatch(/expired on 2026-12-11/);
    });
  });
});

describe('offline paper broker: idempotency', () => {
  it('places one order per client_order_id, also when the same order arrives twice at once', async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      const broker = createOfflineBroker({ db, accountId, now: () => MONDAY_MORNING });
      const first = await broker.submitOrder(market('QQQ', 'buy', 3, 'same-id'));
      const again = await broker.submitOrder(market('QQQ', 'buy', 3, 'same-id'));
      expect(again).toEqual(first);
      expect(await broker.orderByClientId('same-id')).toEqual(first);
      expect(await broker.orderByClientId('never-sent')).toBeNull();

      // Four connections send the same order at once: one order, and all four answers are that order.
      const answers = await Promise.all(
        [1, 2, 3, 4].map(() =>
          createOfflineBroker({ db, accountId, now: () => MONDAY_MORNING }).submitOrder(condor('concurrent')),
        ),
      );
      expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
      const rows = await db.select().from(paperOrders).where(eq(paperOrders.accountId, accountId));
      expect(rows).toHaveLength(2);
      const ledger = await db.select().from(paperActivities).where(eq(paperActivities.accountId, accountId));
      // QQQ once, the condor's four legs once.
      expect(ledger).toHaveLength(5);
      const [position] = (await broker.positions()).filter((held) => held.symbol === 'QQQ');
      expect(position?.qty).toBe(3);
    });
  });
});

describe('offline paper broker: limit orders', () => {
  it('rests a limit that is not marketable, cancels it, and refuses to cancel it twice', async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      const broker = createOfflineBroker({ db, accountId, now: () => MONDAY_MORNING });
      const quote = offlineQuote('GLD', MONDAY_MORNING);
      if (!quote) throw new Error('no GLD quote');
      const resting = await broker.submitOrder({
        ...market('GLD', 'buy', 5, 'low-bid'),
        type: 'limit',
        limitPrice: Math.floor(quote.bid * 0.9),
        timeInForce: 'gtc',
      });
      expect(resting).toMatchObject({ status: 'new', filledQty: 0, filledAvgPrice: null });
      expect((await broker.orders({ status: 'open' })).map((order) => order.id)).toEqual([resting.id]);
      expect(await broker.positions()).toEqual([]);

      await broker.cancelOrder(resting.id);
      expect(await broker.order(resting.id)).toMatchObject({
        status: 'canceled',
        canceledAt: MONDAY_MORNING.toISOString(),
      });
      expect(await broker.orders({ status: 'open' })).toEqual([]);
      expect((await broker.orders({ status: 'closed' })).map((order) => order.id)).toEqual([resting.id]);
      const twice = await rejection(broker.cancelOrder(resting.id));
      expect(twice).toMatchObject({ code: 'rejected', status: 422 });
      expect(twice.message).toMatch(/is canceled and can no longer be canceled/);
      expect(await rejection(broker.order('not-an-id'))).toMatchObject({ code: 'not_found', status: 404 });
      expect(await rejection(broker.cancelOrder(crypto.randomUUID()))).toMatchObject({ code: 'not_found' });
    });
  });

  it('fills a resting limit on a later call once the market crosses it, no worse than the limit', async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      const time = clock(MONDAY_MORNING);
      const broker = createOfflineBroker({ db, accountId, now: time.now });
      // Find, minute by minute, a later ask below the current one; bid for it at that level.
      const start = offlineQuote('SPY', MONDAY_MORNING);
      if (!start) throw new Error('no SPY quote');
      let crossing: { at: Date; ask: number } | undefined;
      for (let minute = 1; minute < 24 * 60 && !crossing; minute += 1) {
        const at = new Date(MONDAY_MORNING.getTime() + minute * 60_000);
        const quote = offlineQuote('SPY', at);
        if (quote && quote.ask < start.ask - 1) crossing = { at, ask: quote.ask };
      }
      if (!crossing) throw new Error('SPY never fell a dollar in a day');
      const limitPrice = crossing.ask;
      const order = await broker.submitOrder({
        ...market('SPY', 'buy', 2, 'dip'),
        type: 'limit',
        limitPrice,
        timeInForce: 'gtc',
      });
      expect(order.status).toBe('new');

      time.set(crossing.at);
      const filled = await broker.order(order.id);
      expect(filled).toMatchObject({ status: 'filled', filledQty: 2, filledAt: crossing.at.toISOString() });
      expect(filled.filledAvgPrice).toBeLessThanOrEqual(limitPrice);
      expect((await broker.positions())[0]).toMatchObject({ symbol: 'SPY', qty: 2 });
    });
  });

  it('holds a resting buy limit’s cost back from buying power, so two cannot spend the same cash', async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      const broker = createOfflineBroker({ db, accountId, now: () => MONDAY_MORNING });
      const quote = offlineQuote('GLD', MONDAY_MORNING);
      if (!quote) throw new Error('no GLD quote');
      const limitPrice = Math.floor(quote.bid * 0.9);
      // Each order alone needs about 60% of the cash at its limit.
      const qty = Math.floor((STARTING_CASH * 0.6) / limitPrice);
      const resting = (clientOrderId: string): OrderRequest => ({
        ...market('GLD', 'buy', qty, clientOrderId),
        type: 'limit',
        limitPrice,
        timeInForce: 'gtc',
      });
      const first = await broker.submitOrder(resting('first-dip'));
      expect(first.status).toBe('new');
      const summary = await broker.account();
      expect(summary.cash).toBe(STARTING_CASH);
      expect(summary.buyingPower).toBeCloseTo(STARTING_CASH - qty * limitPrice, 6);

      const second = await rejection(broker.submitOrder(resting('second-dip')));
      expect(second).toMatchObject({ code: 'rejected', status: 403 });
      expect(second.message).toMatch(/insufficient buying power/);
      expect(await broker.orderByClientId('second-dip')).toBeNull();

      // Canceling the first frees its cash for the second.
      await broker.cancelOrder(first.id);
      expect((await broker.account()).buyingPower).toBe(STARTING_CASH);
      expect((await broker.submitOrder(resting('second-dip'))).status).toBe('new');
    });
  });

  it('expires a day limit at the next regular close', async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      const time = clock(MONDAY_MORNING);
      const broker = createOfflineBroker({ db, accountId, now: time.now });
      const order = await broker.submitOrder({
        ...market('SLV', 'buy', 10, 'day-limit'),
        type: 'limit',
        limitPrice: 1,
      });
      time.set(new Date('2026-12-07T21:00:00Z'));
      expect(await broker.order(order.id)).toMatchObject({ status: 'expired', filledQty: 0 });
    });
  });
});

describe('offline paper broker: refusals and ledger paging', () => {
  it('refuses unknown symbols, short stock and orders beyond buying power, storing nothing', async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      const broker = createOfflineBroker({ db, accountId, now: () => MONDAY_MORNING });
      expect((await rejection(broker.submitOrder(market('TSLA', 'buy', 1, 'r1')))).message).toMatch(
        /unknown symbol TSLA/,
      );
      expect((await rejection(broker.submitOrder(market('SPY', 'sell', 1, 'r2')))).message).toMatch(/short/);
      expect(await rejection(broker.submitOrder(market('SPY', 'buy', 0, 'r3')))).toMatchObject({
        code: 'rejected',
        status: 422,
      });
      const tooBig = await rejection(broker.submitOrder(market('SPY', 'buy', 1000, 'r4')));
      expect(tooBig.message).toMatch(/insufficient buying power/);
      expect(await broker.orderByClientId('r4')).toBeNull();
      expect(await broker.orders({ status: 'all' })).toEqual([]);
      expect(await broker.activities({})).toEqual({ fills: [], events: [] });
    });
  });

  it('returns every activity in id order through pages, within a time window', async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      const time = clock(MONDAY_MORNING);
      const broker = createOfflineBroker({ db, accountId, now: time.now, activityPageSize: 2 });
      for (let index = 0; index < 5; index += 1) {
        await broker.submitOrder(market('IWM', 'buy', 1, `page-${index}`));
        time.advance(60_000);
      }
      const { fills } = await broker.activities({});
      expect(fills).toHaveLength(5);
      const ids = fills.map((fill) => fill.id);
      expect([...ids].sort()).toEqual(ids);
      const window = await broker.activities({
        after: new Date(MONDAY_MORNING.getTime()).toISOString(),
        until: new Date(MONDAY_MORNING.getTime() + 3 * 60_000).toISOString(),
      });
      expect(window.fills.map((fill) => fill.transaction_time)).toEqual(
        fills.slice(1, 4).map((fill) => fill.transaction_time),
      );
    });
  });
});

describe('offline paper broker: market data', () => {
  it('quotes stocks and options, lists chains with IV and Greeks, and reports an always-open clock', async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      const broker = createOfflineBroker({ db, accountId, now: () => MONDAY_MORNING });
      const quotes = await broker.latestQuotes([
        'SPY',
        spy('call', 700),
        'TSLA',
        spy('call', 700, '2026-12-04'),
      ]);
      expect(quotes.map((quote) => quote.symbol)).toEqual(['SPY', spy('call', 700)]);
      expect(quotes[0]).toEqual(offlineQuote('SPY', MONDAY_MORNING));

      const chain = await broker.optionChain({
        underlying: 'SLV',
        expiryFrom: '2026-12-11',
        expiryTo: '2026-12-11',
        type: 'call',
      });
      expect(chain.length).toBeGreaterThan(20);
      const strikes = chain.map((entry) => Number(entry.symbol.slice(-8)) / 1000);
      expect(strikes).toContain(50.5);
      expect(chain.every((entry) => entry.greeks !== null && (entry.impliedVolatility ?? 0) > 0)).toBe(true);
      const contracts = await broker.optionContracts({
        underlying: 'GLD',
        type: 'put',
        strikeFrom: 380,
        strikeTo: 382,
      });
      expect(new Set(contracts.map((contract) => contract.strike))).toEqual(new Set([380, 381, 382]));
      expect(new Set(contracts.map((contract) => contract.expiry)).size).toBe(13);

      expect(await broker.clock()).toMatchObject({ isOpen: true, nextClose: '2026-12-07T21:00:00.000Z' });
      expect(await broker.calendar('2026-12-24', '2026-12-28')).toEqual([
        { date: '2026-12-24', open: '09:30', close: '13:00' },
        { date: '2026-12-28', open: '09:30', close: '16:00' },
      ]);
      expect(broker.health()).toEqual({
        circuit: 'closed',
        recentFailures: 0,
        retryAt: null,
        lastError: null,
        requestsRemaining: 200,
      });
      expect(broker.kind).toBe('offline');
    });
  });
});
