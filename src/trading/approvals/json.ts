/** An approval as the API and the events show it (snake_case; the account by id, name and mode). */
import type { BrokerAccountRow } from '../accounts/store.ts';
import type { ApprovalRow } from './store.ts';

export interface ApprovalJson {
  id: string;
  orchestrator_id: string;
  agent_id: string | null;
  account: { id: string; name: string; mode: 'paper' | 'live' };
  summary: string;
  order: Record<string, unknown>;
  notional: number;
  status: ApprovalRow['status'];
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  decided_by: string | null;
  reason: string | null;
  broker_order_id: string | null;
  error: string | null;
}

export function approvalJson(
  row: ApprovalRow,
  account: Pick<BrokerAccountRow, 'id' | 'name' | 'mode'> | undefined,
): ApprovalJson {
  return {
    id: row.id,
    orchestrator_id: row.orchestratorId,
    agent_id: row.agentId,
    account: account
      ? { id: account.id, name: account.name, mode: account.mode }
      : { id: row.accountId, name: '(archived account)', mode: 'paper' },
    summary: row.summary,
    order: row.order,
    notional: row.notional,
    status: row.status,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    decided_at: row.decidedAt ? row.decidedAt.toISOString() : null,
    decided_by: row.decidedBy,
    reason: row.reason,
    broker_order_id: row.brokerOrderId,
    error: row.error,
  };
}
