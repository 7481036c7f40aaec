/**
 * The one way an order reaches a broker, from the REST API and from an approved agent order alike:
 * validate it, enforce the account's limits (trading enabled, notional, daily loss), submit it under
 * its client_order_id, record what the broker answered, and, when it filled at once, sync the
 * account's recent activities so positions and trades show the fill immediately.
 *
 * Idempotency rests on clientOrderId: an id this account already used returns the order placed
 * under it (without re-checking limits: nothing new is placed), and the broker itself refuses a
 * second order under one id, so two concurrent submissions still make one order.
 */
import type { Database } from '../../db/client.ts';
import type { BrokerAccountRow } from '../accounts/store.ts';
import type { Broker, BrokerOrder, OrderRequest } from '../broker/types.ts';
import { syncAccount } from '../sync/sync-account.ts';
import { OrderRefusedError } from './errors.ts';
import {
  isClosingOrder,
  refuseAfterDailyLoss,
  refuseOverNotional,
  refuseUnlessTradingEnabled,
} from './limits.ts';
import { estimateNotional, notionalQuoteSymbols } from './notional.ts';
import { recordOrder, storedOrderByClientId } from './record.ts';
import { differencesFrom } from './same-order.ts';
import { validateOrder } from './validate.ts';

export type { OrderRefusalCode } from './errors.ts';
export { OrderRefusedError } from './errors.ts';
export { estimateNotional, quoteMid } from './notional.ts';

/** How far before the order the post-fill activities sync looks, for clock skew between us and the broker. */
const FILL_SYNC_LEAD_MS = 5 * 60_000;

export interface PlaceOrderInput {
  db: Database;
  account: BrokerAccountRow;
  broker: Broker;
  order: OrderRequest;
  now?: () => Date;
}

export interface PlacedOrder {
  order: BrokerOrder;
  /** False when the client_order_id was already used: the order returned is the earlier one. */
  created: boolean;
}

export async function placeOrder(input: PlaceOrderInput): Promise<BrokerOrder> {
  return (await placeOrderOnce(input)).order;
}

export async function placeOrderOnce({
  db,
  account,
  broker,
  order,
  now,
}: PlaceOrderInput): Promise<PlacedOrder> {
  const lines = validateOrder(order);
  const earlier = await storedOrderByClientId(db, account.id, order.clientOrderId);
  if (earlier) return { order: sameOrderOrRefuse(order, earlier), created: false };

  refuseUnlessTradingEnabled(account);
  try {
    await refuseOverMoneyLimits(account, broker, order, lines);
  } catch (error) {
    // A concurrent twin of this request may have placed the order a moment ago and not recorded it
    // yet: once a closing order fills, the same close no longer reduces a position and would be
    // judged as an opening one. The broker knows every id it accepted; its order is the answer.
    if (!(error instanceof OrderRefusedError)) throw error;
    const twin = await broker.orderByClientId(order.clientOrderId);
    if (!twin) throw error;
    await recordOrder(db, account.id, twin);
    return { order: sameOrderOrRefuse(order, twin), created: false };
  }

  const placed = await broker.submitOrder(order);
  if (placed.clientOrderId !== order.clientOrderId) {
    throw new OrderRefusedError('invalid_order', 'the broker answered with a different client_order_id');
  }
  // The broker returns the order already placed under this id (a concurrent twin of this request).
  sameOrderOrRefuse(order, placed);
  const created = await recordOrder(db, account.id, placed);
  if (placed.filledQty > 0) await syncRecentFills(db, account, broker, placed, now);
  return { order: placed, created };
}

/** The notional and daily-loss limits, which orders that only reduce held positions are exempt from. */
async function refuseOverMoneyLimits(
  account: BrokerAccountRow,
  broker: Broker,
  order: OrderRequest,
  lines: ReturnType<typeof validateOrder>,
): Promise<void> {
  if (account.maxOrderNotional === null && account.maxDailyLoss === null) return;
  if (isClosingOrder(lines, await broker.positions())) return;
  if (account.maxOrderNotional !== null) {
    const quotes = await broker.latestQuotes(notionalQuoteSymbols(order));
    refuseOverNotional(account.maxOrderNotional, estimateNotional(order, quotes));
  }
  if (account.maxDailyLoss !== null) {
    const summary = await broker.account();
    refuseAfterDailyLoss(account.maxDailyLoss, summary.equity, summary.lastEquity);
  }
}

function sameOrderOrRefuse(order: OrderRequest, placed: BrokerOrder): BrokerOrder {
  const differences = differencesFrom(order, placed);
  if (differences.length === 0) return placed;
  throw new OrderRefusedError(
    'invalid_order',
    `client_order_id ${order.clientOrderId} was already used for a different order (${differences.join('; ')}): use a new id for a new order`,
    { reason: 'client_order_id_reused', existing_order_id: placed.id },
  );
}

/**
 * Pulls the activities around a fill. The order is already placed: a failure here is recorded in
 * broker_sync_state by the sync and caught up by the next one, never reported as a failed order.
 */
async function syncRecentFills(
  db: Database,
  account: BrokerAccountRow,
  broker: Broker,
  order: BrokerOrder,
  now: (() => Date) | undefined,
): Promise<void> {
  const from = Date.parse(order.submittedAt) - FILL_SYNC_LEAD_MS;
  try {
    await syncAccount({
      db,
      account,
      broker,
      after: new Date(Number.isFinite(from) ? from : Date.now() - FILL_SYNC_LEAD_MS).toISOString(),
      ...(now ? { now } : {}),
    });
  } catch (error) {
    console.warn(`post-fill sync of account ${account.id} failed: ${(error as Error).message}`);
  }
}
