/**
 * The approval gate's events in the orchestrator's stream: `approval_requested` when an agent asks,
 * `approval_decided` when a person (or the clock, or an interrupt) settles it, `order_submitted` when
 * the broker took the order. From a tool they go through the tool's event sink; from a REST decision
 * through the orchestrator's Durable Object, which also wakes the tool call waiting on the approval.
 */
import type { EventInput } from '../../events/types.ts';
import type { BrokerOrder } from '../broker/types.ts';
import type { ApprovalRow } from './store.ts';

export type TradingEventType = 'approval_requested' | 'approval_decided' | 'order_submitted';

export interface TradingEvent {
  type: TradingEventType;
  agentId?: string | undefined;
  summary: string;
  data: Record<string, unknown>;
}

export function requestedEvent(row: ApprovalRow): TradingEvent {
  return {
    type: 'approval_requested',
    agentId: row.agentId ?? undefined,
    summary: `Approval requested: ${row.summary}`,
    data: {
      approval_id: row.id,
      account_id: row.accountId,
      summary: row.summary,
      notional: row.notional,
      order: row.order,
      expires_at: row.expiresAt.toISOString(),
    },
  };
}

export function decidedEvent(row: ApprovalRow): TradingEvent {
  return {
    type: 'approval_decided',
    agentId: row.agentId ?? undefined,
    summary: `Approval ${row.status}: ${row.summary}${row.reason ? ` (${row.reason})` : row.error ? ` (${row.error})` : ''}`,
    data: {
      approval_id: row.id,
      account_id: row.accountId,
      status: row.status,
      decided_by: row.decidedBy,
      reason: row.reason,
      error: row.error,
      broker_order_id: row.brokerOrderId,
    },
  };
}

export function submittedEvent(row: ApprovalRow, order: BrokerOrder): TradingEvent {
  return {
    type: 'order_submitted',
    agentId: row.agentId ?? undefined,
    summary: `Order submitted: ${row.summary} (${order.status})`,
    data: {
      approval_id: row.id,
      account_id: row.accountId,
      broker_order_id: order.id,
      client_order_id: order.clientOrderId,
      status: order.status,
      filled_qty: order.filledQty,
      filled_avg_price: order.filledAvgPrice,
    },
  };
}

export function asEventInput(event: TradingEvent): EventInput {
  return { type: event.type, agentId: event.agentId, summary: event.summary, data: event.data };
}

/** Where REST-side code publishes: the orchestrator's Durable Object (see src/durable-objects). */
export interface TradingEventHub {
  tradingEvent(orchestratorId: string, event: TradingEvent): Promise<void>;
}

export function tradingHubOf(env: Env, orchestratorId: string): TradingEventHub {
  return env.ORCHESTRATOR.get(env.ORCHESTRATOR.idFromName(orchestratorId));
}
