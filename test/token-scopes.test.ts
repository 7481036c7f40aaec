/**
 * Scoped API tokens (test/helpers/tokens.ts): a token limited to listed accounts and orchestrators is
 * refused everything else with a 403, in paths, bodies, queries and stored rows; its lists are
 * filtered; the session cookie and WebSocket tickets minted from it keep its scope.
 */
import { exports } from 'cloudflare:workers';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { orchestrators } from '../src/db/schema.ts';
import { brokerAccounts, orderApprovals } from '../src/db/schema-trading.ts';
import { DEFAULT_ACCOUNT_ID } from '../src/trading/accounts/store.ts';
import { call, expectError, ORIGIN, withDatabase } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import {
  ORCHESTRATOR_SCOPED_TOKEN,
  SCOPED_ACCOUNT_ID,
  SCOPED_ORCHESTRATOR_ID,
  SCOPED_TOKEN,
} from './helpers/tokens.ts';

interface Listed {
  id: string;
}

let otherOrchestrator: string;
let otherAccount: string;

beforeAll(async () => {
  // The scoped tokens name fixed ids, so their rows are made here, once.
  await withDatabase(async (db) => {
    await db
      .insert(orchestrators)
      .values({ id: SCOPED_ORCHESTRATOR_ID, name: 'scoped', model: 'opus' })
      .onConflictDoNothing();
    await db
      .insert(brokerAccounts)
      .values({
        id: SCOPED_ACCOUNT_ID,
        name: 'Scoped paper',
        broker: 'offline',
        mode: 'paper',
        tradingEnabled: true,
      })
      .onConflictDoNothing();
    const [account] = await db
      .insert(brokerAccounts)
      .values({ name: 'Someone else’s paper', broker: 'offline', mode: 'paper', tradingEnabled: true })
      .returning({ id: brokerAccounts.id });
    otherAccount = account?.id ?? '';
  });
  otherOrchestrator = await createOrchestrator({ name: 'not yours' });
});

async function login(token: string): Promise<string> {
  const response = await call('/api/auth/session', { method: 'POST', token: null, json: { token } });
  expect(response.status).toBe(200);
  return (response.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
}

describe('a token scoped to one account and one orchestrator', () => {
  const as = { token: SCOPED_TOKEN };

  it('lists only its account (not even the default one) and its orchestrator', async () => {
    const accounts = (await (await call('/api/accounts', as)).json()) as { accounts: Listed[] };
    expect(accounts.accounts.map((a) => a.id)).toEqual([SCOPED_ACCOUNT_ID]);
    const listed = (await (await call('/api/orchestrators', as)).json()) as { orchestrators: Listed[] };
    expect(listed.orchestrators.map((o) => o.id)).toEqual([SCOPED_ORCHESTRATOR_ID]);
  });

  it('reaches its own account and orchestrator', async () => {
    expect((await call(`/api/accounts/${SCOPED_ACCOUNT_ID}`, as)).status).toBe(200);
    expect((await call(`/api/accounts/${SCOPED_ACCOUNT_ID}/summary`, as)).status).toBe(200);
    expect((await call(`/api/orchestrators/${SCOPED_ORCHESTRATOR_ID}`, as)).status).toBe(200);
    const selected = await call(`/api/orchestrators/${SCOPED_ORCHESTRATOR_ID}/account`, {
      ...as,
      method: 'PUT',
      json: { account_id: SCOPED_ACCOUNT_ID },
    });
    expect(selected.status).toBe(200);
  });

  it.each([
    ['another account', () => `/api/accounts/${otherAccount}`],
    ['another account in capitals', () => `/api/accounts/${otherAccount.toUpperCase()}`],
    ['the default account', () => `/api/accounts/${DEFAULT_ACCOUNT_ID}/summary`],
    ['another account’s positions', () => `/api/accounts/${otherAccount}/positions`],
    ['another orchestrator', () => `/api/orchestrators/${otherOrchestrator}`],
    ['another orchestrator’s account', () => `/api/orchestrators/${otherOrchestrator}/account`],
    ['an orchestrator that does not exist', () => `/api/orchestrators/${crypto.randomUUID()}/events`],
  ])('is refused %s with a 403', async (_label, path) => {
    const body = await expectError(await call(path(), as), 403, 'forbidden');
    expect(body.error.message).toMatch(/not allowed to use (account|orchestrator)/);
  });

  it('cannot select an account outside its scope, even for its own orchestrator', async () => {
    await expectError(
      await call(`/api/orchestrators/${SCOPED_ORCHESTRATOR_ID}/account`, {
        ...as,
        method: 'PUT',
        json: { account_id: DEFAULT_ACCOUNT_ID },
      }),
      403,
      'forbidden',
    );
  });

  it('is not shown the account its orchestrator trades when that account is outside its scope', async () => {
    const path = `/api/orchestrators/${SCOPED_ORCHESTRATOR_ID}/account`;
    const select = (accountId: string) =>
      call(path, { method: 'PUT', json: { account_id: accountId } }).then((r) => r.status);
    // Someone with an unscoped token points the orchestrator at an account this token may not use.
    expect(await select(otherAccount)).toBe(200);
    try {
      const body = await expectError(await call(path, as), 403, 'forbidden');
      expect(body.error.message).toContain(otherAccount);
      expect(JSON.stringify(body)).not.toContain('Someone else’s paper');
    } finally {
      expect(await select(SCOPED_ACCOUNT_ID)).toBe(200);
    }
    const own = (await (await call(path, as)).json()) as Listed;
    expect(own.id).toBe(SCOPED_ACCOUNT_ID);
  });

  it('runs a snapshot only with an account of its own, not the one the server would pick', async () => {
    const run = (json: Record<string, unknown>) =>
      call('/api/snapshots/run', { ...as, method: 'POST', json: { underlyings: ['SPY'], ...json } });
    // The server's choice (the configured or first Alpaca account, else the default) is not its own.
    const refused = await expectError(await run({}), 403, 'forbidden');
    expect(refused.error.message).toMatch(/not allowed to use account/);
    await expectError(await run({ account_id: otherAccount }), 403, 'forbidden');
    const own = await run({ account_id: SCOPED_ACCOUNT_ID });
    expect(own.status, await own.clone().text()).toBe(201);
  });

  it('reaches an approval only when both its orchestrator and its account are in scope', async () => {
    const approval = (orchestratorId: string, accountId: string) =>
      withDatabase(async (db) => {
        const [row] = await db
          .insert(orderApprovals)
          .values({
            orchestratorId,
            accountId,
            clientOrderId: `scope-${crypto.randomUUID()}`,
            summary: 'Buy 1 SPY',
            order: { symbol: 'SPY', side: 'buy', qty: 1, type: 'market' },
            notional: 600,
            expiresAt: new Date(Date.now() + 3_600_000),
          })
          .returning({ id: orderApprovals.id });
        return row?.id ?? '';
      });
    const own = await approval(SCOPED_ORCHESTRATOR_ID, SCOPED_ACCOUNT_ID);
    const otherAccounts = await approval(SCOPED_ORCHESTRATOR_ID, otherAccount);
    const otherOrchestrators = await approval(otherOrchestrator, SCOPED_ACCOUNT_ID);

    expect((await call(`/api/approvals/${own}`, as)).status).toBe(200);
    for (const id of [otherAccounts, otherOrchestrators]) {
      await expectError(await call(`/api/approvals/${id}`, as), 403, 'forbidden');
      for (const decision of ['approve', 'reject']) {
        await expectError(
          await call(`/api/approvals/${id}/${decision}`, { ...as, method: 'POST', json: {} }),
          403,
          'forbidden',
        );
      }
    }
    const listed = (await (
      await call(`/api/orchestrators/${SCOPED_ORCHESTRATOR_ID}/approvals?status=all`, as)
    ).json()) as { approvals: Listed[] };
    expect(listed.approvals.map((a) => a.id)).toContain(own);
    expect(listed.approvals.map((a) => a.id)).not.toContain(otherAccounts);
    const untouched = await withDatabase((db) =>
      db
        .select({ status: orderApprovals.status })
        .from(orderApprovals)
        .where(inArray(orderApprovals.id, [otherAccounts, otherOrchestrators])),
    );
    expect(untouched.map((row) => row.status)).toEqual(['pending', 'pending']);
  });

  it('cannot create orchestrators (it could not reach them)', async () => {
    const body = await expectError(
      await call('/api/orchestrators', { ...as, method: 'POST', json: { name: 'x' } }),
      403,
      'forbidden',
    );
    expect(body.error.message).toContain('cannot create');
  });

  it('is checked on orchestrator ids in queries and bodies too', async () => {
    await expectError(await call('/api/pipelines/runs', as), 403, 'forbidden');
    await expectError(
      await call(`/api/pipelines/runs?orchestrator_id=${otherOrchestrator}`, as),
      403,
      'forbidden',
    );
    expect((await call(`/api/pipelines/runs?orchestrator_id=${SCOPED_ORCHESTRATOR_ID}`, as)).status).toBe(
      200,
    );
    await expectError(
      await call(`/api/backtests?orchestrator_id=${otherOrchestrator}`, as),
      403,
      'forbidden',
    );
    await expectError(await call('/api/chains/runs', as), 403, 'forbidden');
    await expectError(
      await call(`/api/analysts/reports?orchestrator_id=${otherOrchestrator}`, as),
      403,
      'forbidden',
    );
  });

  it('keeps its scope in a session cookie and in the tickets bought with it', async () => {
    const cookie = await login(SCOPED_TOKEN);
    const session = { token: null, headers: { Cookie: cookie } };
    const who = (await (await call('/api/auth/session', session)).json()) as {
      via: string;
      scope: { accounts: string[] | null; orchestrators: string[] | null };
    };
    expect(who).toMatchObject({
      via: 'session',
      scope: { accounts: [SCOPED_ACCOUNT_ID], orchestrators: [SCOPED_ORCHESTRATOR_ID] },
    });
    const accounts = (await (await call('/api/accounts', session)).json()) as { accounts: Listed[] };
    expect(accounts.accounts.map((a) => a.id)).toEqual([SCOPED_ACCOUNT_ID]);
    await expectError(await call(`/api/orchestrators/${otherOrchestrator}`, session), 403, 'forbidden');

    const ticketResponse = await call('/api/auth/ws-ticket', { ...session, method: 'POST' });
    const { ticket } = (await ticketResponse.json()) as { ticket: string };
    const upgrade = (id: string) =>
      call(`/api/orchestrators/${id}/ws?ticket=${encodeURIComponent(ticket)}`, {
        token: null,
        headers: { Upgrade: 'websocket' },
      });
    await expectError(await upgrade(otherOrchestrator), 403, 'forbidden');
    const own = await upgrade(SCOPED_ORCHESTRATOR_ID);
    expect(own.status).toBe(101);
    own.webSocket?.accept();
    own.webSocket?.close(1000, 'done');
  });
});

describe('a scoped token over MCP (its tools call the API in-process with the same token)', () => {
  it('lists and reads only its own orchestrator, and cannot create one', async () => {
    const client = new Client({ name: 'token-scopes-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', ORIGIN), {
        fetch: (input, init) => exports.default.fetch(new Request(input, init)),
        requestInit: { headers: { Authorization: `Bearer ${SCOPED_TOKEN}` } },
      }),
    );
    const tool = async (name: string, args: Record<string, unknown>) => {
      const result = await client.callTool({ name, arguments: args });
      const first = Array.isArray(result.content) ? result.content[0] : undefined;
      return {
        isError: result.isError === true,
        text: first?.type === 'text' ? first.text : '',
        data: (result.structuredContent ?? {}) as { orchestrators?: Listed[] },
      };
    };
    try {
      const listed = await tool('list_orchestrators', {});
      expect(listed.isError, listed.text).toBe(false);
      expect(listed.data.orchestrators?.map((o) => o.id)).toEqual([SCOPED_ORCHESTRATOR_ID]);
      expect((await tool('read_events', { orchestrator_id: SCOPED_ORCHESTRATOR_ID })).isError).toBe(false);
      for (const name of ['read_events', 'read_chat', 'list_agents', 'list_files']) {
        const refused = await tool(name, { orchestrator_id: otherOrchestrator });
        expect(refused, name).toMatchObject({ isError: true });
        expect(refused.text, name).toMatch(/^403 forbidden: This token is not allowed to use orchestrator/);
      }
      const created = await tool('create_orchestrator', { name: 'not allowed' });
      expect(created).toMatchObject({ isError: true });
      expect(created.text).toContain('cannot create');
    } finally {
      await client.close();
    }
  });
});

describe('a token scoped to orchestrators only', () => {
  const as = { token: ORCHESTRATOR_SCOPED_TOKEN };

  it('sees every account, the default one first, and may select it', async () => {
    const { accounts } = (await (await call('/api/accounts', as)).json()) as { accounts: Listed[] };
    expect(accounts[0]?.id).toBe(DEFAULT_ACCOUNT_ID);
    expect(accounts.map((a) => a.id)).toContain(otherAccount);
    const selected = await call(`/api/orchestrators/${SCOPED_ORCHESTRATOR_ID}/account`, {
      ...as,
      method: 'PUT',
      json: { account_id: DEFAULT_ACCOUNT_ID },
    });
    expect(selected.status).toBe(200);
    await expectError(await call(`/api/orchestrators/${otherOrchestrator}/account`, as), 403, 'forbidden');
  });
});

describe('an unscoped token', () => {
  it('reports no scope and reaches everything', async () => {
    const who = (await (await call('/api/auth/session')).json()) as { scope: unknown };
    expect(who.scope).toEqual({ accounts: null, orchestrators: null });
    expect((await call(`/api/accounts/${SCOPED_ACCOUNT_ID}`)).status).toBe(200);
    expect((await call(`/api/orchestrators/${SCOPED_ORCHESTRATOR_ID}`)).status).toBe(200);
  });
});
