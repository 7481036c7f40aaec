/**
 * Broker accounts: create (offline paper ones with their starting cash; Alpaca ones with keys verified
 * with the broker, then sealed at rest), list, rename, set limits, enable live trading, rotate keys,
 * archive; the broker's own figures and connection health; which account each orchestrator trades.
 * Keys never leave this module in any response or error.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { assertAccountAccess } from '../auth/middleware.ts';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../http/types.ts';
import { brokerHttpError } from '../trading/accounts/broker-errors.ts';
import { sealCredentials } from '../trading/accounts/credentials.ts';
import { accountJson, summaryJson } from '../trading/accounts/json.ts';
import { liveTradingProblems } from '../trading/accounts/live-trading.ts';
import {
  type AccountChanges,
  accountForOrchestrator,
  archiveAccount,
  type BrokerAccountRow,
  DEFAULT_ACCOUNT_ID,
  findAccount,
  insertAccount,
  insertOfflineAccount,
  listAccounts,
  selectAccount,
  updateAccount,
} from '../trading/accounts/store.ts';
import { CredentialsRefusedError, verifyCredentials } from '../trading/accounts/verify.ts';
import { openBroker } from '../trading/broker/factory.ts';
import { STARTING_CASH } from '../trading/broker/offline/store.ts';
import type { Broker } from '../trading/broker/types.ts';
import {
  AccountListSchema,
  AccountSchema,
  AccountSummarySchema,
  badGateway,
  CreateAccountSchema,
  PatchAccountSchema,
  SelectAccountSchema,
} from './accounts-schemas.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import { requireOrchestrator } from './hub.ts';

const IdParams = z.object({ id: UuidParam });
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];
const tags = ['accounts'];

const list = createRoute({
  method: 'get',
  path: '/accounts',
  tags,
  summary: 'Broker accounts the caller may use, the default offline paper account first',
  security,
  responses: {
    200: { description: 'Accounts', content: json(AccountListSchema) },
    ...errorResponses(401, 503),
  },
});

const create = createRoute({
  method: 'post',
  path: '/accounts',
  tags,
  summary: 'Add an offline paper account, or an Alpaca account whose keys are verified, then sealed',
  description:
    'An offline account is paper only and takes no keys; it opens with `starting_cash` (default ' +
    '100,000). Alpaca keys are checked with one account request to the broker before anything is ' +
    'stored: keys the broker refuses are a 422 carrying its reason. A live account starts with ' +
    'trading disabled.',
  security,
  request: { body: { content: json(CreateAccountSchema), required: true } },
  responses: {
    201: { description: 'Created', content: json(AccountSchema) },
    ...errorResponses(400, 401, 403, 413, 415, 422, 503),
    ...badGateway,
  },
});

const get = createRoute({
  method: 'get',
  path: '/accounts/{id}',
  tags,
  summary: 'One account',
  security,
  request: { params: IdParams },
  responses: {
    200: { description: 'The account', content: json(AccountSchema) },
    ...errorResponses(401, 403, 404, 422, 503),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/accounts/{id}',
  tags,
  summary: 'Rename, set limits (null clears), enable or disable trading, or replace the keys',
  description:
    'Enabling trading on a live account needs max_order_notional and max_daily_loss set (in this ' +
    'request or before), and neither can be cleared while it stays enabled. New keys are verified ' +
    'with the broker first. The default offline account takes no keys.',
  security,
  request: { params: IdParams, body: { content: json(PatchAccountSchema), required: true } },
  responses: {
    200: { description: 'Updated', content: json(AccountSchema) },
    ...errorResponses(400, 401, 403, 404, 413, 415, 422, 503),
    ...badGateway,
  },
});

const archive = createRoute({
  method: 'delete',
  path: '/accounts/{id}',
  tags,
  summary: 'Archive an account; orchestrators that traded it fall back to the default account',
  security,
  request: { params: IdParams },
  responses: {
    200: { description: 'Archived', content: json(AccountSchema) },
    ...errorResponses(401, 403, 404, 409, 422, 503),
  },
});

const summary = createRoute({
  method: 'get',
  path: '/accounts/{id}/summary',
  tags,
  summary: 'Equity, cash, buying power and day P&L from the broker, with the connection’s health',
  description:
    'A broker that is down, rate-limited or behind an open circuit breaker is a 503 with Retry-After ' +
    'and `details.health`; a broker that answers with an error (refused keys, bad response) is a 502.',
  security,
  request: { params: IdParams },
  responses: {
    200: { description: 'Summary', content: json(AccountSummarySchema) },
    ...errorResponses(401, 403, 404, 422, 503),
    ...badGateway,
  },
});

const selected = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/account',
  tags,
  summary: 'The account this orchestrator trades (the default offline paper account unless chosen)',
  security,
  request: { params: IdParams },
  responses: {
    200: { description: 'The selected account', content: json(AccountSchema) },
    ...errorResponses(401, 403, 404, 422, 503),
  },
});

const select = createRoute({
  method: 'put',
  path: '/orchestrators/{id}/account',
  tags,
  summary: 'Choose the account this orchestrator and its agents trade',
  security,
  request: { params: IdParams, body: { content: json(SelectAccountSchema), required: true } },
  responses: {
    200: { description: 'The selected account', content: json(AccountSchema) },
    ...errorResponses(400, 401, 403, 404, 413, 415, 422, 503),
  },
});

export const accountRoutes = createRouter()
  .openapi(list, async (c) => {
    const rows = await listAccounts(c.var.db(), { ids: c.var.principal.scope.accounts ?? undefined });
    return c.json({ accounts: rows.map(accountJson) }, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const id = crypto.randomUUID();
    const now = new Date();
    const common = {
      id,
      name: body.name,
      maxOrderNotional: body.max_order_notional ?? null,
      maxDailyLoss: body.max_daily_loss ?? null,
      createdAt: now,
      updatedAt: now,
      archivedAt: null,
    };
    if (body.broker === 'offline') {
      const row = await insertOfflineAccount(
        c.var.db(),
        { ...common, broker: 'offline', mode: 'paper', tradingEnabled: true },
        body.starting_cash ?? STARTING_CASH,
      );
      return c.json(accountJson(row), 201, { Location: `/api/accounts/${row.id}` });
    }
    // The id is chosen here because the sealed keys are bound to it (credentialsPurpose).
    const sealed = await sealKeys(c, id, body.key_id, body.secret_key);
    const candidate: BrokerAccountRow = {
      ...common,
      broker: 'alpaca',
      mode: body.mode,
      ...sealed,
      // Real money waits for an explicit PATCH {trading_enabled: true}.
      tradingEnabled: body.mode === 'paper',
    };
    await verified(c, candidate, [body.key_id, body.secret_key]);
    const row = await insertAccount(c.var.db(), candidate);
    return c.json(accountJson(row), 201, { Location: `/api/accounts/${row.id}` });
  })
  .openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(accountJson(await requireAccount(c, id)), 200);
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const current = await requireAccount(c, id);
    const changes: AccountChanges = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.trading_enabled !== undefined && { tradingEnabled: body.trading_enabled }),
      ...(body.max_order_notional !== undefined && { maxOrderNotional: body.max_order_notional }),
      ...(body.max_daily_loss !== undefined && { maxDailyLoss: body.max_daily_loss }),
    };
    // Before the keys are verified: a refused change should not cost a broker request.
    refuseUnboundedLiveTrading({ ...current, ...changes });
    if (body.key_id !== undefined && body.secret_key !== undefined) {
      if (current.broker !== 'alpaca') {
        throw new ValidationError([
          { path: 'body.key_id', message: 'the offline paper account takes no keys' },
        ]);
      }
      Object.assign(changes, await sealKeys(c, id, body.key_id, body.secret_key));
      await verified(c, { ...current, ...changes }, [body.key_id, body.secret_key]);
    }
    // Checked again on the locked row: another PATCH may have changed the limits since `current`.
    const row = await updateAccount(c.var.db(), id, changes, refuseUnboundedLiveTrading);
    if (!row) throw new NotFoundError(`Account ${id}`);
    return c.json(accountJson(row), 200);
  })
  .openapi(archive, async (c) => {
    const { id } = c.req.valid('param');
    if (id.toLowerCase() === DEFAULT_ACCOUNT_ID) {
      throw new ConflictError('The default offline paper account cannot be archived.');
    }
    const row = await archiveAccount(c.var.db(), id);
    if (!row) throw new NotFoundError(`Account ${id}`);
    return c.json(accountJson(row), 200);
  })
  .openapi(summary, async (c) => {
    const { id } = c.req.valid('param');
    const row = await requireAccount(c, id);
    let broker: Broker | undefined;
    try {
      broker = await openBroker(row, { db: c.var.db(), env: c.env });
      const figures = await broker.account();
      return c.json(summaryJson(row, figures, broker.health()), 200);
    } catch (error) {
      throw brokerHttpError(error, broker?.health());
    }
  })
  .openapi(selected, async (c) => {
    const { id } = c.req.valid('param');
    await requireOrchestrator(c, id);
    const account = await accountForOrchestrator(c.var.db(), id);
    // The orchestrator may trade an account someone else chose: a token not allowed that account
    // is not shown it (its name, key hint and limits) either.
    assertAccountAccess(c.var.principal, account.id);
    return c.json(accountJson(account), 200);
  })
  .openapi(select, async (c) => {
    const { id } = c.req.valid('param');
    const { account_id: accountId } = c.req.valid('json');
    const orchestrator = await requireOrchestrator(c, id);
    if (orchestrator.archivedAt) throw new NotFoundError(`Orchestrator ${id}`);
    assertAccountAccess(c.var.principal, accountId);
    const account = await requireAccount(c, accountId);
    await selectAccount(c.var.db(), id, account.id);
    return c.json(accountJson(account), 200);
  });

function refuseUnboundedLiveTrading(next: BrokerAccountRow): void {
  const problems = liveTradingProblems(next);
  if (problems.length > 0) throw new ValidationError(problems);
}

/** A live account by id (the default one is created on first use), or a 404. */
async function requireAccount(c: Context<AppEnv>, id: string): Promise<BrokerAccountRow> {
  const row = await findAccount(c.var.db(), id);
  if (!row) throw new NotFoundError(`Account ${id}`);
  return row;
}

async function sealKeys(c: Context<AppEnv>, id: string, keyId: string, secretKey: string) {
  try {
    return await sealCredentials(c.env.SECRETS_KEY, id, { keyId, secretKey });
  } catch (error) {
    throw brokerHttpError(error);
  }
}

/** The broker accepts the candidate's keys, or the request fails without storing anything. */
async function verified(c: Context<AppEnv>, candidate: BrokerAccountRow, secrets: string[]): Promise<void> {
  try {
    await verifyCredentials(candidate, secrets, { db: c.var.db(), env: c.env });
  } catch (error) {
    if (error instanceof CredentialsRefusedError) {
      throw new ValidationError([{ path: 'body.key_id', message: error.message }]);
    }
    throw brokerHttpError(error);
  }
}
