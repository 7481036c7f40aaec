/**
 * The gate every order-placing tool call goes through: refuse at once what the account's limits would
 * refuse anyway (a live account with trading off, an order over the notional limit), record the
 * request (one row per tool_use id, so a retried call finds its own request and never asks twice),
 * announce it in the stream, and wait for a person's decision, then tell the model what happened.
 * The order itself is placed by whoever approves (decide.ts), exactly once. A call that stops waiting
 * withdraws its pending request first, so no approval places an order the agent never hears of:
 * when interrupted, when its wait breaks, and, through `recoverApproval`, when a restart cut it off.
 * Only the request's expiry (15 minutes) covers a run that is never resumed at all.
 */
import type { ToolContext, ToolResult } from '../../tools/types.ts';
import type { BrokerAccountRow } from '../accounts/store.ts';
import type { Broker, OrderRequest } from '../broker/types.ts';
import { refuseOverNotional, refuseUnlessTradingEnabled } from '../orders/limits.ts';
import { notionalQuoteSymbols } from '../orders/notional.ts';
import { estimateNotional, OrderRefusedError } from '../orders/place.ts';
import { asEventInput, decidedEvent, requestedEvent } from './events.ts';
import { storedOrder } from './order-json.ts';
import { APPROVAL_TTL_MS, clientOrderIdFor, isSettled, outcomeText, PLACING_TIMEOUT_MS } from './state.ts';
import {
  type ApprovalRow,
  createOrFindApproval,
  expireIfDue,
  findApproval,
  findApprovalByToolUse,
  transition,
} from './store.ts';
import { changeCount, forgetApproval, WAKE_CHECK_MS, watchApproval } from './waiters.ts';

/** How often the waiting call re-reads its row when no wake-up arrives (another isolate decided). */
export const APPROVAL_POLL_MS = 1_000;

export interface GateRequest {
  account: BrokerAccountRow;
  broker: Broker;
  /** The order without its clientOrderId: the gate derives it from the tool_use id. */
  order: Omit<OrderRequest, 'clientOrderId'>;
  /** What the order does, in words, for the person deciding. */
  summary: string;
}

export interface GateOptions {
  ttlMs?: number;
  pollMs?: number;
  now?: () => Date;
}

export async function requestApproval(
  ctx: ToolContext,
  request: GateRequest,
  options: GateOptions = {},
): Promise<ToolResult> {
  const now = options.now ?? (() => new Date());
  const order: OrderRequest = { ...request.order, clientOrderId: clientOrderIdFor(ctx.toolUseId) };
  let notional: number;
  try {
    refuseUnlessTradingEnabled(request.account);
    notional = estimateNotional(order, await request.broker.latestQuotes(notionalQuoteSymbols(order)));
    refuseOverNotional(request.account.maxOrderNotional, notional);
  } catch (error) {
    if (error instanceof OrderRefusedError) {
      return {
        content: `Refused before asking for approval (${error.code}): ${error.message}. No order was placed.`,
        isError: true,
        data: { refused: error.code },
      };
    }
    throw error;
  }
  const at = now();
  const { row, created } = await createOrFindApproval(ctx.db, {
    orchestratorId: ctx.orchestratorId,
    agentId: ctx.agentId,
    accountId: request.account.id,
    toolUseId: ctx.toolUseId,
    clientOrderId: order.clientOrderId,
    summary: `${request.summary} on ${request.account.name} (${request.account.mode})`,
    order: storedOrder(order),
    notional,
    createdAt: at,
    expiresAt: new Date(at.getTime() + (options.ttlMs ?? APPROVAL_TTL_MS)),
  });
  if (created) ctx.events.emit(asEventInput(requestedEvent(row)));
  watchApproval(row.id);
  let settled: ApprovalRow;
  try {
    settled = await waitForDecision(ctx, row, options.pollMs ?? APPROVAL_POLL_MS, now);
  } catch (error) {
    // The wait broke (a failed read, say): this call will report no decision, so none may be made.
    const after = await withdraw(ctx, row, now(), 'withdrawn: waiting for the decision failed').catch(
      () => undefined,
    );
    if (!after || !isSettled(after.status)) throw error;
    settled = after;
  } finally {
    forgetApproval(row.id);
  }
  return resultOf(settled, request.broker);
}

async function waitForDecision(
  ctx: ToolContext,
  first: ApprovalRow,
  pollMs: number,
  now: () => Date,
): Promise<ApprovalRow> {
  let row = first;
  while (!isSettled(row.status)) {
    if (ctx.signal.aborted) return withdraw(ctx, row, now(), 'withdrawn: the agent was interrupted');
    if (
      row.status === 'approved' &&
      now().getTime() - (row.decidedAt ?? now()).getTime() > PLACING_TIMEOUT_MS
    ) {
      return row; // placing it never finished: the agent is told the outcome is unknown
    }
    if (row.status === 'pending' && row.expiresAt.getTime() <= now().getTime()) {
      const expired = await expireIfDue(ctx.db, row.id, now());
      if (expired) {
        ctx.events.emit(asEventInput(decidedEvent(expired)));
        return expired;
      }
    } else {
      const untilExpiry = row.expiresAt.getTime() - now().getTime();
      await pause(
        row.id,
        row.status === 'pending' ? Math.max(1, Math.min(pollMs, untilExpiry)) : pollMs,
        ctx.signal,
      );
    }
    row = (await findApproval(ctx.db, row.id)) ?? row;
  }
  return row;
}

/**
 * The call that made the request was cut off by a restart, so nothing waits for its decision any more:
 * a pending request is withdrawn (a later approval would place an order the agent never learns of)
 * and the agent is told so; one settled meanwhile is reported as it ended. Undefined when the call
 * made no request, or its order is being placed right now: the runtime then says the effect is unknown.
 */
export async function recoverApproval(
  ctx: ToolContext,
  now: Date = new Date(),
): Promise<ToolResult | undefined> {
  const found = await findApprovalByToolUse(ctx.db, ctx.orchestratorId, ctx.toolUseId);
  if (!found) return undefined;
  const row =
    found.status === 'pending'
      ? await withdraw(ctx, found, now, 'withdrawn: the platform restarted while the agent waited')
      : found;
  forgetApproval(row.id);
  return isSettled(row.status) ? resultOf(row) : undefined;
}

/** The agent stopped waiting: a pending request is withdrawn so no one approves an order nobody awaits. */
async function withdraw(ctx: ToolContext, row: ApprovalRow, at: Date, reason: string): Promise<ApprovalRow> {
  const withdrawn = await transition(ctx.db, row.id, 'pending', { status: 'expired', reason, decidedAt: at });
  if (withdrawn) {
    ctx.events.emit(asEventInput(decidedEvent(withdrawn)));
    return withdrawn;
  }
  return (await findApproval(ctx.db, row.id)) ?? row;
}

/** Resolves after `ms`, on a wake-up for this approval, or on interrupt, whichever comes first. */
function pause(approvalId: string, ms: number, signal: AbortSignal): Promise<void> {
  const seen = changeCount(approvalId);
  const deadline = Date.now() + ms;
  return new Promise((resolve) => {
    const check = () => {
      if (signal.aborted || changeCount(approvalId) !== seen || Date.now() >= deadline) resolve();
      else setTimeout(check, Math.min(WAKE_CHECK_MS, Math.max(1, deadline - Date.now())));
    };
    setTimeout(check, Math.min(WAKE_CHECK_MS, ms));
  });
}

/** The outcome as the model reads it; with a broker, a submitted order's current status and fill too. */
async function resultOf(row: ApprovalRow, broker?: Broker): Promise<ToolResult> {
  let order: { status: string; filledQty: number; filledAvgPrice: number | null } | undefined;
  if (broker && row.status === 'submitted' && row.brokerOrderId) {
    try {
      order = await broker.order(row.brokerOrderId);
    } catch {
      order = undefined;
    }
  }
  const content = outcomeText({
    status: row.status,
    summary: row.summary,
    reason: row.reason,
    error: row.error,
    brokerOrderId: row.brokerOrderId,
    order,
  });
  return {
    content,
    isError: row.status !== 'submitted',
    data: {
      approval_id: row.id,
      status: row.status,
      broker_order_id: row.brokerOrderId,
      ...(order
        ? { order_status: order.status, filled_qty: order.filledQty, filled_avg_price: order.filledAvgPrice }
        : {}),
    },
  };
}
