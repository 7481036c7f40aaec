/**
 * What every Alpaca endpoint module shares: the HTTP client and the two base URLs, with helpers that
 * build a URL with its query (undefined values left out) and run an idempotent GET.
 */
import type { z } from 'zod';
import { BrokerError } from '../types.ts';
import type { AlpacaHttp } from './http.ts';
import { WireMappingError } from './mapping.ts';

export type Query = Record<string, string | number | undefined>;

export interface AlpacaClient {
  http: AlpacaHttp;
  /** A trading API URL (paper or live host). */
  trading(path: string, query?: Query): string;
  /** A market-data API URL. */
  data(path: string, query?: Query): string;
  get<T>(url: string, schema: z.ZodType<T>): Promise<T>;
  feeds: MarketDataFeeds;
}

export interface MarketDataFeeds {
  /** Option quotes and chains: `indicative` (free, delayed) or `opra` (subscription). */
  option: 'indicative' | 'opra';
  /** Stock quotes: unset = Alpaca's default for the account's plan. */
  stock?: 'iex' | 'sip' | 'delayed_sip' | undefined;
}

export function alpacaClient(
  http: AlpacaHttp,
  tradingBase: string,
  dataBase: string,
  feeds: MarketDataFeeds,
): AlpacaClient {
  return {
    http,
    trading: (path, query = {}) => withQuery(`${trimSlash(tradingBase)}${path}`, query),
    data: (path, query = {}) => withQuery(`${trimSlash(dataBase)}${path}`, query),
    get: (url, schema) => http.request({ method: 'GET', url, schema, idempotent: true }),
    feeds,
  };
}

/** Null for a 404, the value otherwise. */
export async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof BrokerError && error.code === 'not_found') return null;
    throw error;
  }
}

/** Mapping failures (an order type the desk does not model) surface as invalid responses. */
export function mapOrThrow<T>(map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof WireMappingError)
      throw new BrokerError(`Alpaca: ${error.message}`, 'invalid_response');
    throw error;
  }
}

/** Validates one item of a loosely validated list, as an invalid response when it does not fit. */
export function parseItem<T>(where: string, schema: z.ZodType<T>, item: unknown): T {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BrokerError(
    `Alpaca ${where}: unexpected item (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
    'invalid_response',
  );
}

function withQuery(url: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `${url}?${text}` : url;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
