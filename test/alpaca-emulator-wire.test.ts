/**
 * The Alpaca emulator speaks Alpaca's protocol, errors included (raw HTTP from workerd, no adapter),
 * and the broker factory opens a sealed Alpaca credential into an adapter that reaches it.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { sealCredentials } from '../src/trading/accounts/credentials.ts';
import type { BrokerAccountRow } from '../src/trading/accounts/store.ts';
import { openBroker } from '../src/trading/broker/factory.ts';
import { type AlpacaKeys, alpacaEmulator, fillActivities, newAlpacaAccount } from './helpers/alpaca.ts';

function alpaca(keys: AlpacaKeys | null, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${env.ALPACA_TRADING_BASE_URL}${path}`, {
    ...init,
    headers: {
      ...(keys ? { 'APCA-API-KEY-ID': keys.keyId, 'APCA-API-SECRET-KEY': keys.secretKey } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
}

describe('Alpaca emulator wire protocol', () => {
  it('answers a missing or wrong key with 401 and Alpaca’s error body', async () => {
    const keys = await newAlpacaAccount();
    for (const response of [
      await alpaca(null, '/v2/account'),
      await alpaca({ ...keys, secretKey: 'wrong' }, '/v2/account'),
      await alpaca({ ...keys, keyId: 'PKUNKNOWN' }, '/v2/account'),
    ]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: 40110000, message: 'request is not authorized' });
    }
    const ok = await alpaca(keys, '/v2/account');
    expect(ok.status).toBe(200);
    const account = (await ok.json()) as Record<string, unknown>;
    // Money as decimal strings, as Alpaca sends it.
    expect(typeof account.equity).toBe('string');
    expect(ok.headers.get('x-ratelimit-limit')).toBe('200');
  });

  it('refuses page sizes above Alpaca’s caps and pages activities after the given id', async () => {
    const keys = await newAlpacaAccount();
    const fills = fillActivities(5, '2026-11-02T14:30:00Z');
    await alpacaEmulator().seed(keys.keyId, { activities: fills });
    expect((await alpaca(keys, '/v2/account/activities?page_size=101')).status).toBe(422);
    expect((await alpaca(keys, '/v2/orders?limit=501')).status).toBe(422);
    expect((await alpaca(keys, '/v2/options/contracts?limit=10001')).status).toBe(422);

    // Default direction is newest first; asc with a token resumes right after that id.
    const newest = (await (await alpaca(keys, '/v2/account/activities?page_size=2')).json()) as {
      id: string;
    }[];
    expect(newest.map((item) => item.id)).toEqual([fills[4]?.id, fills[3]?.id]);
    const resumed = (await (
      await alpaca(
        keys,
        `/v2/account/activities?direction=asc&page_size=2&page_token=${encodeURIComponent(String(fills[1]?.id))}`,
      )
    ).json()) as { id: string }[];
    expect(resumed.map((item) => item.id)).toEqual([fills[2]?.id, fills[3]?.id]);
  });

  it('keeps client_order_id unique per account with a 422 and validates mleg orders', async () => {
    const keys = await newAlpacaAccount();
    const order = {
      symbol: 'SPY',
      qty: '1',
      side: 'buy',
      type: 'market',
      time_in_force: 'day',
      client_order_id: 'u-1',
    };
    expect((await alpaca(keys, '/v2/orders', { method: 'POST', body: JSON.stringify(order) })).status).toBe(
      200,
    );
    const duplicate = await alpaca(keys, '/v2/orders', { method: 'POST', body: JSON.stringify(order) });
    expect(duplicate.status).toBe(422);
    expect(await duplicate.json()).toEqual({ code: 40010001, message: 'client_order_id must be unique' });
    // Another account may use the same id.
    const other = await newAlpacaAccount();
    expect((await alpaca(other, '/v2/orders', { method: 'POST', body: JSON.stringify(order) })).status).toBe(
      200,
    );

    const oneLeg = {
      order_class: 'mleg',
      qty: '1',
      type: 'market',
      time_in_force: 'day',
      legs: [{ symbol: 'SPY261218C00600000', side: 'buy', ratio_qty: '1' }],
    };
    const refused = await alpaca(keys, '/v2/orders', { method: 'POST', body: JSON.stringify(oneLeg) });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { message: string }).message).toBe('mleg orders require 2 to 4 legs');
  });

  it('enforces 200 requests a minute per key with a 429 and Retry-After', async () => {
    const keys = await newAlpacaAccount();
    const statuses: number[] = [];
    for (let index = 0; index < 200; index += 1) statuses.push((await alpaca(keys, '/v2/clock')).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const limited = await alpaca(keys, '/v2/clock');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ code: 42910000, message: 'rate limit exceeded' });
  });

  it('the factory opens a sealed Alpaca key pair into an adapter that reaches the emulator', async () => {
    const keys = await newAlpacaAccount();
    const id = crypto.randomUUID();
    const now = new Date();
    const row: BrokerAccountRow = {
      id,
      name: 'Emulated paper',
      broker: 'alpaca',
      mode: 'paper',
      ...(await sealCredentials(env.SECRETS_KEY, id, keys)),
      tradingEnabled: true,
      maxOrderNotional: null,
      maxDailyLoss: null,
      createdAt: now,
      updatedAt: now,
      archivedAt: null,
    };
    const handle = openDatabase(env);
    try {
      const broker = await openBroker(row, { db: handle.db, env });
      expect(broker.kind).toBe('alpaca');
      expect((await broker.account()).status).toBe('ACTIVE');
      expect(broker.health()).toMatchObject({ circuit: 'closed', requestsRemaining: 199 });
    } finally {
      await handle.close();
    }
  });
});
