/**
 * A person's decision on an approval (REST): checked against the state machine, recorded by
 * compare-and-set so a second decision gets a conflict, then, for an approval, the order placed.
 * Every step is published in the orchestrator's stream, which also wakes the waiting agent.
 */
import type { Database } from '../../db/client.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import type { BrokerEnvironment } from '../broker/factory.ts';
import { decidedEvent, submittedEvent, type TradingEventHub } from './events.ts';
import { placeApprovedOrder } from './place-approved.ts';
import { checkDecision, type Decision } from './state.ts';
import { type ApprovalRow, expireIfDue, findApproval, transition } from './store.ts';

export interface DecideInput {
  db: Database;
  env: BrokerEnvironment;
  hub: (orchestratorId: string) => TradingEventHub;
  approval: ApprovalRow;
  decision: Decision;
  decidedBy: string;
  reason?: string | undefined;
  now?: Date;
}

export async function decideApproval(input: DecideInput): Promise<ApprovalRow> {
  const { db, approval, decision } = input;
  const now = input.now ?? new Date();
  const hub = input.hub(approval.orchestratorId);
  const check = checkDecision(approval, decision, now);
  if (!check.ok) {
    if (check.code === 'expired') {
      const expired = await expireIfDue(db, approval.id, now);
      if (expired) await hub.tradingEvent(approval.orchestratorId, decidedEvent(expired));
    }
    throw new ConflictError(check.message, {
      status: check.code === 'expired' ? 'expired' : approval.status,
    });
  }
  const decided = await transition(db, approval.id, 'pending', {
    status: decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: input.decidedBy,
    decidedAt: now,
    reason: input.reason ?? null,
  });
  if (!decided) {
    const current = await findApproval(db, approval.id);
    if (!current) throw new NotFoundError(`Approval ${approval.id}`);
    throw new ConflictError(`this approval was already decided (status ${current.status})`, {
      status: current.status,
    });
  }
  if (decision === 'reject') {
    await hub.tradingEvent(decided.orchestratorId, decidedEvent(decided));
    return decided;
  }
  const placed = await placeApprovedOrder(db, input.env, decided);
  if (placed.order) await hub.tradingEvent(decided.orchestratorId, submittedEvent(placed.row, placed.order));
  await hub.tradingEvent(decided.orchestratorId, decidedEvent(placed.row));
  return placed.row;
}
