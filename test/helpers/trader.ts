/**
 * Trading-agent tests: an offline paper account of the test's own, selected for its orchestrator (so
 * parallel tests never share positions), the approvals over REST, and what the broker recorded.
 */
import { and, eq } from 'drizzle-orm';
import { brokerAccounts, brokerOrders, orchestratorAccounts } from '../../src/db/schema-trading.ts';
import type { ApprovalJson } from '../../src/trading/approvals/json.ts';
import { call, withDatabase } from './api.ts';

/** A fresh offline paper account, selected as the orchestrator's trading account. */
export async function ownPaperAccount(orchestratorId: string, limits: { maxOrderNotional?: number } = {}) {
  const accountId = crypto.randomUUID();
  await withDatabase(async (db) => {
    await db.insert(brokerAccounts).values({
      id: accountId,
      name: 'Trader test paper',
      broker: 'offline',
      mode: 'paper',
      tradingEnabled: true,
      ...(limits.maxOrderNotional !== undefined ? { maxOrderNotional: limits.maxOrderNotional } : {}),
    });
    await db.insert(orchestratorAccounts).values({ orchestratorId, accountId });
  });
  return accountId;
}

export async function approvals(
  orchestratorId: string,
  status: 'pending' | 'all' = 'all',
): Promise<ApprovalJson[]> {
  const response = await call(`/api/orchestrators/${orchestratorId}/approvals?status=${status}`);
  if (response.status !== 200) throw new Error(`approvals: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { approvals: ApprovalJson[] }).approvals;
}

export async function decide(
  approvalId: string,
  decision: 'approve' | 'reject',
  body: Record<string, unknown> = {},
): Promise<Response> {
  return call(`/api/approvals/${approvalId}/${decision}`, { method: 'POST', json: body });
}

/** The orders the account's broker recorded under one client_order_id. */
export function ordersUnder(accountId: string, clientOrderId: string) {
  return withDatabase((db) =>
    db
      .select()
      .from(brokerOrders)
      .where(and(eq(brokerOrders.accountId, accountId), eq(brokerOrders.clientOrderId, clientOrderId))),
  );
}

export function allOrders(accountId: string) {
  return withDatabase((db) => db.select().from(brokerOrders).where(eq(brokerOrders.accountId, accountId)));
}
