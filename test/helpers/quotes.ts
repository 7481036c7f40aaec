/**
 * Quote-socket clients for tests, broker accounts to point them at, the account's QuoteStream object
 * with a clock the test moves, and the Alpaca stream emulator's control API (test/alpaca-stream).
 */
import { env, runInDurableObject } from 'cloudflare:test';
import { inject } from 'vitest';
import { brokerAccounts } from '../../src/db/schema-trading.ts';
import type { QuoteStream } from '../../src/durable-objects/quote-stream.ts';
import type { ServerFrame, WireQuote } from '../../src/quotes/wire.ts';
import { emulatorSecret } from '../alpaca-stream/credentials.ts';
import { storeAlpacaAccount } from './alpaca.ts';
import { call, withDatabase } from './api.ts';
import { WAIT_LIMIT_MS } from './wait.ts';

export interface QuoteClient {
  readonly socket: WebSocket;
  /** Every frame received so far, in order. */
  readonly frames: ServerFrame[];
  send(message: unknown): void;
  /** The first frame (already received or still to come) that matches. */
  waitFor<F extends ServerFrame>(predicate: (frame: ServerFrame) => frame is F, what: string): Promise<F>;
  waitFor(predicate: (frame: ServerFrame) => boolean, what: string): Promise<ServerFrame>;
  /** Every quote received, across frames, in order. */
  quotes(): WireQuote[];
  /** How many `pong`s answered this socket's `ping`s. */
  pongs(): number;
  /** The `quotes` frames that carried `symbol`. */
  framesWith(symbol: string): Array<Extract<ServerFrame, { type: 'quotes' }>>;
  close(): void;
}

export async function openQuotes(accountId: string, query = '', token?: string | null): Promise<QuoteClient> {
  const response = await call(`/api/accounts/${accountId}/quotes/ws${query}`, {
    headers: { Upgrade: 'websocket' },
    ...(token !== undefined ? { token } : {}),
  });
  const socket = response.webSocket;
  if (response.status !== 101 || !socket) {
    throw new Error(`upgrade failed: ${response.status} ${await response.text()}`);
  }
  const frames: ServerFrame[] = [];
  let pongs = 0;
  const waiters = new Set<() => void>();
  socket.addEventListener('message', (event) => {
    // `pong` answers `ping` without waking the object; everything else is a JSON frame.
    if (event.data === 'pong') pongs += 1;
    else frames.push(JSON.parse(String(event.data)) as ServerFrame);
    for (const wake of waiters) wake();
  });
  socket.accept();
  const waitFor = (predicate: (frame: ServerFrame) => boolean, what: string): Promise<ServerFrame> => {
    const found = frames.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; got: ${JSON.stringify(frames).slice(0, 2_000)}`));
      }, WAIT_LIMIT_MS);
      const check = () => {
        const match = frames.find(predicate);
        if (!match) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(match);
      };
      waiters.add(check);
    });
  };
  const quoteFrames = () =>
    frames.filter((f): f is Extract<ServerFrame, { type: 'quotes' }> => f.type === 'quotes');
  return {
    socket,
    frames,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    waitFor: waitFor as QuoteClient['waitFor'],
    quotes: () => quoteFrames().flatMap((frame) => frame.quotes),
    pongs: () => pongs,
    framesWith: (symbol) => quoteFrames().filter((frame) => frame.quotes.some((q) => q.symbol === symbol)),
    close: () => socket.close(1000, 'test done'),
  };
}

export function hasQuote(symbol: string, match: (quote: WireQuote) => boolean = () => true) {
  return (frame: ServerFrame): boolean =>
    frame.type === 'quotes' && frame.quotes.some((quote) => quote.symbol === symbol && match(quote));
}

/** A fresh offline paper account of the test's own (its QuoteStream object is its own too). */
export async function createOfflineAccount(): Promise<string> {
  const id = crypto.randomUUID();
  await withDatabase((db) =>
    db
      .insert(brokerAccounts)
      .values({ id, name: 'Quotes test', broker: 'offline', mode: 'paper', tradingEnabled: true }),
  );
  return id;
}

/**
 * An Alpaca paper account with a key of its own (the key id scopes the emulator's state), whose sealed
 * secret the stream emulator accepts unless the test gives another one.
 */
export async function createAlpacaAccount(
  options: { secret?: string } = {},
): Promise<{ id: string; keyId: string }> {
  const keyId = `PKQ${crypto.randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase()}`;
  const secretKey = options.secret ?? emulatorSecret(keyId);
  const id = await storeAlpacaAccount({ keyId, secretKey }, 'Quotes test (Alpaca)');
  return { id, keyId };
}

export function quoteStreamOf(accountId: string) {
  return env.QUOTES.get(env.QUOTES.idFromName(accountId));
}

/** A clock the test moves by hand, installed in the account's QuoteStream before anything connects. */
export async function controlClock(accountId: string, start: number) {
  const clock = { now: start };
  await runInDurableObject(quoteStreamOf(accountId), (instance: QuoteStream) => {
    instance.useClock(() => clock.now);
  });
  return clock;
}

export interface EmulatorState {
  connections: Array<{ stream: 'stocks' | 'options'; authenticated: boolean; quotes: string[] }>;
  connects: number;
  subscribes: number;
}

function controlUrl(keyId: string, action: string): string {
  return `${inject('alpacaStreamUrl').replace(/^ws/, 'http')}/__stream/${encodeURIComponent(keyId)}/${action}`;
}

export async function emulatorState(keyId: string): Promise<EmulatorState> {
  return (await (await fetch(controlUrl(keyId, 'state'))).json()) as EmulatorState;
}

export async function pushQuotes(
  keyId: string,
  quotes: Array<{ S: string; bp: number; ap: number }>,
  options: { batch?: boolean } = {},
): Promise<number> {
  const response = await fetch(controlUrl(keyId, 'quotes'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ quotes, batch: options.batch ?? false }),
  });
  return ((await response.json()) as { delivered: number }).delivered;
}

export async function dropConnections(keyId: string): Promise<number> {
  const response = await fetch(controlUrl(keyId, 'drop'), { method: 'POST' });
  return ((await response.json()) as { dropped: number }).dropped;
}
