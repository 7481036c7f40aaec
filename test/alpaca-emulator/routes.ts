/**
 * Alpaca's trading and market-data endpoints over the emulator's state, as pure request → answer
 * functions (the server adds auth, faults and the socket). Errors use Alpaca's body
 * `{code, message}`; list endpoints page exactly as Alpaca documents (activities by the last id,
 * orders by time window, contracts and chains by an opaque next_page_token) and refuse page sizes
 * above Alpaca's caps, so an adapter that asks for too much finds out here rather than in production.
 */
import { randomUUID } from 'node:crypto';
import {
  calendarRows,
  clockAt,
  contractsOf,
  priceContract,
  quoteOf,
  SPOTS,
  VOLATILITY_QUOTED,
} from './market.ts';
import {
  type AlpacaAccount,
  cancelOrder,
  isOpen,
  type Json,
  nowOf,
  orderProblem,
  placeOrder,
  wireAccount,
  wirePositions,
} from './state.ts';

export interface Answer {
  status: number;
  body?: unknown;
}

const ok = (body: unknown): Answer => ({ status: 200, body });
export const alpacaError = (status: number, code: number, message: string): Answer => ({
  status,
  body: { code, message },
});
const unprocessable = (message: string) => alpacaError(422, 42210000, message);
const notFound = (message: string) => alpacaError(404, 40410000, message);

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}
function decodeToken(token: string | null): number | null {
  if (!token) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

function intParam(query: URLSearchParams, name: string, fallback: number, max: number): number | Answer {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    return unprocessable(`${name} must be an integer between 1 and ${max}`);
  }
  return value;
}

export function route(
  account: AlpacaAccount,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): Answer {
  if (method === 'GET' && path === '/v2/account') return ok(wireAccount(account));
  if (method === 'GET' && path === '/v2/positions') return ok(wirePositions(account));
  if (method === 'POST' && path === '/v2/orders') return submit(account, body);
  if (method === 'GET' && path === '/v2/orders') return listOrders(account, query);
  if (method === 'GET' && path === '/v2/orders:by_client_order_id') {
    const order = account.orders.find(
      (candidate) => candidate.client_order_id === query.get('client_order_id'),
    );
    return order ? ok(order) : notFound('order not found');
  }
  const orderPath = /^\/v2\/orders\/([^/]+)$/.exec(path);
  if (orderPath) {
    const id = decodeURIComponent(orderPath[1] ?? '');
    if (method === 'GET') {
      const order = account.orders.find((candidate) => candidate.id === id);
      return order ? ok(order) : notFound(`order not found for ${id}`);
    }
    if (method === 'DELETE') {
      const result = cancelOrder(account, id);
      if (result === null) return notFound(`order not found for ${id}`);
      if (result === 'not_cancelable') return unprocessable('order is not cancelable');
      return { status: 204 };
    }
  }
  if (method === 'GET' && path === '/v2/account/activities') return listActivities(account, query);
  if (method === 'GET' && path === '/v2/options/contracts') return listContracts(account, query);
  if (method === 'GET' && path === '/v2/calendar') {
    const start = query.get('start') ?? nowOf(account).toISOString().slice(0, 10);
    const end = query.get('end') ?? start;
    return ok(calendarRows(start, end));
  }
  if (method === 'GET' && path === '/v2/clock') return ok(clockAt(nowOf(account)));
  const chainPath = /^\/v1beta1\/options\/snapshots\/([^/]+)$/.exec(path);
  if (method === 'GET' && chainPath) return chain(account, decodeURIComponent(chainPath[1] ?? ''), query);
  if (
    method === 'GET' &&
    (path === '/v2/stocks/quotes/latest' || path === '/v1beta1/options/quotes/latest')
  ) {
    return latestQuotes(account, query);
  }
  const barsPath = /^\/v2\/stocks\/([^/]+)\/bars$/.exec(path);
  if (method === 'GET' && barsPath) return bars(decodeURIComponent(barsPath[1] ?? ''), query);
  return alpacaError(404, 40410000, `endpoint not found: ${method} ${path}`);
}

function submit(account: AlpacaAccount, body: unknown): Answer {
  const problem = orderProblem(body, nowOf(account));
  if (problem) return alpacaError(422, 40010001, problem);
  const order = body as Json;
  if (
    typeof order.client_order_id === 'string' &&
    account.orders.some((existing) => existing.client_order_id === order.client_order_id)
  ) {
    return alpacaError(422, 40010001, 'client_order_id must be unique');
  }
  return ok(placeOrder(account, order));
}

function timeParam(query: URLSearchParams, name: string): number | null | Answer {
  const raw = query.get(name);
  if (raw === null) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? unprocessable(`invalid ${name}: ${raw}`) : ms;
}

function listOrders(account: AlpacaAccount, query: URLSearchParams): Answer {
  const limit = intParam(query, 'limit', 50, 500);
  if (typeof limit !== 'number') return limit;
  const after = timeParam(query, 'after');
  if (typeof after === 'object' && after !== null) return after;
  const until = timeParam(query, 'until');
  if (typeof until === 'object' && until !== null) return until;
  const status = query.get('status') ?? 'open';
  if (!['open', 'closed', 'all'].includes(status)) return unprocessable(`invalid status: ${status}`);
  const direction = query.get('direction') ?? 'desc';
  const symbols = query.get('symbols')?.split(',').filter(Boolean);
  const nested = query.get('nested') === 'true';
  const selected = account.orders
    .filter((order) => status === 'all' || (status === 'open') === isOpen(order))
    .filter((order) => {
      const submitted = Date.parse(String(order.submitted_at));
      return (after === null || submitted > after) && (until === null || submitted < until);
    })
    .filter((order) => {
      if (!symbols) return true;
      const legs = (order.legs as Json[] | null) ?? [];
      return (
        symbols.includes(String(order.symbol)) || legs.some((leg) => symbols.includes(String(leg.symbol)))
      );
    })
    .sort((a, b) => Date.parse(String(a.submitted_at)) - Date.parse(String(b.submitted_at)));
  if (direction === 'desc') selected.reverse();
  return ok(selected.slice(0, limit).map((order) => (nested ? order : { ...order, legs: null })));
}

function activityTime(activity: Json): string {
  return typeof activity.transaction_time === 'string'
    ? activity.transaction_time
    : `${String(activity.date)}T21:00:00Z`;
}

function listActivities(account: AlpacaAccount, query: URLSearchParams): Answer {
  const pageSize = intParam(query, 'page_size', 100, 100);
  if (typeof pageSize !== 'number') return pageSize;
  const after = timeParam(query, 'after');
  if (typeof after === 'object' && after !== null) return after;
  const until = timeParam(query, 'until');
  if (typeof until === 'object' && until !== null) return until;
  const types = query.get('activity_types')?.split(',').filter(Boolean);
  const direction = query.get('direction') ?? 'desc';
  const token = query.get('page_token');
  // Activity ids begin with their time (YYYYMMDDhhmmssSSS), so id order is time order.
  let selected = account.activities
    .filter((activity) => !types || types.includes(String(activity.activity_type)))
    .filter((activity) => {
      const at = Date.parse(activityTime(activity));
      return (after === null || at > after) && (until === null || at < until);
    })
    .sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
  if (direction === 'desc') selected.reverse();
  if (token) {
    selected = selected.filter((activity) =>
      direction === 'asc' ? String(activity.id) > token : String(activity.id) < token,
    );
  }
  return ok(selected.slice(0, pageSize));
}

function listContracts(account: AlpacaAccount, query: URLSearchParams): Answer {
  const limit = intParam(query, 'limit', 100, 10_000);
  if (typeof limit !== 'number') return limit;
  const offset = decodeToken(query.get('page_token'));
  if (offset === null) return unprocessable('invalid page_token');
  const underlyings = query.get('underlying_symbols')?.split(',').filter(Boolean) ?? Object.keys(SPOTS);
  const now = nowOf(account);
  const all = underlyings
    .flatMap((underlying) => contractsOf(underlying, now))
    .filter((contract) => matchesFilters(contract, query));
  const page = all.slice(offset, offset + limit).map((contract) => {
    const priced = priceContract(contract.symbol, now);
    return {
      id: randomUUID(),
      symbol: contract.symbol,
      name: `${contract.underlying} ${contract.expiry} ${contract.type} ${contract.strike}`,
      status: 'active',
      tradable: true,
      expiration_date: contract.expiry,
      root_symbol: contract.underlying,
      underlying_symbol: contract.underlying,
      underlying_asset_id: randomUUID(),
      type: contract.type,
      style: 'american',
      strike_price: String(contract.strike),
      multiplier: '100',
      size: '100',
      open_interest: String(1000 + Math.round(contract.strike) * 3),
      open_interest_date: now.toISOString().slice(0, 10),
      close_price: priced ? String(priced.mid) : null,
      close_price_date: now.toISOString().slice(0, 10),
    };
  });
  const next = offset + limit < all.length ? encodeToken(offset + limit) : null;
  return ok({ option_contracts: page, next_page_token: next });
}

function matchesFilters(
  contract: { expiry: string; type: string; strike: number },
  query: URLSearchParams,
): boolean {
  const expiry = query.get('expiration_date');
  const from = query.get('expiration_date_gte');
  const to = query.get('expiration_date_lte');
  const type = query.get('type');
  const strikeFrom = query.get('strike_price_gte');
  const strikeTo = query.get('strike_price_lte');
  return (
    (!expiry || contract.expiry === expiry) &&
    (!from || contract.expiry >= from) &&
    (!to || contract.expiry <= to) &&
    (!type || contract.type === type) &&
    (!strikeFrom || contract.strike >= Number(strikeFrom)) &&
    (!strikeTo || contract.strike <= Number(strikeTo))
  );
}

function quoteBody(bid: number, ask: number, at: Date): Json {
  return { ap: ask, as: 10, ax: 'C', bp: bid, bs: 12, bx: 'C', c: ' ', t: at.toISOString() };
}

function chain(account: AlpacaAccount, underlying: string, query: URLSearchParams): Answer {
  const feed = query.get('feed') ?? 'indicative';
  if (feed !== 'indicative' && feed !== 'opra') return alpacaError(400, 40010001, `invalid feed: ${feed}`);
  const limit = intParam(query, 'limit', 100, 1000);
  if (typeof limit !== 'number') return limit;
  const offset = decodeToken(query.get('page_token'));
  if (offset === null) return alpacaError(400, 40010001, 'invalid page_token');
  const now = nowOf(account);
  const all = contractsOf(underlying, now).filter((contract) => matchesFilters(contract, query));
  const snapshots: Json = {};
  for (const contract of all.slice(offset, offset + limit)) {
    const priced = priceContract(contract.symbol, now);
    if (!priced) continue;
    snapshots[contract.symbol] = {
      latestQuote: quoteBody(priced.bid, priced.ask, now),
      latestTrade: { c: 'I', p: priced.mid, s: 1, t: now.toISOString(), x: 'C' },
      greeks: priced.greeks,
      impliedVolatility: VOLATILITY_QUOTED,
    };
  }
  const next = offset + limit < all.length ? encodeToken(offset + limit) : null;
  return ok({ snapshots, next_page_token: next });
}

function latestQuotes(account: AlpacaAccount, query: URLSearchParams): Answer {
  const symbols = query.get('symbols')?.split(',').filter(Boolean);
  if (!symbols?.length) return alpacaError(400, 40010001, 'missing symbols');
  const now = nowOf(account);
  const quotes: Json = {};
  for (const symbol of symbols) {
    const quote = quoteOf(symbol, now);
    if (quote) quotes[symbol] = quoteBody(quote.bid, quote.ask, now);
  }
  return ok({ quotes });
}

function bars(symbol: string, query: URLSearchParams): Answer {
  const spot = SPOTS[symbol];
  const start = query.get('start');
  if (!start) return alpacaError(400, 40010001, 'start is required');
  if (query.get('timeframe') !== '1Day') return alpacaError(400, 40010001, 'only 1Day bars are emulated');
  const date = start.slice(0, 10);
  const rows =
    spot === undefined
      ? []
      : [{ t: `${date}T04:00:00Z`, o: spot, h: spot, l: spot, c: spot, v: 1_000_000, n: 1000, vw: spot }];
  return ok({ bars: rows, symbol, next_page_token: null });
}
