/**
 * A typed client for the Alpaca emulator's control API, plus builders for Alpaca-shaped activities.
 * Plain `fetch`, so it works in Node and inside workerd tests alike.
 */
import type { Fault } from './faults.ts';
import type { RecordedAlpacaRequest } from './server.ts';

export type { Fault, RecordedAlpacaRequest };

export interface AlpacaKeys {
  keyId: string;
  secretKey: string;
  accountId: string;
}

export interface SeedInput {
  activities?: Record<string, unknown>[];
  positions?: { symbol: string; qty: number; avg_entry_price: number }[];
  /** Alpaca-shaped orders kept as given (see `foreignOrders`). */
  orders?: Record<string, unknown>[];
  /** Filled SPY market orders, one second apart from `start`, each with its FILL activity. */
  filled_orders?: { count: number; start: string };
  /** Pins the account's clock (market data, calendar, clock, order times). */
  clock?: string;
}

export interface AlpacaEmulatorControl {
  /** A fresh emulated account with its own API key pair. */
  createAccount(options?: { cash?: number; clock?: string }): Promise<AlpacaKeys>;
  seed(keyId: string, input: SeedInput): Promise<void>;
  /** Queues faults for the key's next matching requests. */
  faults(keyId: string, faults: Fault[]): Promise<void>;
  /** The key's API requests (not the control ones), oldest first. */
  requests(keyId: string): Promise<RecordedAlpacaRequest[]>;
}

export function alpacaEmulatorControl(baseUrl: string): AlpacaEmulatorControl {
  const call = async (path: string, init?: RequestInit): Promise<Record<string, unknown>> => {
    const response = await fetch(`${baseUrl}/__alpaca/${path}`, init);
    const body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`alpaca emulator ${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const post = (path: string, body: unknown) =>
    call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    async createAccount(options = {}) {
      const body = await post('accounts', options);
      return {
        keyId: String(body.key_id),
        secretKey: String(body.secret_key),
        accountId: String(body.account_id),
      };
    },
    async seed(keyId, input) {
      await post('seed', { key_id: keyId, ...input });
    },
    async faults(keyId, faults) {
      await post('faults', { key_id: keyId, faults });
    },
    async requests(keyId) {
      const body = await call(`requests?key_id=${encodeURIComponent(keyId)}`);
      return body.requests as RecordedAlpacaRequest[];
    },
  };
}

/** An Alpaca activity id: its time as YYYYMMDDhhmmssSSS, `::`, a unique suffix. */
export function activityIdAt(at: Date, suffix: string): string {
  return `${at.toISOString().replace(/[-:TZ.]/g, '')}::${suffix}`;
}

/** `count` FILL activities one minute apart from `start`, alternating buy and sell of one contract. */
export function fillActivities(
  count: number,
  start: string,
  symbol = 'SPY261218C00600000',
): Record<string, unknown>[] {
  const startMs = Date.parse(start);
  return Array.from({ length: count }, (_, index) => {
    const at = new Date(startMs + index * 60_000);
    return {
      id: activityIdAt(at, `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`),
      activity_type: 'FILL',
      transaction_time: at.toISOString(),
      type: 'fill',
      price: (1 + (index % 50) / 100).toFixed(2),
      qty: '1',
      side: index % 2 === 0 ? 'buy' : 'sell',
      symbol,
      leaves_qty: '0',
      order_id: `00000000-0000-4000-9000-${String(index).padStart(12, '0')}`,
      cum_qty: '1',
      order_status: 'filled',
    };
  });
}

/** An option lifecycle activity (OPEXP, OPASN, OPEXC) as Alpaca writes it: a date, a signed qty. */
export function optionActivity(
  type: 'OPEXP' | 'OPASN' | 'OPEXC',
  date: string,
  symbol: string,
  qty: number,
  suffix: string,
): Record<string, unknown> {
  return {
    id: activityIdAt(new Date(`${date}T21:00:00Z`), suffix),
    activity_type: type,
    date,
    net_amount: '0',
    description:
      type === 'OPEXP' ? 'Option Expiry' : type === 'OPASN' ? 'Option Assignment' : 'Option Exercise',
    symbol,
    qty: String(qty),
    status: 'executed',
  };
}

/**
 * Orders a real account holds that the desk never places, as Alpaca lists them (nested): a bracket
 * with its held take-profit and stop-loss, an oco exit pair, a trailing stop, a stop-limit at the
 * open, an ioc limit that expired, a fok market order, a market-on-close. One second apart from
 * `start`; each id and client_order_id begins with `prefix`.
 */
export function foreignOrders(start: string, prefix = 'foreign'): Record<string, unknown>[] {
  const startMs = Date.parse(start);
  const at = (index: number) => new Date(startMs + index * 1000).toISOString();
  const order = (index: number, name: string, fields: Record<string, unknown>) => ({
    id: `${prefix}-${name}`,
    client_order_id: `${prefix}-${name}-web`,
    created_at: at(index),
    updated_at: at(index),
    submitted_at: at(index),
    asset_class: 'us_equity',
    symbol: 'SPY',
    side: 'buy',
    qty: '10',
    position_intent: null,
    limit_price: null,
    stop_price: null,
    order_class: 'simple',
    time_in_force: 'day',
    status: 'new',
    legs: null,
    ...fields,
  });
  const exit = (index: number, name: string, fields: Record<string, unknown>) =>
    order(index, name, { side: 'sell', status: 'held', time_in_force: 'gtc', ...fields });
  return [
    order(0, 'bracket', {
      order_class: 'bracket',
      type: 'limit',
      order_type: 'limit',
      limit_price: '600',
      time_in_force: 'gtc',
      legs: [
        exit(0, 'bracket-tp', { order_class: 'bracket', type: 'limit', limit_price: '620' }),
        exit(0, 'bracket-sl', { order_class: 'bracket', type: 'stop', stop_price: '590' }),
      ],
    }),
    order(1, 'oco', {
      order_class: 'oco',
      side: 'sell',
      type: 'limit',
      limit_price: '625',
      time_in_force: 'gtc',
      legs: [exit(1, 'oco-sl', { order_class: 'oco', type: 'stop', stop_price: '585', status: 'new' })],
    }),
    order(2, 'oto', {
      order_class: 'oto',
      type: 'market',
      legs: [exit(2, 'oto-sl', { order_class: 'oto', type: 'stop', stop_price: '580' })],
    }),
    order(3, 'trailing', {
      type: 'trailing_stop',
      side: 'sell',
      trail_percent: '2',
      stop_price: '588',
      hwm: '600',
      time_in_force: 'gtc',
    }),
    order(4, 'stop-limit', {
      type: 'stop_limit',
      side: 'sell',
      stop_price: '595',
      limit_price: '594.5',
      time_in_force: 'opg',
    }),
    order(5, 'ioc', {
      type: 'limit',
      limit_price: '550',
      time_in_force: 'ioc',
      status: 'canceled',
      canceled_at: at(5),
    }),
    order(6, 'fok', { type: 'market', time_in_force: 'fok', status: 'expired' }),
    order(7, 'cls', { type: 'market', time_in_force: 'cls', status: 'accepted' }),
  ];
}
