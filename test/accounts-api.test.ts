/**
 * Broker accounts over REST against the Alpaca emulator: keys verified before they are stored, sealed
 * at rest and never shown; the default offline account; the live-trading gate; archive; the broker
 * summary with its health; per-orchestrator selection.
 */
import { eq, sql, TransactionRollbackError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events } from '../src/db/schema.ts';
import { brokerAccounts } from '../src/db/schema-trading.ts';
import { DEFAULT_ACCOUNT_ID, findAccount } from '../src/trading/accounts/store.ts';
import { STARTING_CASH } from '../src/trading/broker/offline/store.ts';
import { type AlpacaKeys, alpacaEmulator, newAlpacaAccount } from './helpers/alpaca.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';

interface Account {
  id: string;
  name: string;
  broker: string;
  mode: string;
  key_id_hint: string | null;
  trading_enabled: boolean;
  max_order_notional: number | null;
  max_daily_loss: number | null;
  is_default: boolean;
  created_at: string;
}

async function createAccount(keys: AlpacaKeys, extra: Record<string, unknown> = {}) {
  return call('/api/accounts', {
    method: 'POST',
    json: {
      name: 'Alpaca paper',
      broker: 'alpaca',
      mode: 'paper',
      key_id: keys.keyId,
      secret_key: keys.secretKey,
      ...extra,
    },
  });
}

async function created(keys: AlpacaKeys, extra: Record<string, unknown> = {}): Promise<Account> {
  const response = await createAccount(keys, extra);
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return JSON.parse(text) as Account;
}

async function storedRow(id: string) {
  return withDatabase(async (db) => {
    const [row] = await db.select().from(brokerAccounts).where(eq(brokerAccounts.id, id));
    return row;
  });
}

describe('the default offline paper account', () => {
  it('is listed first, marked default, with no keys', async () => {
    const response = await call('/api/accounts');
    expect(response.status).toBe(200);
    const { accounts } = (await response.json()) as { accounts: Account[] };
    expect(accounts[0]).toMatchObject({
      id: DEFAULT_ACCOUNT_ID,
      broker: 'offline',
      mode: 'paper',
      key_id_hint: null,
      is_default: true,
      trading_enabled: true,
    });
    expect(accounts.filter((a) => a.is_default)).toHaveLength(1);
  });

  it('cannot be archived or given keys, but takes a name and limits', async () => {
    await expectError(
      await call(`/api/accounts/${DEFAULT_ACCOUNT_ID}`, { method: 'DELETE' }),
      409,
      'conflict',
    );
    const keys = await expectError(
      await call(`/api/accounts/${DEFAULT_ACCOUNT_ID}`, {
        method: 'PATCH',
        json: { key_id: 'PKTESTKEYID0000', secret_key: 'a-secret-that-is-long' },
      }),
      422,
      'validation_failed',
    );
    expect(keys.error.message).toContain('takes no keys');
    const patched = await call(`/api/accounts/${DEFAULT_ACCOUNT_ID}`, {
      method: 'PATCH',
      json: { max_order_notional: 50_000, name: 'Offline paper' },
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as Account).max_order_notional).toBe(50_000);
    await call(`/api/accounts/${DEFAULT_ACCOUNT_ID}`, {
      method: 'PATCH',
      json: { max_order_notional: null },
    });
  });

  it('has a summary from the offline broker with a closed circuit', async () => {
    const response = await call(`/api/accounts/${DEFAULT_ACCOUNT_ID}/summary`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ account: { id: DEFAULT_ACCOUNT_ID }, currency: 'USD' });
    expect(typeof body.equity).toBe('number');
    expect(body.day_pnl).toBeCloseTo((body.equity as number) - (body.last_equity as number), 2);
    expect(body.health).toMatchObject({ circuit: 'closed', retry_at: null });
  });

  it('is created by the first lookup of it, not only by the account list', async () => {
    let found: { id: string; broker: string } | undefined;
    let unknown: unknown = 'not looked up';
    await withDatabase((db) =>
      db
        .transaction(async (tx) => {
          // A fresh installation, seen inside a transaction that is rolled back: the shared default
          // account other tests use stays as it was.
          await tx.delete(brokerAccounts).where(eq(brokerAccounts.id, DEFAULT_ACCOUNT_ID));
          found = await findAccount(tx, DEFAULT_ACCOUNT_ID);
          unknown = await findAccount(tx, crypto.randomUUID());
          tx.rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof TransactionRollbackError)) throw error;
        }),
    );
    expect(found).toMatchObject({ id: DEFAULT_ACCOUNT_ID, broker: 'offline' });
    expect(unknown).toBeUndefined();
  });
});

describe('another offline paper account', () => {
  async function createOffline(json: Record<string, unknown>) {
    return call('/api/accounts', { method: 'POST', json: { broker: 'offline', ...json } });
  }

  async function summaryOf(id: string) {
    const response = await call(`/api/accounts/${id}/summary`);
    const body = (await response.json()) as { equity: number; cash: number; last_equity: number };
    expect(response.status, JSON.stringify(body)).toBe(200);
    return body;
  }

  it('is created without keys, opens with its starting cash and trades apart from the default', async () => {
    const response = await createOffline({ name: 'Second paper', starting_cash: 25_000 });
    const text = await response.text();
    expect(response.status, text).toBe(201);
    const account = JSON.parse(text) as Account;
    expect(response.headers.get('Location')).toBe(`/api/accounts/${account.id}`);
    expect(account).toMatchObject({
      name: 'Second paper',
      broker: 'offline',
      mode: 'paper',
      key_id_hint: null,
      trading_enabled: true,
      max_order_notional: null,
      is_default: false,
    });
    const row = await storedRow(account.id);
    expect(row?.credentialsSealed).toBeNull();
    expect(await summaryOf(account.id)).toMatchObject({ equity: 25_000, cash: 25_000, last_equity: 25_000 });
    const { accounts } = (await (await call('/api/accounts')).json()) as { accounts: Account[] };
    expect(accounts[0]?.id).toBe(DEFAULT_ACCOUNT_ID);
    expect(accounts.map((a) => a.id)).toContain(account.id);

    // Selectable like any other account, and archivable (unlike the default).
    const orchestratorId = await createOrchestrator();
    const put = await call(`/api/orchestrators/${orchestratorId}/account`, {
      method: 'PUT',
      json: { account_id: account.id },
    });
    expect(put.status).toBe(200);
    expect((await call(`/api/accounts/${account.id}`, { method: 'DELETE' })).status).toBe(200);
    const fallback = await call(`/api/orchestrators/${orchestratorId}/account`);
    expect(((await fallback.json()) as Account).id).toBe(DEFAULT_ACCOUNT_ID);
  });

  it('opens with the offline broker’s default cash when none is given, and takes limits', async () => {
    const response = await createOffline({ name: 'Plain paper', mode: 'paper', max_daily_loss: 1_000 });
    expect(response.status).toBe(201);
    const account = (await response.json()) as Account;
    expect(account.max_daily_loss).toBe(1_000);
    expect((await summaryOf(account.id)).equity).toBe(STARTING_CASH);
  });

  it.each([
    ['keys', { key_id: 'PKABCDEFGH', secret_key: 'abcdefghij' }, 'body', 'takes no keys'],
    ['mode live', { mode: 'live' }, 'body.mode', 'paper money only'],
    ['a zero starting cash', { starting_cash: 0 }, 'body.starting_cash', ''],
  ])('refuses %s with a 422 and stores nothing', async (_label, extra, path, message) => {
    const name = `refused-offline-${crypto.randomUUID()}`;
    const body = await expectError(await createOffline({ name, ...extra }), 422, 'validation_failed');
    const issues = (body.error.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues.some((issue) => issue.path === path && issue.message.includes(message))).toBe(true);
    expect(JSON.stringify(body)).not.toContain('abcdefghij');
    const rows = await withDatabase((db) =>
      db.select().from(brokerAccounts).where(eq(brokerAccounts.name, name)),
    );
    expect(rows).toHaveLength(0);
  });
});

describe('an Alpaca account', () => {
  it('is created after the broker accepts its keys, which are sealed and never shown', async () => {
    const keys = await newAlpacaAccount({ cash: 25_000 });
    const response = await createAccount(keys, { name: 'Desk paper', max_order_notional: 10_000 });
    const text = await response.text();
    expect(response.status, text).toBe(201);
    expect(text).not.toContain(keys.secretKey);
    expect(text).not.toContain(keys.keyId);
    const account = JSON.parse(text) as Account;
    expect(response.headers.get('Location')).toBe(`/api/accounts/${account.id}`);
    expect(account).toMatchObject({
      name: 'Desk paper',
      broker: 'alpaca',
      mode: 'paper',
      key_id_hint: keys.keyId.slice(-4),
      trading_enabled: true,
      max_order_notional: 10_000,
      max_daily_loss: null,
      is_default: false,
    });
    // The broker was asked once, with these keys, before anything was stored.
    const requests = await alpacaEmulator().requests(keys.keyId);
    expect(requests.map((r) => r.path)).toContain('/v2/account');

    const row = await storedRow(account.id);
    expect(row?.credentialsSealed).toMatch(/^v1\./);
    expect(row?.credentialsSealed).not.toContain(keys.secretKey);
    expect(row?.credentialsSealed).not.toContain(keys.keyId);

    for (const path of [
      '/api/accounts',
      `/api/accounts/${account.id}`,
      `/api/accounts/${account.id}/summary`,
    ]) {
      const listed = await (await call(path)).text();
      expect(listed).not.toContain(keys.secretKey);
      expect(listed).not.toContain(keys.keyId);
    }
    const { accounts } = (await (await call('/api/accounts')).json()) as { accounts: Account[] };
    expect(accounts.map((a) => a.id)).toContain(account.id);
  });

  it('shows the broker’s figures in its summary', async () => {
    const keys = await newAlpacaAccount({ cash: 40_000 });
    const account = await created(keys);
    const response = await call(`/api/accounts/${account.id}/summary`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ cash: 40_000, status: 'ACTIVE', health: { circuit: 'closed' } });
  });

  it('refuses keys the broker refuses: 422 with its reason, nothing stored', async () => {
    const keys = await newAlpacaAccount();
    const name = `refused-${crypto.randomUUID()}`;
    const response = await createAccount({ ...keys, secretKey: 'not-the-right-secret' }, { name });
    const body = await expectError(response, 422, 'validation_failed');
    expect(body.error.message).toContain('request is not authorized');
    expect(JSON.stringify(body)).not.toContain('not-the-right-secret');
    const rows = await withDatabase((db) =>
      db.select().from(brokerAccounts).where(eq(brokerAccounts.name, name)),
    );
    expect(rows).toHaveLength(0);
  });

  it('rotates keys only to keys the broker accepts', async () => {
    const first = await newAlpacaAccount();
    const second = await newAlpacaAccount();
    const account = await created(first);
    await expectError(
      await call(`/api/accounts/${account.id}`, {
        method: 'PATCH',
        json: { key_id: second.keyId, secret_key: 'wrong-secret-for-this-key' },
      }),
      422,
      'validation_failed',
    );
    const sealedBefore = (await storedRow(account.id))?.credentialsSealed;
    const rotated = await call(`/api/accounts/${account.id}`, {
      method: 'PATCH',
      json: { key_id: second.keyId, secret_key: second.secretKey },
    });
    const text = await rotated.text();
    expect(rotated.status, text).toBe(200);
    expect(text).not.toContain(second.secretKey);
    expect((JSON.parse(text) as Account).key_id_hint).toBe(second.keyId.slice(-4));
    const sealedAfter = (await storedRow(account.id))?.credentialsSealed;
    expect(sealedAfter).not.toBe(sealedBefore);
    expect(sealedAfter).not.toContain(second.secretKey);
    // The summary now reads the second emulated account.
    expect((await call(`/api/accounts/${account.id}/summary`)).status).toBe(200);
    expect((await alpacaEmulator().requests(second.keyId)).length).toBeGreaterThanOrEqual(2);
  });

  it('shows an open circuit as a 503 with Retry-After and the health', async () => {
    const keys = await newAlpacaAccount();
    const account = await created(keys);
    // Alpaca down: each summary's retries count towards the breaker until it opens (5 failures).
    await alpacaEmulator().faults(keys.keyId, [
      { kind: 'status', status: 503, path: '/v2/account', times: 20 },
    ]);
    let response: Response | undefined;
    let health: { circuit: string; retry_at: string | null } | undefined;
    for (let attempt = 0; attempt < 6 && health?.circuit !== 'open'; attempt += 1) {
      response = await call(`/api/accounts/${account.id}/summary`);
      const body = await expectError(response, 503, 'service_unavailable');
      health = (body.error.details as { health?: typeof health }).health;
    }
    expect(health?.circuit).toBe('open');
    expect(health?.retry_at).toMatch(/^\d{4}-/);
    expect(response?.headers.get('Retry-After')).toMatch(/^\d+$/);
  });
});

describe('live trading', () => {
  it('starts disabled and is enabled only with both limits set', async () => {
    const keys = await newAlpacaAccount();
    const account = await created(keys, { mode: 'live', name: 'Real money' });
    expect(account.trading_enabled).toBe(false);

    const refused = await expectError(
      await call(`/api/accounts/${account.id}`, { method: 'PATCH', json: { trading_enabled: true } }),
      422,
      'validation_failed',
    );
    expect(refused.error.message).toContain('live account trades real money');
    const paths = (refused.error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(['body.max_order_notional', 'body.max_daily_loss']);
    expect((await storedRow(account.id))?.tradingEnabled).toBe(false);

    const enabled = await call(`/api/accounts/${account.id}`, {
      method: 'PATCH',
      json: { trading_enabled: true, max_order_notional: 2_000, max_daily_loss: 500 },
    });
    expect(enabled.status).toBe(200);
    expect((await enabled.json()) as Account).toMatchObject({ trading_enabled: true, max_daily_loss: 500 });

    await expectError(
      await call(`/api/accounts/${account.id}`, { method: 'PATCH', json: { max_daily_loss: null } }),
      422,
      'validation_failed',
    );
    const disabled = await call(`/api/accounts/${account.id}`, {
      method: 'PATCH',
      json: { trading_enabled: false, max_daily_loss: null },
    });
    expect(disabled.status).toBe(200);
  });

  it('never ends enabled without a limit when enabling and clearing a limit race', async () => {
    const keys = await newAlpacaAccount();
    const account = await created(keys, {
      mode: 'live',
      name: 'Raced',
      max_order_notional: 2_000,
      max_daily_loss: 500,
    });
    const patch = (json: Record<string, unknown>) =>
      call(`/api/accounts/${account.id}`, { method: 'PATCH', json });
    // Each change alone is allowed against the row as it was; together they would not be.
    const [enable, clear] = await Promise.all([
      patch({ trading_enabled: true }),
      patch({ max_daily_loss: null }),
    ]);
    expect([enable.status, clear.status].sort()).toEqual([200, 422]);
    const row = await storedRow(account.id);
    expect(row?.tradingEnabled && row.maxDailyLoss === null).toBe(false);
  });
});

describe('archiving and selection', () => {
  it('selects an account per orchestrator, and archiving falls back to the default', async () => {
    const orchestratorId = await createOrchestrator();
    const initial = await call(`/api/orchestrators/${orchestratorId}/account`);
    expect(((await initial.json()) as Account).id).toBe(DEFAULT_ACCOUNT_ID);

    const account = await created(await newAlpacaAccount());
    const put = await call(`/api/orchestrators/${orchestratorId}/account`, {
      method: 'PUT',
      json: { account_id: account.id },
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as Account).id).toBe(account.id);
    const now = await call(`/api/orchestrators/${orchestratorId}/account`);
    expect(((await now.json()) as Account).id).toBe(account.id);

    const archived = await call(`/api/accounts/${account.id}`, { method: 'DELETE' });
    expect(archived.status).toBe(200);
    await expectError(await call(`/api/accounts/${account.id}`), 404, 'not_found');
    await expectError(await call(`/api/accounts/${account.id}`, { method: 'DELETE' }), 404, 'not_found');
    const { accounts } = (await (await call('/api/accounts')).json()) as { accounts: Account[] };
    expect(accounts.map((a) => a.id)).not.toContain(account.id);
    const fallback = await call(`/api/orchestrators/${orchestratorId}/account`);
    expect(((await fallback.json()) as Account).id).toBe(DEFAULT_ACCOUNT_ID);
    await expectError(
      await call(`/api/orchestrators/${orchestratorId}/account`, {
        method: 'PUT',
        json: { account_id: account.id },
      }),
      404,
      'not_found',
    );
  });

  it('refuses unknown and archived orchestrators', async () => {
    const unknown = crypto.randomUUID();
    await expectError(await call(`/api/orchestrators/${unknown}/account`), 404, 'not_found');
    const orchestratorId = await createOrchestrator();
    await call(`/api/orchestrators/${orchestratorId}/archive`, { method: 'POST' });
    await expectError(
      await call(`/api/orchestrators/${orchestratorId}/account`, {
        method: 'PUT',
        json: { account_id: DEFAULT_ACCOUNT_ID },
      }),
      404,
      'not_found',
    );
  });

  it('puts no key into any stored event', async () => {
    const keys = await newAlpacaAccount();
    const orchestratorId = await createOrchestrator();
    const account = await created(keys);
    await call(`/api/orchestrators/${orchestratorId}/account`, {
      method: 'PUT',
      json: { account_id: account.id },
    });
    const leaks = await withDatabase((db) =>
      db
        .select({ seq: events.seq })
        .from(events)
        .where(
          sql`${events.data}::text like ${`%${keys.secretKey}%`} or ${events.summary} like ${`%${keys.secretKey}%`}`,
        ),
    );
    expect(leaks).toHaveLength(0);
  });
});

describe('bad input', () => {
  it.each([
    [
      'a missing secret',
      { name: 'x', broker: 'alpaca', mode: 'paper', key_id: 'PKABCDEFGH' },
      'body.secret_key',
    ],
    [
      'an unknown broker',
      { name: 'x', broker: 'ibkr', mode: 'paper', key_id: 'PKABCD', secret_key: 'abcdefghij' },
      'body.broker',
    ],
    [
      'an unknown mode',
      { name: 'x', broker: 'alpaca', mode: 'demo', key_id: 'PKABCD', secret_key: 'abcdefghij' },
      'body.mode',
    ],
    [
      'a negative limit',
      {
        name: 'x',
        broker: 'alpaca',
        mode: 'paper',
        key_id: 'PKABCD',
        secret_key: 'abcdefghij',
        max_daily_loss: -1,
      },
      'body.max_daily_loss',
    ],
    [
      'an unknown field',
      {
        name: 'x',
        broker: 'alpaca',
        mode: 'paper',
        key_id: 'PKABCD',
        secret_key: 'abcdefghij',
        password: 'x',
      },
      'body',
    ],
  ])('POST with %s is a 422 naming the field', async (_label, json, path) => {
    const body = await expectError(
      await call('/api/accounts', { method: 'POST', json }),
      422,
      'validation_failed',
    );
    expect(body.error.request_id).toBeTruthy();
    const paths = (body.error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths.some((p) => p.startsWith(path))).toBe(true);
    expect(JSON.stringify(body)).not.toContain('abcdefghij');
  });

  it.each([
    ['nothing to change', {}],
    ['a key id without its secret', { key_id: 'PKABCDEFGH' }],
  ])('PATCH with %s is a 422', async (_label, json) => {
    await expectError(
      await call(`/api/accounts/${DEFAULT_ACCOUNT_ID}`, { method: 'PATCH', json }),
      422,
      'validation_failed',
    );
  });

  it('unknown ids are 404s and malformed ids 422s', async () => {
    const unknown = crypto.randomUUID();
    await expectError(await call(`/api/accounts/${unknown}`), 404, 'not_found');
    await expectError(await call(`/api/accounts/${unknown}/summary`), 404, 'not_found');
    await expectError(
      await call(`/api/accounts/${unknown}`, { method: 'PATCH', json: { name: 'x' } }),
      404,
      'not_found',
    );
    await expectError(await call('/api/accounts/not-a-uuid'), 422, 'validation_failed');
  });
});
