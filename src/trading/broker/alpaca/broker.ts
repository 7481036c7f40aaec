/**
 * The Broker interface over Alpaca's REST APIs: trading (paper or live host) and market data. Every
 * request goes through AlpacaHttp (circuit breaker, rate limit, retries, validation); the endpoint
 * modules say which endpoint answers which question and drain every paged list.
 */
import { z } from 'zod';
import type { AccountMode } from '../../../db/schema-trading.ts';
import type { Broker } from '../types.ts';
import { activityApi } from './activities.ts';
import { alpacaClient } from './client.ts';
import { AlpacaHttp, HTTP_DEFAULTS } from './http.ts';
import { toAccountSummary, toBrokerPosition, toMarketClock, toTradingDay } from './mapping.ts';
import { marketDataApi } from './market-data.ts';
import { orderApi } from './orders.ts';
import { wireAccount, wireCalendar, wireClock, wirePosition } from './wire-schemas.ts';

export interface AlpacaBrokerOptions {
  accountId: string;
  mode: AccountMode;
  credentials: { keyId: string; secretKey: string };
  tradingBaseUrl?: string;
  dataBaseUrl?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Waits between retries and for rate-limit tokens; tests pass one that does not wait in real time. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  requestTimeoutMs?: number;
  maxAttempts?: number;
  /** Option market data feed: `indicative` (free, 15-minute delayed) or `opra` (subscription). */
  optionFeed?: 'indicative' | 'opra';
  /** Stock quote feed: `iex` (free), `sip` (subscription); unset = Alpaca's default for the plan. */
  stockFeed?: 'iex' | 'sip' | 'delayed_sip';
}

export const ALPACA_TRADING_URLS = {
  paper: 'https://paper-api.alpaca.markets',
  live: 'https://api.alpaca.markets',
} as const;
export const ALPACA_DATA_URL = 'https://data.alpaca.markets';

export function createAlpacaBroker(options: AlpacaBrokerOptions): Broker {
  const http = new AlpacaHttp({
    ...HTTP_DEFAULTS,
    accountId: options.accountId,
    credentials: options.credentials,
    // Called through a wrapper: workerd's fetch must not be invoked with another `this`.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
  const client = alpacaClient(
    http,
    options.tradingBaseUrl || ALPACA_TRADING_URLS[options.mode],
    options.dataBaseUrl || ALPACA_DATA_URL,
    { option: options.optionFeed ?? 'indicative', stock: options.stockFeed },
  );
  const { trading, get } = client;

  return {
    kind: 'alpaca',
    account: async () => toAccountSummary(await get(trading('/v2/account'), wireAccount)),
    positions: async () => (await get(trading('/v2/positions'), z.array(wirePosition))).map(toBrokerPosition),
    ...orderApi(client),
    ...activityApi(client),
    ...marketDataApi(client),
    calendar: async (start, end) =>
      (await get(trading('/v2/calendar', { start, end }), wireCalendar)).map(toTradingDay),
    clock: async () => toMarketClock(await get(trading('/v2/clock'), wireClock)),
    health: () => http.health(),
  };
}
