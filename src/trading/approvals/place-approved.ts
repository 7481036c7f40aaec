/**
 * What happens once a person approves: the order goes to the broker through the one order path
 * (limits enforced there), and the approval records the outcome (`submitted` with the broker's order
 * id, or `failed` with the reason). Never throws for a refused order: the refusal is the outcome.
 */
import type { Database } from '../../db/client.ts';
import { findAccount } from '../accounts/store.ts';
import { type BrokerEnvironment, openBroker } from '../broker/factory.ts';
import { BrokerError, type BrokerOrder } from '../broker/types.ts';
import { OrderRefusedError, placeOrder } from '../orders/place.ts';
import { orderRequestOf } from './order-json.ts';
import { type ApprovalRow, transition } from './store.ts';

export interface PlacedApproval {
  row: ApprovalRow;
  order: BrokerOrder | null;
}

export async function placeApprovedOrder(
  db: Database,
  env: BrokerEnvironment,
  approved: ApprovalRow,
): Promise<PlacedApproval> {
  let order: BrokerOrder | null = null;
  let error: string | null = null;
  try {
    const account = await findAccount(db, approved.accountId);
    if (!account) throw new OrderRefusedError('invalid_order', 'the account was archived');
    const broker = await openBroker(account, { db, env });
    order = await placeOrder({ db, account, broker, order: orderRequestOf(approved.order) });
  } catch (thrown) {
    if (!(thrown instanceof OrderRefusedError || thrown instanceof BrokerError)) {
      console.error(`approval ${approved.id}: placing the order failed`, thrown);
    }
    error = refusalText(thrown);
  }
  const row = await transition(
    db,
    approved.id,
    'approved',
    order ? { status: 'submitted', brokerOrderId: order.id } : { status: 'failed', error },
  );
  return { row: row ?? approved, order };
}

function refusalText(error: unknown): string {
  if (error instanceof OrderRefusedError) return `refused (${error.code}): ${error.message}`;
  if (error instanceof BrokerError) return `the broker refused it (${error.code}): ${error.message}`;
  return 'the order could not be placed (internal error)';
}
