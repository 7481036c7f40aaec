/**
 * One broker call's view of a paper account, inside a transaction that holds the account's lock:
 * the ledger as it stands, brought up to date before anything reads it — options past their expiry
 * settle, day orders past their close expire, resting limit orders that have become marketable fill
 * at the current quote — and the writes an order makes (the order row and its fills, all or nothing).
 */
import { offlineMark, offlineQuote, settlementPrice } from '../../../market-data/offline/market.ts';
import { roundMoney } from '../../trades/money.ts';
import {
  BrokerError,
  type BrokerFill,
  type BrokerOrder,
  type OrderRequest,
  type PositionIntent,
} from '../types.ts';
import { dueSettlements, ledgerId } from './expiry-settlement.ts';
import { type FillLeg, fillOrder, type NetFill } from './fill-model.ts';
import { cashFrom, type Holding, holdingsFrom, type LedgerEntry, multiplierOf } from './ledger.ts';
import { closedOrder, filledOrder, newOrder, requestOf } from './order-record.ts';
import { nextCloseAfter } from './session-clock.ts';
import {
  findOrderByClientId,
  insertEntries,
  insertOrder,
  loadLedger,
  lockPaperAccount,
  openOrders,
  type StoredEntry,
  type Transaction,
  updateOrder,
} from './store.ts';
import { checkOrderShape, type PlannedLeg, type PlannedOrder, planOrder } from './validate-order.ts';
import { shortLiability } from './valuation.ts';

export interface PaperSession {
  tx: Transaction;
  accountId: string;
  now: Date;
  startingCash: number;
  entries: LedgerEntry[];
}

export async function openSession(tx: Transaction, accountId: string, now: Date): Promise<PaperSession> {
  const { startingCash } = await lockPaperAccount(tx, accountId, now);
  const session: PaperSession = {
    tx,
    accountId,
    now,
    startingCash,
    entries: await loadLedger(tx, accountId),
  };
  await settleExpiries(session);
  await workRestingOrders(session);
  return session;
}

export function holdingsOf(session: PaperSession): Map<string, Holding> {
  return holdingsFrom(session.entries);
}

async function record(session: PaperSession, entries: StoredEntry[]): Promise<void> {
  await insertEntries(session.tx, session.accountId, entries);
  session.entries.push(...entries);
}

async function settleExpiries(session: PaperSession): Promise<void> {
  const due = dueSettlements(holdingsOf(session).values(), session.now, settlementPrice);
  await record(
    session,
    due.map((settlement) => ({
      id: settlement.id,
      kind: settlement.kind,
      symbol: settlement.symbol,
      qtyDelta: settlement.qtyDelta,
      cashDelta: settlement.cashDelta,
      price: settlement.price,
      transactionTime: settlement.transactionTime,
      payload: settlement.event,
    })),
  );
}

async function workRestingOrders(session: PaperSession): Promise<void> {
  for (const order of await openOrders(session.tx, session.accountId)) {
    if (order.timeInForce === 'day' && session.now >= nextCloseAfter(new Date(order.submittedAt))) {
      await updateOrder(session.tx, session.accountId, closedOrder(order, 'expired', session.now));
      continue;
    }
    let plan: PlannedOrder;
    try {
      plan = planOrder(requestOf(order), session.now, holdingsOf(session));
    } catch (error) {
      // The account or the contract changed under it (sold out, expired): it can never fill as placed.
      if (!(error instanceof BrokerError)) throw error;
      await updateOrder(session.tx, session.accountId, closedOrder(order, 'canceled', session.now));
      continue;
    }
    const fill = fillOrder(fillLegs(plan.legs, session.now), plan.qty, plan.limit);
    if (fill) await executeFill(session, order, plan, fill);
  }
}

function fillLegs(legs: readonly PlannedLeg[], now: Date): FillLeg[] {
  return legs.map((leg) => {
    const quote = offlineQuote(leg.symbol, now);
    if (!quote) throw new BrokerError(`no quote for ${leg.symbol}`, 'rejected', 422);
    return { side: leg.side, ratio: leg.ratio, quote };
  });
}

function inferredIntent(leg: PlannedLeg, held: number): PositionIntent {
  const closing = leg.side === 'buy' ? held < 0 : held > 0;
  return `${leg.side}_to_${closing ? 'close' : 'open'}`;
}

/** Cash the fill moves: − for a debit, + for a credit. */
function cashMove(plan: PlannedOrder, prices: readonly number[]): number {
  return roundMoney(
    plan.legs.reduce(
      (sum, leg, index) =>
        sum + (leg.side === 'buy' ? -1 : 1) * (prices[index] ?? 0) * plan.qty * leg.ratio * leg.multiplier,
      0,
    ),
  );
}

async function executeFill(
  session: PaperSession,
  order: BrokerOrder,
  plan: PlannedOrder,
  fill: NetFill,
): Promise<BrokerOrder> {
  const holdings = holdingsOf(session);
  const time = session.now.toISOString();
  const entries: StoredEntry[] = plan.legs.map((leg, index) => {
    const price = fill.legs[index]?.price ?? 0;
    const qty = plan.qty * leg.ratio;
    const id = ledgerId(session.now, `${order.id}-${index}`);
    const payload: BrokerFill = {
      id,
      transaction_time: time,
      symbol: leg.symbol,
      side: leg.side,
      qty,
      price,
      order_id: order.id,
      position_intent: leg.intent ?? inferredIntent(leg, holdings.get(leg.symbol)?.qty ?? 0),
      fee: 0,
    };
    return {
      id,
      kind: 'fill',
      symbol: leg.symbol,
      qtyDelta: leg.side === 'buy' ? qty : -qty,
      cashDelta: roundMoney((leg.side === 'buy' ? -1 : 1) * price * qty * leg.multiplier),
      price,
      transactionTime: session.now,
      payload,
    };
  });
  await record(session, entries);
  const filled = filledOrder(order, fill, session.now);
  await updateOrder(session.tx, session.accountId, filled);
  return filled;
}

/**
 * Places an order: the one under the same client_order_id if there is one, else a new order that
 * fills now when marketable (all legs at once) or rests until a later call finds it marketable.
 */
export async function submit(session: PaperSession, request: OrderRequest): Promise<BrokerOrder> {
  checkOrderShape(request);
  const existing = await findOrderByClientId(session.tx, session.accountId, request.clientOrderId);
  if (existing) return existing;
  const holdings = holdingsOf(session);
  const plan = planOrder(request, session.now, holdings);
  const fill = fillOrder(fillLegs(plan.legs, session.now), plan.qty, plan.limit);
  // A resting order is checked at its limit, the most it may cost.
  const debit = -(fill
    ? cashMove(
        plan,
        fill.legs.map((leg) => leg.price),
      )
    : restingCashMove(plan));
  const buyingPower = await buyingPowerOf(session);
  if (debit > 0 && debit > buyingPower + 1e-9) {
    throw new BrokerError(
      `insufficient buying power: the order needs $${debit.toFixed(2)}, the account has $${Math.max(0, buyingPower).toFixed(2)}`,
      'rejected',
      403,
    );
  }
  const order = newOrder(
    request,
    plan,
    { order: crypto.randomUUID(), legs: plan.legs.map(() => crypto.randomUUID()) },
    session.now,
  );
  await insertOrder(session.tx, session.accountId, order);
  return fill ? executeFill(session, order, plan, fill) : order;
}

/**
 * Cash less what buying back every short would cost now and what the open orders may still cost at
 * their limits: a resting buy holds its money back, so two resting orders cannot both spend the same
 * cash and fill the account below zero later.
 */
export async function buyingPowerOf(session: PaperSession): Promise<number> {
  const holdings = holdingsOf(session);
  return roundMoney(
    cashFrom(session.startingCash, session.entries) -
      shortLiability(holdings.values(), session.now, offlineMark) -
      (await reservedByOpenOrders(session)),
  );
}

/**
 * What the open orders may still cost, each at its limit: a simple buy its limit × qty × multiplier,
 * a multi-leg order its net debit limit × qty × 100 (a net credit costs nothing). Read from the
 * order as placed, not re-planned: a fill earlier in this call may have made a resting order
 * unfillable (the next call cancels it), which must not make this sum fail.
 */
export async function reservedByOpenOrders(session: PaperSession): Promise<number> {
  let reserved = 0;
  for (const order of await openOrders(session.tx, session.accountId)) {
    const limit = order.limitPrice ?? 0;
    if (order.orderClass === 'mleg') reserved += Math.max(0, limit * order.qty * 100);
    else if (order.side === 'buy' && order.symbol !== null)
      reserved += limit * order.qty * multiplierOf(order.symbol);
  }
  return roundMoney(reserved);
}

function restingCashMove(plan: PlannedOrder): number {
  const limit = plan.limit ?? 0;
  const leg = plan.legs[0];
  if (plan.legs.length === 1 && leg) return (leg.side === 'buy' ? -1 : 1) * limit * plan.qty * leg.multiplier;
  return roundMoney(-limit * plan.qty * 100);
}

export async function cancel(session: PaperSession, order: BrokerOrder): Promise<void> {
  if (order.status !== 'new' && order.status !== 'accepted' && order.status !== 'pending_new') {
    throw new BrokerError(
      `order ${order.id} is ${order.status} and can no longer be canceled`,
      'rejected',
      422,
    );
  }
  await updateOrder(session.tx, session.accountId, closedOrder(order, 'canceled', session.now));
}
