/**
 * The trading routes over an Alpaca account (the Alpaca emulator at the network edge): a broker that
 * is down is a 503 and one that refuses is a 502, in the one error shape and without the account's
 * keys; fills synced in two separate windows still make one closed trade.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { brokerActivities } from '../src/db/schema-trading.ts';
import { activityIdAt, alpacaEmulator, newAlpacaAccount, storeAlpacaAccount } from './helpers/alpaca.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';

function fill(
  at: string,
  symbol: string,
  side: 'buy' | 'sell',
  price: string,
  orderId: string,
  suffix: string,
) {
  return {
    id: activityIdAt(new Date(at), suffix),
    activity_type: 'FILL',
    transaction_time: at,
    type: 'fill',
    price,
    qty: '1',
    side,
    symbol,
    leaves_qty: '0',
    order_id: orderId,
    cum_qty: '1',
    order_status: 'filled',
  };
}

describe('trading routes over Alpaca', () => {
  it('answers a broker that is down with 503 and a refusal with 502, never showing the keys', async () => {
    const keys = await newAlpacaAccount();
    const account = await storeAlpacaAccount(keys, 'alpaca paper (emulated)');
    await alpacaEmulator().faults(keys.keyId, [
      { kind: 'status', status: 503, method: 'GET', path: '/v2/positions', times: 4 },
    ]);
    const down = await call(`/api/accounts/${account}/positions`);
    const downText = await down.clone().text();
    const unavailable = await expectError(down, 503, 'service_unavailable');
    expect(unavailable.error.details).toMatchObject({ broker_code: 'unavailable' });

    await alpacaEmulator().faults(keys.keyId, [
      {
        kind: 'status',
        status: 403,
        method: 'GET',
        path: '/v2/positions',
        message: 'forbidden for this key',
      },
    ]);
    const refused = await call(`/api/accounts/${account}/positions`);
    const refusedText = await refused.clone().text();
    await expectError(refused, 502, 'bad_gateway');
    for (const text of [downText, refusedText]) {
      expect(text).not.toContain(keys.secretKey);
      expect(text).not.toContain(keys.keyId);
    }
    // The broker answers again: the positions are there (none).
    const healthy = await call(`/api/accounts/${account}/positions`);
    expect(healthy.status, await healthy.clone().text()).toBe(200);
    expect(((await healthy.json()) as { strategies: unknown[] }).strategies).toEqual([]);
  });

  it('builds one closed trade from fills synced in two separate windows', async () => {
    const keys = await newAlpacaAccount();
    const account = await storeAlpacaAccount(keys, 'alpaca paper (emulated)');
    const short = 'SPY261016P00500000';
    const long = 'SPY261016P00490000';
    // A put credit spread opened on 1 September and closed on 10 September (older than the
    // default 30-day window, so only the explicit windows below ever see these fills).
    await alpacaEmulator().seed(keys.keyId, {
      activities: [
        fill('2026-09-01T14:00:00Z', short, 'sell', '2.00', 'a0000000-0000-4000-8000-000000000001', 'o1'),
        fill('2026-09-01T14:00:00.5Z', long, 'buy', '1.00', 'a0000000-0000-4000-8000-000000000001', 'o2'),
        fill('2026-09-10T15:00:00Z', short, 'buy', '0.50', 'a0000000-0000-4000-8000-000000000002', 'c1'),
        fill('2026-09-10T15:00:00.5Z', long, 'sell', '0.20', 'a0000000-0000-4000-8000-000000000002', 'c2'),
      ],
    });
    const sync = async (after: string, until: string) => {
      const response = await call(`/api/accounts/${account}/sync`, {
        method: 'POST',
        json: { after, until },
      });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as { activities: number };
    };
    expect(await sync('2026-08-31T00:00:00Z', '2026-09-05T00:00:00Z')).toMatchObject({ activities: 2 });
    expect(await sync('2026-09-05T00:00:00Z', '2026-09-30T00:00:00Z')).toMatchObject({ activities: 2 });
    const stored = await withDatabase((db) =>
      db.select().from(brokerActivities).where(eq(brokerActivities.accountId, account)),
    );
    expect(stored).toHaveLength(4);

    const response = await call(`/api/accounts/${account}/trades`);
    expect(response.status, await response.clone().text()).toBe(200);
    const page = (await response.json()) as {
      trades: Array<{
        status: string;
        realised_pnl: number;
        legs: unknown[];
        opened_at: string;
        closed_at: string;
      }>;
      stats: { closed_trades: number; wins: number; win_rate: number };
    };
    expect(page.trades).toHaveLength(1);
    // (2.00 − 1.00) × 100 received, (0.50 − 0.20) × 100 paid back: 70.
    expect(page.trades[0]).toMatchObject({ status: 'closed', realised_pnl: 70 });
    expect(page.trades[0]?.legs).toHaveLength(2);
    expect(page.stats).toMatchObject({ closed_trades: 1, wins: 1, win_rate: 1 });
  });
});
