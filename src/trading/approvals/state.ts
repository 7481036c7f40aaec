/**
 * The approval gate's state machine, pure. An approval starts `pending`; a person approves it
 * (→ `approved`, then `submitted` once the broker took the order or `failed` when it refused) or
 * rejects it (→ `rejected`); unanswered, it becomes `expired`, as it does when the agent that asked
 * is interrupted (the request is withdrawn, so a late approval cannot place an order nobody waits for).
 */
import type { ApprovalStatus } from '../../db/schema-trading.ts';

/** How long a request waits for a person before it expires. */
export const APPROVAL_TTL_MS = 15 * 60_000;

/**
 * How long an approved order may take to be placed before the waiting agent stops waiting: the
 * request placing it can die half-way (its client gone, a crash), leaving the row `approved` for good.
 */
export const PLACING_TIMEOUT_MS = 2 * 60_000;

export type Decision = 'approve' | 'reject';

export type DecisionCheck =
  | { ok: true }
  | { ok: false; code: 'already_decided' | 'expired'; message: string };

export function checkDecision(
  approval: { status: ApprovalStatus; expiresAt: Date },
  decision: Decision,
  now: Date,
): DecisionCheck {
  if (approval.status === 'expired')
    return { ok: false, code: 'expired', message: 'this approval has expired and can no longer be decided' };
  if (approval.status !== 'pending')
    return {
      ok: false,
      code: 'already_decided',
      message: `this approval was already decided (status ${approval.status}); it cannot be ${decision === 'approve' ? 'approved' : 'rejected'} now`,
    };
  if (approval.expiresAt.getTime() <= now.getTime())
    return { ok: false, code: 'expired', message: 'this approval has expired and can no longer be decided' };
  return { ok: true };
}

/** Whether the agent waiting on it can stop waiting. */
export function isSettled(status: ApprovalStatus): boolean {
  return status === 'rejected' || status === 'submitted' || status === 'failed' || status === 'expired';
}

/** The client_order_id of an agent's order: the same tool call always maps to the same order. */
export function clientOrderIdFor(toolUseId: string): string {
  // Alpaca allows 128 characters; tool_use ids are ~30. Keep only safe characters.
  return `agt_${toolUseId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 100)}`;
}

export interface OutcomeFacts {
  status: ApprovalStatus;
  summary: string;
  reason: string | null;
  error: string | null;
  brokerOrderId: string | null;
  /** The broker order's status and fill, when it was submitted. */
  order?: { status: string; filledQty: number; filledAvgPrice: number | null } | undefined;
}

/** What the model reads once the approval settles: one or two plain sentences. */
export function outcomeText(facts: OutcomeFacts): string {
  switch (facts.status) {
    case 'submitted': {
      const order = facts.order;
      const fill =
        order && order.filledQty > 0
          ? ` Filled ${order.filledQty}${order.filledAvgPrice !== null ? ` at ${order.filledAvgPrice.toFixed(2)}` : ''} (status ${order.status}).`
          : order
            ? ` Status ${order.status}.`
            : '';
      return `Approved and submitted: ${facts.summary}. Order ${facts.brokerOrderId ?? '?'}.${fill}`;
    }
    case 'rejected':
      return `Rejected by a person: ${facts.summary}.${facts.reason ? ` Reason: ${facts.reason}.` : ''} No order was placed.`;
    case 'expired':
      return `Not placed: the approval request expired${facts.reason ? ` (${facts.reason})` : ''}. No order was placed.`;
    case 'failed':
      return `Approved but not placed: ${facts.error ?? 'the broker refused the order'}.`;
    case 'approved':
      return `Approved, but placing the order did not finish, so whether it reached the broker is unknown: ${facts.summary}. Do not place it again before a person has checked the account's orders.`;
    default:
      return `Waiting for approval: ${facts.summary}.`;
  }
}
