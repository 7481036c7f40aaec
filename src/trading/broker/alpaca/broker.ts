/**
 * The Broker interface over Alpaca's REST APIs: trading (paper or live host) and market data. Every
 * request goes through AlpacaHttp (breaker, rate limit, retries, validation); this file only says
 * which endpoint answers which question, and drains every paged list.
 */
import { z } from 'zod';
import type { AccountMode } from '../../../db/schema-trading.ts';
import {
  type Activities,
  type Broker,
  BrokerError,
  type BrokerOrder,
  type OptionEvent,
  type OrderRequest,
} from '../types.ts';
import { AlpacaHttp, HTTP_DEFAULTS } from './http.ts';
import {
  toAccountSummary,
  toBrokerFill,
  toBrokerOrder,
  toBrokerPosition,
  toChainEntry,
  toContractInfo,
  toMarketClock,
  toOptionEvent,
  toOrderBody,
  toQuote,
  toTradingDay,
  WireMappingError,
} from './mapping.ts';
import { drainByLastId, drainByTime, drainByToken } from './paging.ts';
import { isOptionSymbol, splitSymbols } from './symbols.ts';
import {
  wireAccount,
  wireActivities,
  wireBars,
  wireCalendar,
  wireClock,
  wireFillActivity,
  wireLatestQuotes,
  wireOptionActivity,
  wireOptionContracts,
  wireOptionSnapshots,
  wireOrder,
  wireOrders,
  wirePosition,
} from './wire-schemas.ts';

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
  /** Option market data feed: `indicative` (free, delayed) or `opra` (subscription). */
  optionFeed?: 'indicative' | 'opra';
}

export const ALPACA_TRADING_URLS = {
  paper: 'https://paper-api.alpaca.markets',
  live: 'https://api.alpaca.markets',
} as const;
export const ALPACA_DATA_URL = 'https://data.alpaca.markets';

export const ACTIVITY_PAGE_SIZE = 100;
export const ORDER_PAGE_SIZE = 500;
export const CONTRACT_PAGE_SIZE = 1_000;
export const SNAPSHOT_PAGE_SIZE = 1_000;
/** Symbols per latest-quotes request: keeps the query string well under URL limits. */
const QUOTE_BATCH = 100;
const OPTION_ACTIVITY_TYPES = new Set(['OPEXP', 'OPASN', 'OPEXC']);

const nothing = z.unknown().transform(() => undefined);

export function createAlpacaBroker(options: AlpacaBrokerOptions): Broker {
  const now = options.now ?? (() => new Date());
  const http = new AlpacaHttp({
    accountId: options.accountId,
    credentials: options.credentials,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    maxAttempts: options.maxAttempts ?? HTTP_DEFAULTS.maxAttempts,
    requestTimeoutMs: options.requestTimeoutMs ?? HTTP_DEFAULTS.requestTimeoutMs,
    maxRateLimitWaitMs: HTTP_DEFAULTS.maxRateLimitWaitMs,
    backoffBaseMs: HTTP_DEFAULTS.backoffBaseMs,
    backoffCapMs: HTTP_DEFAULTS.backoffCapMs,
  });
  const tradingBase = trimSlash(options.tradingBaseUrl ?? ALPACA_TRADING_URLS[options.mode]);
  const dataBase = trimSlash(options.dataBaseUrl ?? ALPACA_DATA_URL);
  const optionFeed = options.optionFeed ?? 'indicative';

  const trading = (path: string, query: Record<string, string | number | undefined> = {}) =>
    withQuery(`${tradingBase}${path}`, query);
  const data = (path: string, query: Record<string, string | number | undefined> = {}) =>
    withQuery(`${dataBase}${path}`, query);

  const get = <T>(url: string, schema: z.ZodType<T>) =>
    http.request({ method: 'GET', url, schema, idempotent: true });

  async function orderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
    try {
      const wire = await get(
        trading('/v2/orders:by_client_order_id', { client_order_id: clientOrderId }),
        wireOrder,
      );
      return mapOrThrow(() => toBrokerOrder(wire));
    } catch (error) {
      if (error instanceof BrokerError && error.code === 'not_found') return null;
      throw error;
    }
  }

  async function submitOrder(order: OrderRequest): Promise<BrokerOrder> {
    try {
      const wire = await http.request({
        method: 'POST',
        url: trading('/v2/orders'),
        body: toOrderBody(order),
        schema: wireOrder,
        idempotent: false,
        // A lost answer may hide a placed order: look before sending it again.
        recover: async () => {
          const existing = await get(
            trading('/v2/orders:by_client_order_id', { client_order_id: order.clientOrderId }),
            wireOrder,
          ).catch((error: unknown) => {
            if (error instanceof BrokerError && error.code === 'not_found') return undefined;
            throw error;
          });
          return existing;
        },
      });
      return mapOrThrow(() => toBrokerOrder(wire));
    } catch (error) {
      if (isDuplicateClientOrderId(error)) {
        const existing = await orderByClientId(order.clientOrderId);
        if (existing) return existing;
      }
      throw error;
    }
  }

  async function optionEvents(raw: z.infer<typeof wireActivities>): Promise<OptionEvent[]> {
    const wires = raw
      .filter((item) => OPTION_ACTIVITY_TYPES.has(item.activity_type))
      .map((item) => parseItem(wireOptionActivity, item));
    const closes = new Map<string, number | undefined>();
    const events: OptionEvent[] = [];
    for (const wire of wires) {
      let close: number | undefined;
      if (wire.activity_type !== 'OPEXP') {
        // Alpaca reports no settlement price: the underlying's close that day values the contract.
        const underlying = optionRoot(wire.symbol);
        const key = `${underlying}|${wire.date}`;
        if (!closes.has(key)) closes.set(key, await dailyClose(underlying, wire.date));
        close = closes.get(key);
      }
      events.push(toOptionEvent(wire, close));
    }
    return events;
  }

  async function dailyClose(symbol: string, date: string): Promise<number | undefined> {
    const bars = await get(
      data(`/v2/stocks/${encodeURIComponent(symbol)}/bars`, {
        timeframe: '1Day',
        start: date,
        end: date,
        adjustment: 'raw',
      }),
      wireBars,
    );
    return bars.bars?.find((bar) => bar.t.startsWith(date))?.c ?? bars.bars?.at(-1)?.c;
  }

  const broker: Broker = {
    kind: 'alpaca',

    async account() {
      return toAccountSummary(await get(trading('/v2/account'), wireAccount));
    },

    async positions() {
      return (await get(trading('/v2/positions'), z.array(wirePosition))).map(toBrokerPosition);
    },

    submitOrder,

    async cancelOrder(orderId) {
      await http.request({
        method: 'DELETE',
        url: trading(`/v2/orders/${encodeURIComponent(orderId)}`),
        schema: nothing,
        idempotent: true,
      });
    },

    async order(orderId) {
      const wire = await get(
        trading(`/v2/orders/${encodeURIComponent(orderId)}`, { nested: 'true' }),
        wireOrder,
      );
      return mapOrThrow(() => toBrokerOrder(wire));
    },

    orderByClientId,

    async orders(query) {
      const wires = await drainByTime('GET /v2/orders', ORDER_PAGE_SIZE, query.after, (after) =>
        get(
          trading('/v2/orders', {
            status: query.status,
            after,
            until: query.until,
            direction: 'asc',
            limit: ORDER_PAGE_SIZE,
            nested: 'true',
            symbols: query.symbols?.length ? query.symbols.join(',') : undefined,
          }),
          wireOrders,
        ),
      );
      return mapOrThrow(() => wires.map(toBrokerOrder));
    },

    async activities(query): Promise<Activities> {
      const raw = await drainByLastId('GET /v2/account/activities', ACTIVITY_PAGE_SIZE, (pageToken) =>
        get(
          trading('/v2/account/activities', {
            activity_types: 'FILL,OPEXP,OPASN,OPEXC',
            after: query.after,
            until: query.until,
            direction: 'asc',
            page_size: ACTIVITY_PAGE_SIZE,
            page_token: pageToken,
          }),
          wireActivities,
        ),
      );
      const fills = raw
        .filter((item) => item.activity_type === 'FILL')
        .map((item) => toBrokerFill(parseItem(wireFillActivity, item)));
      return { fills, events: await optionEvents(raw) };
    },

    async optionContracts(query) {
      const contracts = await drainByToken('GET /v2/options/contracts', async (pageToken) => {
        const page = await get(
          trading('/v2/options/contracts', {
            underlying_symbols: query.underlying,
            expiration_date_gte: query.expiryFrom,
            expiration_date_lte: query.expiryTo,
            type: query.type,
            strike_price_gte: query.strikeFrom,
            strike_price_lte: query.strikeTo,
            limit: CONTRACT_PAGE_SIZE,
            page_token: pageToken,
          }),
          wireOptionContracts,
        );
        return { items: page.option_contracts ?? [], next: page.next_page_token };
      });
      return contracts.map(toContractInfo);
    },

    async optionChain(query) {
      const entries = await drainByToken('GET /v1beta1/options/snapshots', async (pageToken) => {
        const page = await get(
          data(`/v1beta1/options/snapshots/${encodeURIComponent(query.underlying)}`, {
            feed: optionFeed,
            expiration_date_gte: query.expiryFrom,
            expiration_date_lte: query.expiryTo,
            type: query.type,
            strike_price_gte: query.strikeFrom,
            strike_price_lte: query.strikeTo,
            limit: SNAPSHOT_PAGE_SIZE,
            page_token: pageToken,
          }),
          wireOptionSnapshots,
        );
        return {
          items: Object.entries(page.snapshots ?? {}).map(([symbol, snapshot]) =>
            toChainEntry(symbol, snapshot),
          ),
          next: page.next_page_token,
        };
      });
      return entries.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
    },

    async latestQuotes(symbols) {
      const { stocks, options: optionSymbols } = splitSymbols(symbols);
      const quotes = new Map<string, ReturnType<typeof toQuote>>();
      for (const batch of chunks(stocks, QUOTE_BATCH)) {
        const page = await get(
          data('/v2/stocks/quotes/latest', { symbols: batch.join(',') }),
          wireLatestQuotes,
        );
        for (const [symbol, quote] of Object.entries(page.quotes)) quotes.set(symbol, toQuote(symbol, quote));
      }
      for (const batch of chunks(optionSymbols, QUOTE_BATCH)) {
        const page = await get(
          data('/v1beta1/options/quotes/latest', { symbols: batch.join(','), feed: optionFeed }),
          wireLatestQuotes,
        );
        for (const [symbol, quote] of Object.entries(page.quotes)) quotes.set(symbol, toQuote(symbol, quote));
      }
      // In the order asked for; a symbol Alpaca has no quote for is simply absent.
      return [...new Set(symbols)].flatMap((symbol) => {
        const quote = quotes.get(symbol);
        return quote ? [quote] : [];
      });
    },

    async calendar(start, end) {
      return (await get(trading('/v2/calendar', { start, end }), wireCalendar)).map(toTradingDay);
    },

    async clock() {
      return toMarketClock(await get(trading('/v2/clock'), wireClock));
    },

    health() {
      return http.health();
    },
  };
  return broker;
}

function isDuplicateClientOrderId(error: unknown): boolean {
  return (
    error instanceof BrokerError &&
    error.code === 'rejected' &&
    /client_order_id must be unique|duplicate client_order_id/i.test(error.message)
  );
}

function optionRoot(symbol: string): string {
  return isOptionSymbol(symbol) ? symbol.replace(/ *\d{6}[CP]\d{8}$/, '') : symbol;
}

function parseItem<T>(schema: z.ZodType<T>, item: unknown): T {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BrokerError(
    `Alpaca GET /v2/account/activities: unexpected activity (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
    'invalid_response',
  );
}

/** Mapping failures (an order type the desk does not model) surface as invalid responses. */
function mapOrThrow<T>(map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof WireMappingError)
      throw new BrokerError(`Alpaca: ${error.message}`, 'invalid_response');
    throw error;
  }
}

function withQuery(url: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `${url}?${text}` : url;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
