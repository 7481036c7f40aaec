import { describe, expect, it } from 'vitest';
import { MAX_SOCKETS } from '../src/durable-objects/quote-stream.ts';
import { offlineQuote } from '../src/market-data/offline/market.ts';
import type { ServerFrame } from '../src/quotes/wire.ts';
import { call, expectError, wsTicket } from './helpers/api.ts';
import {
  controlClock,
  createAlpacaAccount,
  createOfflineAccount,
  dropConnections,
  emulatorState,
  hasQuote,
  openQuotes,
  pushQuotes,
  quoteStreamOf,
} from './helpers/quotes.ts';
import { SCOPED_TOKEN } from './helpers/tokens.ts';
import { until } from './helpers/wait.ts';

/** A Friday afternoon, New York: the offline market has prices for stocks and the Dec 2026 options. */
const T0 = Date.parse('2026-12-04T15:30:00Z');
const CALL = 'SPY261218C00600000';

const isSubscribed = (frame: ServerFrame) => frame.type === 'subscribed';
const isError = (frame: ServerFrame) => frame.type === 'error';

/** The first whole second after `from` at which the offline quote of every symbol has moved. */
function nextMove(symbols: string[], from: number): number {
  const before = symbols.map((symbol) => offlineQuote(symbol, new Date(from)));
  for (let at = from + 1_000; at < from + 3_600_000; at += 1_000) {
    const moved = symbols.every((symbol, i) => {
      const quote = offlineQuote(symbol, new Date(at));
      return quote && (quote.bid !== before[i]?.bid || quote.ask !== before[i]?.ask);
    });
    if (moved) return at;
  }
  throw new Error('the offline market did not move within an hour');
}

describe('live quotes, offline replay', () => {
  it('says it replays, and sends the subscribed symbols only, priced by the offline market', async () => {
    const accountId = await createOfflineAccount();
    const clock = await controlClock(accountId, T0);
    const client = await openQuotes(accountId);
    expect(await client.waitFor((f) => f.type === 'status', 'the status')).toEqual({
      type: 'status',
      upstream: 'replay',
    });

    client.send({ type: 'subscribe', symbols: ['spy', CALL] });
    expect(await client.waitFor(isSubscribed, 'the subscription')).toEqual({
      type: 'subscribed',
      symbols: ['SPY', CALL],
    });
    await client.waitFor(hasQuote('SPY'), 'a SPY quote');
    await client.waitFor(hasQuote(CALL), 'an option quote');
    for (const symbol of ['SPY', CALL]) {
      const expected = offlineQuote(symbol, new Date(T0));
      expect(client.quotes().find((q) => q.symbol === symbol)).toEqual({
        symbol,
        bid: expected?.bid,
        ask: expected?.ask,
        mid: Math.round((((expected?.bid ?? 0) + (expected?.ask ?? 0)) / 2) * 10_000) / 10_000,
        time: new Date(T0).toISOString(),
      });
    }

    // Time moves: the next prices arrive, and still nothing the socket did not ask for.
    clock.now = nextMove(['SPY'], T0);
    const moved = offlineQuote('SPY', new Date(clock.now));
    await client.waitFor(
      hasQuote('SPY', (q) => q.bid === moved?.bid && q.ask === moved?.ask),
      'the next SPY',
    );
    expect(new Set(client.quotes().map((q) => q.symbol))).toEqual(new Set(['SPY', CALL]));
    client.close();
  });

  it('stops a symbol on unsubscribe and keeps the others', async () => {
    const accountId = await createOfflineAccount();
    const clock = await controlClock(accountId, T0);
    const client = await openQuotes(accountId);
    client.send({ type: 'subscribe', symbols: ['SPY', 'QQQ'] });
    await client.waitFor(hasQuote('SPY'), 'SPY');
    await client.waitFor(hasQuote('QQQ'), 'QQQ');

    client.send({ type: 'unsubscribe', symbols: ['QQQ'] });
    await client.waitFor((f) => f.type === 'subscribed' && f.symbols.join() === 'SPY', 'the unsubscription');
    expect(await quoteStreamOf(accountId).status()).toMatchObject({ symbols: ['SPY'], upstream: 'replay' });

    clock.now = nextMove(['SPY', 'QQQ'], T0);
    const at = new Date(clock.now).toISOString();
    await client.waitFor(
      hasQuote('SPY', (q) => q.time === at),
      'SPY after the move',
    );
    // Both moved at the same instant and were last sent together: QQQ would have come in that flush.
    expect(client.quotes().filter((q) => q.symbol === 'QQQ' && q.time === at)).toEqual([]);
    client.close();
  });

  it('gives two sockets of one account each its own symbols', async () => {
    const accountId = await createOfflineAccount();
    const clock = await controlClock(accountId, T0);
    const spy = await openQuotes(accountId);
    const gld = await openQuotes(accountId);
    spy.send({ type: 'subscribe', symbols: ['SPY'] });
    gld.send({ type: 'subscribe', symbols: ['GLD'] });
    await spy.waitFor(hasQuote('SPY'), 'SPY on the first socket');
    await gld.waitFor(hasQuote('GLD'), 'GLD on the second socket');
    expect((await quoteStreamOf(accountId).status()).symbols).toEqual(['GLD', 'SPY']);

    clock.now = nextMove(['SPY', 'GLD'], T0);
    const at = new Date(clock.now).toISOString();
    await spy.waitFor(
      hasQuote('SPY', (q) => q.time === at),
      'the next SPY',
    );
    await gld.waitFor(
      hasQuote('GLD', (q) => q.time === at),
      'the next GLD',
    );
    expect(spy.quotes().every((q) => q.symbol === 'SPY')).toBe(true);
    expect(gld.quotes().every((q) => q.symbol === 'GLD')).toBe(true);

    // A symbol another socket already follows arrives at once, without waiting for it to move.
    gld.send({ type: 'subscribe', symbols: ['SPY'] });
    await gld.waitFor(
      hasQuote('SPY', (q) => q.time === at),
      'the SPY quote the object already had',
    );
    spy.close();
    gld.close();
  });

  it('answers bad messages with an error frame and keeps the socket', async () => {
    const accountId = await createOfflineAccount();
    const client = await openQuotes(accountId);
    client.send('not json');
    client.send({ type: 'buy', symbols: ['SPY'] });
    client.send({ type: 'subscribe', symbols: ['SPY', 'not a symbol'] });
    client.send({ type: 'subscribe', symbols: ['ZZZZ'] });
    client.send({ type: 'subscribe', symbols: Array.from({ length: 101 }, (_, i) => `A${i}`) });
    await until(() => client.frames.filter(isError).length >= 5, 'five error frames');
    const errors = client.frames.filter(isError);
    expect(errors[0]).toMatchObject({ message: expect.stringMatching(/JSON/) });
    expect(errors[2]).toMatchObject({ details: { invalid: ['not a symbol'] } });
    expect(errors[3]).toMatchObject({
      message: expect.stringMatching(/offline market/),
      details: { unknown: ['ZZZZ'] },
    });
    expect(client.frames.some(isSubscribed)).toBe(false);

    client.send({ type: 'subscribe', symbols: ['SPY'] });
    await client.waitFor(hasQuote('SPY'), 'a quote after the bad messages');
    client.send('ping');
    await until(() => client.pongs() === 1, 'pong');
    client.close();
  });
});

describe('live quotes, the route', () => {
  it('needs credentials, a known account, an upgrade, and takes a ticket', async () => {
    const accountId = await createOfflineAccount();
    const path = `/api/accounts/${accountId}/quotes/ws`;
    await expectError(
      await call(path, { headers: { Upgrade: 'websocket' }, token: null }),
      401,
      'unauthorized',
    );
    await expectError(
      await call(`/api/accounts/${crypto.randomUUID()}/quotes/ws`, { headers: { Upgrade: 'websocket' } }),
      404,
      'not_found',
    );
    expect((await call(path)).status).toBe(426);
    const { ticket } = await wsTicket();
    const client = await openQuotes(accountId, `?ticket=${encodeURIComponent(ticket)}`, null);
    await client.waitFor((f) => f.type === 'status', 'the status');
    client.close();
  });

  it('refuses a token scoped to another account, before any upgrade', async () => {
    const accountId = await createOfflineAccount();
    const response = await call(`/api/accounts/${accountId}/quotes/ws`, {
      headers: { Upgrade: 'websocket' },
      token: SCOPED_TOKEN,
    });
    await expectError(response, 403, 'forbidden');
    expect(response.webSocket).toBeNull();
    await expectError(
      await call(`/api/accounts/${accountId}/quotes?symbols=SPY`, { token: SCOPED_TOKEN }),
      403,
      'forbidden',
    );
  });

  it(`refuses a socket past ${MAX_SOCKETS} per account with 429`, async () => {
    const accountId = await createOfflineAccount();
    const clients = await Promise.all(Array.from({ length: MAX_SOCKETS }, () => openQuotes(accountId)));
    const response = await call(`/api/accounts/${accountId}/quotes/ws`, {
      headers: { Upgrade: 'websocket' },
    });
    await expectError(response, 429, 'rate_limited');
    clients[0]?.close();
    await until(
      async () => (await quoteStreamOf(accountId).status()).sockets < MAX_SOCKETS,
      'a socket to close',
    );
    const another = await openQuotes(accountId);
    await another.waitFor((f) => f.type === 'status', 'the status on a freed place');
    for (const client of [...clients.slice(1), another]) client.close();
  });

  it('answers the latest quotes over REST, and refuses bad symbols and unknown accounts', async () => {
    const accountId = await createOfflineAccount();
    const response = await call(`/api/accounts/${accountId}/quotes?symbols=SPY,${CALL}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      quotes: Array<{ symbol: string; bid: number; ask: number; mid: number }>;
    };
    expect(body.quotes.map((q) => q.symbol).sort()).toEqual([CALL, 'SPY'].sort());
    for (const quote of body.quotes) {
      expect(quote.bid).toBeLessThanOrEqual(quote.ask);
      expect(quote.mid).toBeCloseTo((quote.bid + quote.ask) / 2, 4);
    }
    await expectError(
      await call(`/api/accounts/${accountId}/quotes?symbols=SPY,bad!`),
      422,
      'validation_failed',
    );
    await expectError(await call(`/api/accounts/${accountId}/quotes?symbols=`), 422, 'validation_failed');
    await expectError(
      await call(`/api/accounts/${crypto.randomUUID()}/quotes?symbols=SPY`),
      404,
      'not_found',
    );
  });
});

describe('live quotes, Alpaca upstream (stream emulator)', () => {
  it('throttles per symbol: a burst between two instants reaches the socket as its latest value', async () => {
    const { id, keyId } = await createAlpacaAccount();
    const clock = await controlClock(id, T0);
    const client = await openQuotes(id);
    client.send({ type: 'subscribe', symbols: ['SPY'] });
    await client.waitFor((f) => f.type === 'status' && f.upstream === 'connected', 'the upstream');
    await until(
      async () => (await emulatorState(keyId)).connections[0]?.quotes.includes('SPY'),
      'the subscription',
    );

    await pushQuotes(keyId, [{ S: 'SPY', bp: 600, ap: 600.02 }]);
    await client.waitFor(
      hasQuote('SPY', (q) => q.bid === 600),
      'the first quote',
    );

    // Twenty updates, one message each, while the object's clock stands still: none may go out yet.
    const burst = Array.from({ length: 20 }, (_, i) => ({ S: 'SPY', bp: 601 + i, ap: 601.02 + i }));
    await pushQuotes(keyId, burst);
    await until(
      async () => (await quoteStreamOf(id).status()).received === 21,
      'the object to receive all 21',
    );
    expect(client.framesWith('SPY')).toHaveLength(1);

    // A quarter second later (4 updates/s): exactly one more frame, carrying the last of the burst.
    clock.now = T0 + 250;
    await client.waitFor(
      hasQuote('SPY', (q) => q.bid === 620),
      'the latest value',
    );
    expect(client.framesWith('SPY')).toHaveLength(2);

    // One upstream message with many quotes: still one frame per flush, latest value per symbol.
    await pushQuotes(
      keyId,
      [
        { S: 'SPY', bp: 630, ap: 630.02 },
        { S: 'SPY', bp: 631, ap: 631.02 },
      ],
      { batch: true },
    );
    await until(async () => (await quoteStreamOf(id).status()).received === 23, 'the batch');
    expect(client.framesWith('SPY')).toHaveLength(2);
    clock.now = T0 + 500;
    await client.waitFor(
      hasQuote('SPY', (q) => q.bid === 631),
      'the batch’s latest value',
    );
    expect(client.framesWith('SPY')).toHaveLength(3);
    expect(client.quotes().map((q) => q.bid)).toEqual([600, 620, 631]);
    client.close();
  });

  it('reconnects after the stream drops, resubscribes both streams, and quotes keep coming', async () => {
    const { id, keyId } = await createAlpacaAccount();
    const stocks = await openQuotes(id);
    const options = await openQuotes(id);
    stocks.send({ type: 'subscribe', symbols: ['SPY', 'QQQ'] });
    options.send({ type: 'subscribe', symbols: [CALL] });
    await until(async () => {
      const state = await emulatorState(keyId);
      const quotes = state.connections.flatMap((c) => c.quotes).sort();
      return quotes.join() === [CALL, 'QQQ', 'SPY'].sort().join() && state.connections.length === 2;
    }, 'both streams subscribed');
    await stocks.waitFor((f) => f.type === 'status' && f.upstream === 'connected', 'connected');

    await pushQuotes(keyId, [
      { S: 'SPY', bp: 600, ap: 600.02 },
      { S: CALL, bp: 9.46, ap: 9.66 },
    ]);
    await stocks.waitFor(
      hasQuote('SPY', (q) => q.bid === 600),
      'a stock quote (JSON stream)',
    );
    await options.waitFor(
      hasQuote(CALL, (q) => q.bid === 9.46 && q.ask === 9.66),
      'an option quote (MessagePack)',
    );

    const beforeDrop = stocks.frames.length;
    const since = (predicate: (frame: ServerFrame) => boolean) => (frame: ServerFrame) =>
      stocks.frames.indexOf(frame) >= beforeDrop && predicate(frame);
    expect(await dropConnections(keyId)).toBe(2);
    const lost = await stocks.waitFor(
      since((f) => f.type === 'status' && f.upstream === 'reconnecting'),
      'reconnecting',
    );
    expect(lost).toMatchObject({ message: expect.stringMatching(/closed by the server|connection error/) });
    await stocks.waitFor(
      since((f) => f.type === 'status' && f.upstream === 'connected'),
      'connected again',
    );
    await until(async () => {
      const state = await emulatorState(keyId);
      const quotes = state.connections.flatMap((c) => c.quotes).sort();
      return state.connects >= 4 && quotes.join() === [CALL, 'QQQ', 'SPY'].sort().join();
    }, 'the same symbols subscribed again on new connections');

    await pushQuotes(keyId, [
      { S: 'SPY', bp: 605, ap: 605.02 },
      { S: CALL, bp: 10.1, ap: 10.3 },
    ]);
    await stocks.waitFor(
      hasQuote('SPY', (q) => q.bid === 605),
      'stock quotes after the reconnect',
    );
    await options.waitFor(
      hasQuote(CALL, (q) => q.bid === 10.1),
      'option quotes after the reconnect',
    );
    expect(options.quotes().every((q) => q.symbol === CALL)).toBe(true);
    expect(stocks.quotes().every((q) => q.symbol === 'SPY' || q.symbol === 'QQQ')).toBe(true);

    // The last socket leaving a stream's symbols closes that upstream connection.
    options.close();
    await until(
      async () => (await emulatorState(keyId)).connections.length === 1,
      'the option stream closed',
    );
    stocks.close();
  });

  it("passes the stream's refusal of a subscription on to the sockets, and stays subscribed to the rest", async () => {
    const { id, keyId } = await createAlpacaAccount();
    const client = await openQuotes(id);
    client.send({ type: 'subscribe', symbols: ['SPY'] });
    await until(async () => (await emulatorState(keyId)).connections[0]?.quotes.includes('SPY'), 'SPY');

    // The free plan carries 30 quote symbols per connection: 30 more is past it.
    client.send({ type: 'subscribe', symbols: Array.from({ length: 30 }, (_, i) => `Z${i}`) });
    const refusal = await client.waitFor((f) => f.type === 'error', 'the refusal');
    expect(refusal).toMatchObject({ message: 'upstream: 405 symbol limit exceeded' });
    expect((await emulatorState(keyId)).connections[0]?.quotes).toEqual(['SPY']);

    // Dropping back under the limit subscribes what still fits, and quotes flow.
    client.send({ type: 'unsubscribe', symbols: Array.from({ length: 10 }, (_, i) => `Z${i}`) });
    await until(async () => (await emulatorState(keyId)).connections[0]?.quotes.length === 21, '21 symbols');
    await pushQuotes(keyId, [{ S: 'Z29', bp: 1, ap: 1.01 }]);
    await client.waitFor(hasQuote('Z29'), 'a quote for a symbol added after the refusal');
    client.close();
  });

  it('reports a refused login as reconnecting, with the reason', async () => {
    const { id, keyId } = await createAlpacaAccount({ secret: 'not-the-secret' });
    const client = await openQuotes(id);
    client.send({ type: 'subscribe', symbols: ['SPY'] });
    const status = await client.waitFor(
      (f) => f.type === 'status' && f.upstream === 'reconnecting' && /402 auth failed/.test(f.message ?? ''),
      'the refusal',
    );
    expect(JSON.stringify(status)).not.toContain('not-the-secret');
    expect((await emulatorState(keyId)).connects).toBe(0);
    client.close();
  });
});
