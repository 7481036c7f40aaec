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
