/**
 * The Alpaca adapter inside workerd against the Alpaca emulator (test/alpaca-emulator): every
 * endpoint, paging to the end, idempotent submission, 429 / 5xx handling, the circuit breaker and
 * credential errors. Time is injected: backoff and cool-downs advance a fake clock, never the test.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createAlpacaBroker } from '../src/trading/broker/alpaca/broker.ts';
import { BrokerError, type OrderRequest } from '../src/trading/broker/types.ts';
import {
  type AlpacaKeys,
  alpacaEmulator,
  fillActivities,
  newAlpacaAccount,
  optionActivity,
} from './helpers/alpaca.ts';

const CLOCK = '2026-12-04T15:00:00Z';

/** A fake clock: `sleep` moves it forward and remembers how long it was asked to wait. */
function fakeTime(start = CLOCK) {
  let nowMs = Date.parse(start);
  const sleeps: number[] = [];
  return {
    now: () => new Date(nowMs),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      nowMs += ms;
    },
    advance: (ms: number) => {
      nowMs += ms;
    },
    sleeps,
  };
}

function brokerFor(
  keys: AlpacaKeys,
  time = fakeTime(),
  { accountId = crypto.randomUUID(), ...extra }: { requestTimeoutMs?: number; accountId?: string } = {},
) {
  return createAlpacaBroker({
    // A fresh account id per broker unless shared on purpose: buckets and breakers are per account.
    accountId,
    mode: 'paper',
    credentials: { keyId: keys.keyId, secretKey: keys.secretKey },
    tradingBaseUrl: env.ALPACA_TRADING_BASE_URL,
    dataBaseUrl: env.ALPACA_DATA_BASE_URL,
    now: time.now,
    sleep: time.sleep,
    random: () => 0.5,
    ...extra,
  });
}

async function brokerError(promise: Promise<unknown>): Promise<BrokerError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BrokerError);
  return error as BrokerError;
}

const marketBuy = (clientOrderId: string): OrderRequest => ({
  clientOrderId,
  orderClass: 'simple',
  symbol: 'SPY',
  side: 'buy',
  qty: 2,
  type: 'market',
  timeInForce: 'day',
});

describe('Alpaca adapter against the emulator', () => {
  it('reads the account, positions, clock and calendar', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK, cash: 50_000 });
    await alpacaEmulator().seed(keys.keyId, {
      positions: [
        { symbol: 'SPY', qty: 10, avg_entry_price: 590 },
        { symbol: 'SPY261218P00550000', qty: -2, avg_entry_price: 3.5 },
      ],
    });
    const broker = brokerFor(keys);
    expect(broker.kind).toBe('alpaca');

    const account = await broker.account();
    expect(account).toMatchObject({ status: 'ACTIVE', currency: 'USD', optionsTradingLevel: 3 });
    expect(account.cash).toBe(50_000);
    expect(account.equity).toBeGreaterThan(50_000);

    const positions = await broker.positions();
    expect(positions.map((position) => [position.symbol, position.side, Number(position.qty)])).toEqual([
      ['SPY', 'long', 10],
      ['SPY261218P00550000', 'short', -2],
    ]);

    const clock = await broker.clock();
    // Friday 2026-12-04 10:00 New York: open, closing at 16:00 (21:00Z).
    expect(clock).toMatchObject({ isOpen: true, nextClose: '2026-12-04T21:00:00.000Z' });

    // Thanksgiving week: closed Thursday, 13:00 close on Friday.
    expect(await broker.calendar('2026-11-23', '2026-11-27')).toEqual([
      { date: '2026-11-23', open: '09:30', close: '16:00' },
      { date: '2026-11-24', open: '09:30', close: '16:00' },
      { date: '2026-11-25', open: '09:30', close: '16:00' },
      { date: '2026-11-27', open: '09:30', close: '13:00' },
    ]);
    expect(broker.health()).toMatchObject({ circuit: 'closed', recentFailures: 0, retryAt: null });
  });

  it('places, reads, lists and cancels simple and multi-leg orders', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    const broker = brokerFor(keys);

    const filled = await broker.submitOrder(marketBuy('order-simple-1'));
    expect(filled).toMatchObject({
      clientOrderId: 'order-simple-1',
      status: 'filled',
      orderClass: 'simple',
      symbol: 'SPY',
      side: 'buy',
      qty: 2,
      filledQty: 2,
      filledAvgPrice: 600.01,
      legs: [],
    });
    expect(await broker.order(filled.id)).toEqual(filled);
    expect(await broker.orderByClientId('order-simple-1')).toEqual(filled);
    expect(await broker.orderByClientId('never-placed')).toBeNull();

    const condor = await broker.submitOrder({
      clientOrderId: 'order-condor-1',
      orderClass: 'mleg',
      qty: 1,
      type: 'limit',
      // A credit far above what the quotes give: it rests.
      limitPrice: -50,
      timeInForce: 'day',
      legs: [
        { symbol: 'SPY261218P00550000', side: 'buy', ratioQty: 1, positionIntent: 'buy_to_open' },
        { symbol: 'SPY261218P00570000', side: 'sell', ratioQty: 1, positionIntent: 'sell_to_open' },
        { symbol: 'SPY261218C00630000', side: 'sell', ratioQty: 1, positionIntent: 'sell_to_open' },
        { symbol: 'SPY261218C00650000', side: 'buy', ratioQty: 1, positionIntent: 'buy_to_open' },
      ],
    });
    expect(condor).toMatchObject({
      orderClass: 'mleg',
      status: 'new',
      symbol: null,
      side: null,
      limitPrice: -50,
    });
    expect(condor.legs.map((leg) => [leg.symbol, leg.side, leg.ratioQty, leg.positionIntent])).toEqual([
      ['SPY261218P00550000', 'buy', 1, 'buy_to_open'],
      ['SPY261218P00570000', 'sell', 1, 'sell_to_open'],
      ['SPY261218C00630000', 'sell', 1, 'sell_to_open'],
      ['SPY261218C00650000', 'buy', 1, 'buy_to_open'],
    ]);

    expect((await broker.orders({ status: 'open' })).map((order) => order.id)).toEqual([condor.id]);
    expect((await broker.orders({ status: 'closed' })).map((order) => order.id)).toEqual([filled.id]);
    expect((await broker.orders({ status: 'all' })).map((order) => order.id)).toEqual([filled.id, condor.id]);

    await broker.cancelOrder(condor.id);
    expect(await broker.order(condor.id)).toMatchObject({ status: 'canceled' });
    const again = await brokerError(broker.cancelOrder(condor.id));
    expect(again).toMatchObject({ code: 'rejected', status: 422 });
    expect(again.message).toContain('not cancelable');
    expect(await brokerError(broker.order('00000000-0000-4000-8000-000000000000'))).toMatchObject({
      code: 'not_found',
      status: 404,
    });
    // Alpaca's own refusal reaches the caller with its message.
    const refused = await brokerError(broker.submitOrder({ ...marketBuy('order-bad-qty'), qty: 0 }));
    expect(refused).toMatchObject({ code: 'rejected', status: 422 });
    expect(refused.message).toContain('qty must be > 0');
  });

  it('a duplicate client_order_id returns the order already placed: one order, never two', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    const broker = brokerFor(keys);
    const first = await broker.submitOrder(marketBuy('dup-1'));
    const second = await brokerFor(keys).submitOrder(marketBuy('dup-1'));
    expect(second.id).toBe(first.id);
    const all = await broker.orders({ status: 'all' });
    expect(all.filter((order) => order.clientOrderId === 'dup-1')).toHaveLength(1);
    const requests = await alpacaEmulator().requests(keys.keyId);
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(2);
    expect(requests.filter((request) => request.path === '/v2/orders:by_client_order_id')).toHaveLength(1);
  });

  // workerd logs "Network connection lost" as an uncaught exception for every dropped connection, even
  // when the fetch's rejection is handled (as it is here): expected noise in the drop tests' output.
  it('a POST whose answer is lost after the order was placed is looked up, not sent again', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    await alpacaEmulator().faults(keys.keyId, [
      { kind: 'drop', after_effect: true, method: 'POST', path: '/v2/orders' },
    ]);
    const time = fakeTime();
    const order = await brokerFor(keys, time).submitOrder(marketBuy('lost-answer-1'));
    expect(order).toMatchObject({ clientOrderId: 'lost-answer-1', status: 'filled' });
    const requests = await alpacaEmulator().requests(keys.keyId);
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v2/orders',
      'GET /v2/orders:by_client_order_id',
    ]);
    expect(requests[1]?.query).toEqual({ client_order_id: 'lost-answer-1' });
    expect(time.sleeps).toHaveLength(1);
  });

  it('a POST dropped before it took effect is looked up (404), then sent again once', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    await alpacaEmulator().faults(keys.keyId, [{ kind: 'drop', method: 'POST', path: '/v2/orders' }]);
    const broker = brokerFor(keys);
    const order = await broker.submitOrder(marketBuy('dropped-1'));
    expect(order.status).toBe('filled');
    const requests = await alpacaEmulator().requests(keys.keyId);
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v2/orders',
      'GET /v2/orders:by_client_order_id',
      'POST /v2/orders',
    ]);
    expect(await broker.orders({ status: 'all' })).toHaveLength(1);
  });

  it('a DELETE whose answer is lost after the cancel took effect is looked up, not refused as a repeat', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    const broker = brokerFor(keys);
    // A limit far below the market: it rests, so there is something to cancel.
    const resting = await broker.submitOrder({ ...marketBuy('cancel-lost-1'), type: 'limit', limitPrice: 1 });
    expect(resting.status).toBe('new');
    await alpacaEmulator().faults(keys.keyId, [
      { kind: 'drop', after_effect: true, method: 'DELETE', path: '/v2/orders/' },
    ]);
    await broker.cancelOrder(resting.id);
    expect(await broker.order(resting.id)).toMatchObject({ status: 'canceled' });
    const requests = await alpacaEmulator().requests(keys.keyId);
    expect(requests.slice(1, 3).map((request) => `${request.method} ${request.path}`)).toEqual([
      `DELETE /v2/orders/${resting.id}`,
      `GET /v2/orders/${resting.id}`,
    ]);
  });

  it('pages orders by time window: 1,200 orders come back once each, oldest first', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    await alpacaEmulator().seed(keys.keyId, {
      filled_orders: { count: 1200, start: '2026-11-02T14:30:00Z' },
    });
    const orders = await brokerFor(keys).orders({ status: 'all' });
    expect(orders).toHaveLength(1200);
    expect(new Set(orders.map((order) => order.id)).size).toBe(1200);
    expect(orders.map((order) => order.clientOrderId)).toEqual(
      Array.from({ length: 1200 }, (_, index) => `seed-${index}`),
    );
    const pages = (await alpacaEmulator().requests(keys.keyId)).filter(
      (request) => request.path === '/v2/orders',
    );
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages)
      expect(page.query).toMatchObject({ limit: '500', direction: 'asc', status: 'all' });
    // The window moves: each page after the first starts just before the previous page's last order.
    expect(pages[1]?.query.after).toBe('2026-11-02T14:38:18.999Z');

    const window = await brokerFor(keys).orders({
      status: 'all',
      after: '2026-11-02T14:30:09.000Z',
      until: '2026-11-02T14:30:20.000Z',
    });
    expect(window.map((order) => order.clientOrderId)).toEqual(
      Array.from({ length: 10 }, (_, index) => `seed-${index + 10}`),
    );
  });

  it('pages activities by the last id: 350 fills come back once each, in order, with option events', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    const fills = fillActivities(350, '2026-11-02T14:30:00Z');
    await alpacaEmulator().seed(keys.keyId, {
      activities: [
        ...fills,
        optionActivity('OPEXP', '2026-11-06', 'SPY261106C00700000', -1, 'opexp-1'),
        optionActivity('OPASN', '2026-11-06', 'SPY261106P00650000', 2, 'opasn-1'),
        // Not an activity type the desk asks for: never returned.
        {
          id: '20261103000000000::div-1',
          activity_type: 'DIV',
          date: '2026-11-03',
          net_amount: '5',
          symbol: 'SPY',
        },
      ],
    });
    const activities = await brokerFor(keys).activities({});
    expect(activities.fills).toHaveLength(350);
    expect(activities.fills.map((fill) => fill.id)).toEqual(fills.map((fill) => fill.id));
    expect(activities.fills[0]).toEqual({
      id: fills[0]?.id,
      transaction_time: '2026-11-02T14:30:00.000Z',
      symbol: 'SPY261218C00600000',
      side: 'buy',
      qty: 1,
      price: 1,
      order_id: '00000000-0000-4000-9000-000000000000',
    });
    // In Alpaca's order (by id, which begins with the time): same day, so by the id's suffix.
    expect(activities.events).toEqual([
      {
        id: expect.stringContaining('opasn-1'),
        type: 'assignment',
        transaction_time: '2026-11-06T21:00:00Z',
        symbol: 'SPY261106P00650000',
        qty: 2,
        // The underlying's close that day, from the daily bars.
        underlying_price: 600,
      },
      {
        id: expect.stringContaining('opexp-1'),
        type: 'expiry',
        transaction_time: '2026-11-06T21:00:00Z',
        symbol: 'SPY261106C00700000',
        qty: -1,
      },
    ]);

    const pages = (await alpacaEmulator().requests(keys.keyId)).filter(
      (request) => request.path === '/v2/account/activities',
    );
    expect(pages).toHaveLength(4);
    expect(pages[0]?.query).toEqual({
      activity_types: 'FILL,OPEXP,OPASN,OPEXC',
      direction: 'asc',
      page_size: '100',
    });
    expect(pages[1]?.query.page_token).toBe(fills[99]?.id);
    expect(pages[3]?.query.page_token).toBe(fills[299]?.id);

    const window = await brokerFor(keys).activities({
      after: '2026-11-02T15:00:00Z',
      until: '2026-11-02T15:10:00Z',
    });
    expect(window.fills.map((fill) => fill.transaction_time)).toEqual(
      Array.from({ length: 9 }, (_, index) => `2026-11-02T15:0${index + 1}:00.000Z`),
    );
    expect(window.events).toEqual([]);
  });

  it('lists option contracts and the chain with Greeks across pages, and latest quotes', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    const broker = brokerFor(keys);

    const contracts = await broker.optionContracts({ underlying: 'SPY' });
    // 12 weekly expiries × 61 strikes × call and put: two pages of 1,000.
    expect(contracts).toHaveLength(1464);
    expect(new Set(contracts.map((contract) => contract.symbol)).size).toBe(1464);
    expect(contracts[0]).toMatchObject({ underlying: 'SPY', multiplier: 100, tradable: true });
    const calls = await broker.optionContracts({
      underlying: 'SPY',
      type: 'call',
      expiryFrom: '2026-12-18',
      expiryTo: '2026-12-18',
      strikeFrom: 590,
      strikeTo: 610,
    });
    expect(
      calls.map((contract) => [contract.symbol, contract.strike, contract.expiry, contract.type]),
    ).toEqual([
      ['SPY261218C00590000', 590, '2026-12-18', 'call'],
      ['SPY261218C00595000', 595, '2026-12-18', 'call'],
      ['SPY261218C00600000', 600, '2026-12-18', 'call'],
      ['SPY261218C00605000', 605, '2026-12-18', 'call'],
      ['SPY261218C00610000', 610, '2026-12-18', 'call'],
    ]);

    const chain = await broker.optionChain({ underlying: 'SPY' });
    expect(chain).toHaveLength(1464);
    const atm = chain.find((entry) => entry.symbol === 'SPY261218C00600000');
    expect(atm?.impliedVolatility).toBe(0.2);
    expect(atm?.greeks?.delta).toBeGreaterThan(0.4);
    expect(atm?.greeks?.delta).toBeLessThan(0.65);
    expect(atm?.quote?.bid).toBeLessThan(atm?.quote?.ask ?? 0);
    const snapshotPages = (await alpacaEmulator().requests(keys.keyId)).filter((request) =>
      request.path.startsWith('/v1beta1/options/snapshots/'),
    );
    expect(snapshotPages.map((page) => page.query.feed)).toEqual(['indicative', 'indicative']);
    expect(snapshotPages[1]?.query.page_token).toBeTruthy();

    const quotes = await broker.latestQuotes(['SPY', 'SPY261218C00600000', 'NOSUCH']);
    expect(quotes.map((quote) => quote.symbol)).toEqual(['SPY', 'SPY261218C00600000']);
    expect(quotes[0]).toMatchObject({ bid: 599.99, ask: 600.01, bidSize: 12, askSize: 10 });
  });

  it('a 429 is waited out for its Retry-After, then the request succeeds', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    await alpacaEmulator().faults(keys.keyId, [
      { kind: 'status', status: 429, retry_after: 2, path: '/v2/account' },
    ]);
    const time = fakeTime();
    const broker = brokerFor(keys, time);
    expect((await broker.account()).status).toBe('ACTIVE');
    expect(time.sleeps).toEqual([2000]);
    expect(broker.health()).toMatchObject({ circuit: 'closed', recentFailures: 1 });
    expect(broker.health().lastError).toContain('429');
  });

  it('a Retry-After longer than the adapter will wait is a rate_limited error carrying the wait', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    await alpacaEmulator().faults(keys.keyId, [{ kind: 'status', status: 429, retry_after: 60 }]);
    const error = await brokerError(brokerFor(keys).clock());
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 60_000 });
  });

  it('five failures open the circuit (visible in health), a cool-down later one trial closes it', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    await alpacaEmulator().faults(keys.keyId, [{ kind: 'status', status: 503, times: 5 }]);
    const time = fakeTime();
    const accountId = crypto.randomUUID();
    const broker = brokerFor(keys, time, { accountId });

    // Four attempts, all 503: the retries are spent, the circuit is still closed.
    expect(await brokerError(broker.account())).toMatchObject({ code: 'unavailable', status: 503 });
    expect(broker.health()).toMatchObject({ circuit: 'closed', recentFailures: 4 });
    // The fifth failure opens it; the retry after it is refused without reaching Alpaca.
    expect(await brokerError(broker.account())).toMatchObject({ code: 'circuit_open' });
    const health = broker.health();
    expect(health).toMatchObject({ circuit: 'open', recentFailures: 5 });
    expect(health.lastError).toContain('503');
    expect(Date.parse(health.retryAt ?? '')).toBeGreaterThan(time.now().getTime());
    const sent = (await alpacaEmulator().requests(keys.keyId)).length;
    expect(sent).toBe(5);

    // Another broker instance for the same account (one is opened per request) sees the same circuit;
    // another account's is unaffected.
    expect(brokerFor(keys, time, { accountId }).health().circuit).toBe('open');
    expect(brokerFor(keys, time).health().circuit).toBe('closed');

    const error = await brokerError(broker.positions());
    expect(error.code).toBe('circuit_open');
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect((await alpacaEmulator().requests(keys.keyId)).length).toBe(sent);

    time.advance(error.retryAfterMs ?? 0);
    expect(broker.health().circuit).toBe('half_open');
    expect(await broker.positions()).toEqual([]);
    expect(broker.health()).toMatchObject({ circuit: 'closed', recentFailures: 0, retryAt: null });
  });

  it('a wrong secret is unauthorized, not retried, and the message carries no key', async () => {
    const keys = await newAlpacaAccount();
    const broker = brokerFor({ ...keys, secretKey: 'not-the-secret-0123456789' });
    const error = await brokerError(broker.account());
    expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(error.message).toContain('request is not authorized');
    expect(error.message).not.toContain(keys.keyId);
    expect(error.message).not.toContain('not-the-secret-0123456789');
    expect(error.message).not.toContain(keys.secretKey);
    expect(await alpacaEmulator().requests(keys.keyId)).toHaveLength(1);
    // A refused credential says nothing about Alpaca's health.
    expect(broker.health()).toMatchObject({ circuit: 'closed', recentFailures: 0 });
  });

  it('a slow answer times out and is retried; a dropped GET is retried', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    await alpacaEmulator().faults(keys.keyId, [
      { kind: 'delay', ms: 2_000, path: '/v2/clock' },
      { kind: 'drop', path: '/v2/calendar' },
    ]);
    const time = fakeTime();
    const broker = brokerFor(keys, time, { requestTimeoutMs: 200 });
    expect((await broker.clock()).isOpen).toBe(true);
    expect(await broker.calendar('2026-12-04', '2026-12-04')).toHaveLength(1);
    expect(time.sleeps).toHaveLength(2);
    expect(broker.health()).toMatchObject({ recentFailures: 2 });
    expect(broker.health().lastError).toMatch(/no answer within 200 ms|network error/);
  });
});
