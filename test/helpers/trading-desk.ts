/**
 * Trading-desk test fixtures: offline paper accounts with chosen limits, and SPY contracts picked
 * from the offline market at the moment the test runs (the routes trade at the real clock).
 */
import { brokerAccounts } from '../../src/db/schema-trading.ts';
import { offlineContracts, offlineQuote } from '../../src/market-data/offline/market.ts';
import { call, withDatabase } from './api.ts';

export interface AccountOptions {
  tradingEnabled?: boolean;
  maxOrderNotional?: number | null;
  maxDailyLoss?: number | null;
  archived?: boolean;
}

/** A fresh offline paper account (its own ledger, starting cash), so tests never share positions. */
export async function offlineAccount(name: string, options: AccountOptions = {}): Promise<string> {
  return withDatabase(async (db) => {
    const [row] = await db
      .insert(brokerAccounts)
      .values({
        name,
        broker: 'offline',
        mode: 'paper',
        tradingEnabled: options.tradingEnabled ?? true,
        maxOrderNotional: options.maxOrderNotional ?? null,
        maxDailyLoss: options.maxDailyLoss ?? null,
        ...(options.archived ? { archivedAt: new Date() } : {}),
      })
      .returning({ id: brokerAccounts.id });
    if (!row) throw new Error('no account row');
    return row.id;
  });
}

export interface Condor {
  longPut: string;
  shortPut: string;
  shortCall: string;
  longCall: string;
}

/** Short puts and calls about 5% out of the money, long wings `width` dollars further, 2+ weeks out. */
export function spyIronCondor(at = new Date(), width = 5): Condor {
  const spot = offlineQuote('SPY', at);
  if (!spot) throw new Error('no SPY quote offline');
  const mid = (spot.bid + spot.ask) / 2;
  const contracts = offlineContracts({ underlying: 'SPY' }, at);
  const soon = at.getTime() + 14 * 86_400_000;
  const expiry = [...new Set(contracts.map((c) => c.expiry))]
    .sort()
    .find((date) => Date.parse(`${date}T21:00:00Z`) >= soon);
  if (!expiry) throw new Error('no SPY expiry two weeks out');
  const strikes = (type: 'call' | 'put') =>
    contracts
      .filter((c) => c.expiry === expiry && c.type === type)
      .map((c) => c.strike)
      .sort((a, b) => a - b);
  const puts = strikes('put').filter((strike) => strike <= mid * 0.95);
  const calls = strikes('call').filter((strike) => strike >= mid * 1.05);
  const shortPut = puts.at(-1);
  const longPut = puts.filter((strike) => strike <= (shortPut ?? 0) - width).at(-1);
  const shortCall = calls[0];
  const longCall = calls.find((strike) => strike >= (shortCall ?? Number.POSITIVE_INFINITY) + width);
  if (!(shortPut && longPut && shortCall && longCall)) throw new Error('not enough SPY strikes');
  const symbol = (type: 'call' | 'put', strike: number) =>
    contracts.find((c) => c.expiry === expiry && c.type === type && c.strike === strike)?.symbol ?? '';
  return {
    longPut: symbol('put', longPut),
    shortPut: symbol('put', shortPut),
    shortCall: symbol('call', shortCall),
    longCall: symbol('call', longCall),
  };
}

export function condorOrder(condor: Condor, clientOrderId: string, qty = 1) {
  return {
    client_order_id: clientOrderId,
    order_class: 'mleg',
    qty,
    type: 'market',
    time_in_force: 'day',
    legs: [
      { symbol: condor.longPut, side: 'buy', ratio_qty: 1, position_intent: 'buy_to_open' },
      { symbol: condor.shortPut, side: 'sell', ratio_qty: 1, position_intent: 'sell_to_open' },
      { symbol: condor.shortCall, side: 'sell', ratio_qty: 1, position_intent: 'sell_to_open' },
      { symbol: condor.longCall, side: 'buy', ratio_qty: 1, position_intent: 'buy_to_open' },
    ],
  };
}

export interface OrderJson {
  id: string;
  client_order_id: string;
  status: string;
  order_class: string;
  symbol: string | null;
  side: string | null;
  qty: number;
  filled_qty: number;
  filled_avg_price: number | null;
  legs: Array<{ symbol: string; side: string; ratio_qty: number; position_intent: string | null }>;
}

export function postOrder(accountId: string, json: unknown, init: { headers?: Record<string, string> } = {}) {
  return call(`/api/accounts/${accountId}/orders`, { method: 'POST', json, ...init });
}

export async function placed(response: Response, status = 201): Promise<OrderJson> {
  const text = await response.clone().text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return ((await response.json()) as { order: OrderJson }).order;
}
