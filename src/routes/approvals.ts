/**
 * Order approvals: the inbox of orders agents asked to place (src/trading/approvals). Approving
 * places the order at once through the one order path (limits enforced there) and answers with the
 * outcome; deciding twice, or deciding an expired request, is a 409. Scoped tokens see and decide only
 * approvals of orchestrators and accounts they may reach.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { assertAccountAccess, assertOrchestratorAccess } from '../auth/middleware.ts';
import { scopeAllowsAccount } from '../auth/scope.ts';
import { NotFoundError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../http/types.ts';
import { findAccount } from '../trading/accounts/store.ts';
import { decideApproval } from '../trading/approvals/decide.ts';
import { decidedEvent, tradingHubOf } from '../trading/approvals/events.ts';
import { approvalJson } from '../trading/approvals/json.ts';
import {
  type ApprovalRow,
  expireDue,
  expireIfDue,
  findApproval,
  listApprovals,
} from '../trading/approvals/store.ts';
import {
  ApprovalListQuery,
  ApprovalListSchema,
  ApprovalSchema,
  ApproveSchema,
  RejectSchema,
} from './approvals-schemas.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import { requireOrchestrator } from './hub.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];
const tags = ['approvals'];
const idParams = z.object({ id: UuidParam });
const body = <T extends z.ZodType>(schema: T) => ({ content: json(schema), required: true });

const list = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/approvals',
  tags,
  summary: "An orchestrator's order approvals, newest first",
  security,
  request: { params: idParams, query: ApprovalListQuery },
  responses: {
    200: { description: 'The approvals', content: json(ApprovalListSchema) },
    ...errorResponses(401, 403, 404, 422, 503),
  },
});

const get = createRoute({
  method: 'get',
  path: '/approvals/{id}',
  tags,
  summary: 'One order approval',
  security,
  request: { params: idParams },
  responses: {
    200: { description: 'The approval', content: json(ApprovalSchema) },
    ...errorResponses(401, 403, 404, 422, 503),
  },
});

const approve = createRoute({
  method: 'post',
  path: '/approvals/{id}/approve',
  tags,
  summary: 'Approve: the order is placed now; the answer carries the outcome (submitted or failed)',
  description: '409 when the approval was already decided or has expired.',
  security,
  request: { params: idParams, body: body(ApproveSchema) },
  responses: {
    200: { description: 'The decided approval', content: json(ApprovalSchema) },
    ...errorResponses(400, 401, 403, 404, 409, 415, 422, 503),
  },
});

const reject = createRoute({
  method: 'post',
  path: '/approvals/{id}/reject',
  tags,
  summary: 'Reject: no order is placed; the agent is told, with the reason',
  description: '409 when the approval was already decided or has expired.',
  security,
  request: { params: idParams, body: body(RejectSchema) },
  responses: {
    200: { description: 'The rejected approval', content: json(ApprovalSchema) },
    ...errorResponses(400, 401, 403, 404, 409, 415, 422, 503),
  },
});

/** The approval, if the caller may reach both its orchestrator and its account (else 403). */
async function requireApproval(c: Context<AppEnv>, id: string): Promise<ApprovalRow> {
  const row = await findApproval(c.var.db(), id);
  if (!row) throw new NotFoundError(`Approval ${id}`);
  assertOrchestratorAccess(c.var.principal, row.orchestratorId);
  assertAccountAccess(c.var.principal, row.accountId);
  return row;
}

async function respond(c: Context<AppEnv>, row: ApprovalRow) {
  return approvalJson(row, await findAccount(c.var.db(), row.accountId, { includeArchived: true }));
}

export const approvalRoutes = createRouter()
  .openapi(list, async (c) => {
    const { id } = c.req.valid('param');
    const { status } = c.req.valid('query');
    await requireOrchestrator(c, id);
    const expired = await expireDue(c.var.db(), id, new Date());
    for (const row of expired) await tradingHubOf(c.env, id).tradingEvent(id, decidedEvent(row));
    const rows = (await listApprovals(c.var.db(), id, status)).filter((row) =>
      scopeAllowsAccount(c.var.principal.scope, row.accountId),
    );
    const accounts = new Map<string, Awaited<ReturnType<typeof findAccount>>>();
    for (const accountId of new Set(rows.map((row) => row.accountId))) {
      accounts.set(accountId, await findAccount(c.var.db(), accountId, { includeArchived: true }));
    }
    return c.json({ approvals: rows.map((row) => approvalJson(row, accounts.get(row.accountId))) }, 200);
  })
  .openapi(get, async (c) => {
    const row = await requireApproval(c, c.req.valid('param').id);
    const expired = row.status === 'pending' ? await expireIfDue(c.var.db(), row.id, new Date()) : undefined;
    if (expired)
      await tradingHubOf(c.env, row.orchestratorId).tradingEvent(row.orchestratorId, decidedEvent(expired));
    return c.json(await respond(c, expired ?? row), 200);
  })
  .openapi(approve, async (c) => {
    const approval = await requireApproval(c, c.req.valid('param').id);
    const row = await decideApproval({
      db: c.var.db(),
      env: c.env,
      hub: (orchestratorId) => tradingHubOf(c.env, orchestratorId),
      approval,
      decision: 'approve',
      decidedBy: c.var.principal.tokenId,
    });
    return c.json(await respond(c, row), 200);
  })
  .openapi(reject, async (c) => {
    const approval = await requireApproval(c, c.req.valid('param').id);
    const row = await decideApproval({
      db: c.var.db(),
      env: c.env,
      hub: (orchestratorId) => tradingHubOf(c.env, orchestratorId),
      approval,
      decision: 'reject',
      decidedBy: c.var.principal.tokenId,
      reason: c.req.valid('json').reason,
    });
    return c.json(await respond(c, row), 200);
  });
