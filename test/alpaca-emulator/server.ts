/**
 * An Alpaca emulator for tests: a Node HTTP server on 127.0.0.1 answering the trading API
 * (/v2/account, /v2/orders, /v2/account/activities, /v2/options/contracts, /v2/calendar, /v2/clock …)
 * and the market-data API (/v1beta1/options/snapshots, latest quotes, daily bars) on one port, so one
 * URL serves as both base URLs. State is per API key (see state.ts), created through the control API;
 * a request with an unknown key or a wrong secret gets Alpaca's 401. Control API, JSON:
 * - `POST /__alpaca/accounts {key_id?, secret_key?, clock?, cash?}` → `{key_id, secret_key, account_id}`;
 * - `POST /__alpaca/seed {key_id, activities?, positions?, orders?, filled_orders?: {count, start}, clock?}`
 *   (`orders`: Alpaca-shaped orders kept as given, for kinds the emulator does not place);
 * - `POST /__alpaca/faults {key_id, faults: [...]}` (see faults.ts);
 * - `GET /__alpaca/requests?key_id=` → `{requests: [{method, path, query}]}`, oldest first.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Fault, faultProblem, takeFault } from './faults.ts';
import { type Answer, alpacaError, route } from './routes.ts';
import { type AlpacaAccount, type Json, newAccount, seedFilledOrders, seedOrders } from './state.ts';

export interface AlpacaEmulator {
  /** Base URL for both the trading and the market-data API (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

export interface RecordedAlpacaRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

interface Entry {
  account: AlpacaAccount;
  faults: Fault[];
  requests: RecordedAlpacaRequest[];
  /** Arrival times of the last minute's requests, for the rate limit. */
  recent: number[];
}

export async function startAlpacaEmulator(): Promise<AlpacaEmulator> {
  const entries = new Map<string, Entry>();

  function control(method: string, path: string, query: URLSearchParams, body: unknown): Answer {
    const input = (typeof body === 'object' && body !== null ? body : {}) as Json;
    if (method === 'POST' && path === '/__alpaca/accounts') {
      const keyId =
        typeof input.key_id === 'string' ? input.key_id : `PK${randomBytes(9).toString('hex').toUpperCase()}`;
      const secretKey =
        typeof input.secret_key === 'string' ? input.secret_key : randomBytes(20).toString('hex');
      if (entries.has(keyId)) return { status: 409, body: { error: `key ${keyId} exists` } };
      const account = newAccount(keyId, secretKey, {
        ...(typeof input.cash === 'number' ? { cash: input.cash, lastEquity: input.cash } : {}),
        ...(typeof input.clock === 'string' ? { clock: new Date(input.clock) } : {}),
      });
      entries.set(keyId, { account, faults: [], requests: [], recent: [] });
      return { status: 200, body: { key_id: keyId, secret_key: secretKey, account_id: account.id } };
    }
    const entry = entries.get(String(input.key_id ?? query.get('key_id') ?? ''));
    if (!entry) return { status: 404, body: { error: 'unknown key_id' } };
    if (method === 'POST' && path === '/__alpaca/seed') {
      const { account } = entry;
      if (typeof input.clock === 'string') account.clock = new Date(input.clock);
      if (Array.isArray(input.activities)) {
        account.activities.push(...(input.activities as Json[]));
      }
      if (Array.isArray(input.positions)) {
        for (const position of input.positions as Json[]) {
          account.positions.set(String(position.symbol), {
            qty: Number(position.qty),
            avgEntryPrice: Number(position.avg_entry_price),
          });
        }
      }
      if (Array.isArray(input.orders)) seedOrders(account, input.orders as Json[]);
      const filled = input.filled_orders as Json | undefined;
      if (filled && typeof filled.count === 'number') {
        seedFilledOrders(account, filled.count, Date.parse(String(filled.start)));
      }
      return { status: 200, body: { orders: account.orders.length, activities: account.activities.length } };
    }
    if (method === 'POST' && path === '/__alpaca/faults') {
      if (!Array.isArray(input.faults))
        return { status: 400, body: { error: 'expected {key_id, faults: [...]}' } };
      const problem = input.faults.map(faultProblem).find((found) => found !== null);
      if (problem) return { status: 400, body: { error: problem } };
      entry.faults.push(...(input.faults as Fault[]));
      return { status: 200, body: { pending_faults: entry.faults.length } };
    }
    if (method === 'GET' && path === '/__alpaca/requests') {
      return { status: 200, body: { requests: entry.requests, pending_faults: entry.faults.length } };
    }
    return { status: 404, body: { error: `no control endpoint ${method} ${path}` } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://alpaca-emulator.invalid');
    const method = req.method ?? 'GET';
    // `/v2/orders:by_client_order_id` keeps its colon; URL parsing leaves paths alone otherwise.
    const path = url.pathname;
    const raw = await readBody(req);
    let body: unknown;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return send(res, alpacaError(400, 40010000, 'request body format is invalid'));
      }
    }
    if (path.startsWith('/__alpaca/')) return send(res, control(method, path, url.searchParams, body));

    const keyId = header(req, 'apca-api-key-id');
    const entry = keyId ? entries.get(keyId) : undefined;
    entry?.requests.push({ method, path, query: Object.fromEntries(url.searchParams) });
    if (!entry || header(req, 'apca-api-secret-key') !== entry.account.secretKey) {
      return send(res, alpacaError(401, 40110000, 'request is not authorized'));
    }
    const limited = overRateLimit(entry, Date.now());
    if (limited)
      return send(res, alpacaError(429, 42910000, 'rate limit exceeded'), { 'retry-after': String(limited) });
    const fault = takeFault(entry.faults, method, path);
    if (fault?.kind === 'status') {
      const answer = alpacaError(
        fault.status,
        fault.status * 100_000,
        fault.message ?? defaultMessage(fault.status),
      );
      const headers: Record<string, string> = {};
      if (fault.retry_after !== undefined) headers['retry-after'] = String(fault.retry_after);
      return send(res, answer, headers);
    }
    if (fault?.kind === 'drop' && !fault.after_effect) return void res.destroy();
    const answer = route(entry.account, method, path, url.searchParams, body);
    if (fault?.kind === 'drop') return void res.destroy();
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (res.destroyed) return;
    send(res, answer, rateHeaders(entry));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[alpaca-emulator] request failed', error);
      if (!res.headersSent) send(res, alpacaError(500, 50010000, 'internal server error'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function defaultMessage(status: number): string {
  if (status === 429) return 'rate limit exceeded';
  if (status >= 500) return 'internal server error';
  if (status === 403) return 'forbidden';
  return 'request failed';
}

const RATE_LIMIT = 200;
const RATE_WINDOW_MS = 60_000;

/** Alpaca's 200 requests a minute per key, over a sliding minute: seconds to wait, or 0. */
function overRateLimit(entry: Entry, nowMs: number): number {
  entry.recent = entry.recent.filter((at) => nowMs - at < RATE_WINDOW_MS);
  if (entry.recent.length >= RATE_LIMIT) {
    return Math.max(1, Math.ceil(((entry.recent[0] ?? nowMs) + RATE_WINDOW_MS - nowMs) / 1000));
  }
  entry.recent.push(nowMs);
  return 0;
}

function rateHeaders(entry: Entry): Record<string, string> {
  return {
    'x-ratelimit-limit': String(RATE_LIMIT),
    'x-ratelimit-remaining': String(Math.max(0, RATE_LIMIT - entry.recent.length)),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, answer: Answer, headers: Record<string, string> = {}): void {
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  res.writeHead(answer.status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(answer.body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
