/**
 * The approvals inbox: an agent's order, spelled out in full for the person deciding (every leg,
 * quantity, order type and limit, notional, account and mode), and which events mean "look again".
 */
import { describeContract } from './occ.ts';
import { formatMoney, formatPrice } from './trading-format.ts';
import type { Approval, OrderDraft } from './trading-types.ts';

/** Events in the orchestrator's stream after which the pending list may have changed. */
export const APPROVAL_EVENTS = ['approval_requested', 'approval_decided'] as const;

const INTENTS: Record<string, string> = {
  buy_to_open: 'Buy to open',
  buy_to_close: 'Buy to close',
  sell_to_open: 'Sell to open',
  sell_to_close: 'Sell to close',
};

export interface OrderLine {
  action: string;
  qty: number;
  symbol: string;
  contract: string;
}

function action(side: string, intent: string | undefined | null): string {
  if (intent && INTENTS[intent]) return INTENTS[intent] as string;
  return side === 'buy' ? 'Buy' : 'Sell';
}

/** One line per leg (a simple order is one leg): what is bought or sold, how many. */
export function orderLines(order: OrderDraft): OrderLine[] {
  if (order.order_class === 'mleg' && order.legs?.length) {
    return order.legs.map((leg) => ({
      action: action(leg.side, leg.position_intent),
      qty: (leg.ratio_qty ?? 1) * order.qty,
      symbol: leg.symbol,
      contract: describeContract(leg.symbol),
    }));
  }
  const symbol = order.symbol ?? '?';
  return [
    {
      action: action(order.side ?? '?', order.position_intent),
      qty: order.qty,
      symbol,
      contract: describeContract(symbol),
    },
  ];
}

/** `Multi-leg, limit 1.25 debit per unit, 2 units, day` (a negative mleg limit is a credit). */
export function orderTerms(order: OrderDraft): string {
  const parts: string[] = [order.order_class === 'mleg' ? 'Multi-leg' : 'Single'];
  if (order.type === 'limit' && typeof order.limit_price === 'number') {
    const price = order.limit_price;
    parts.push(
      order.order_class === 'mleg'
        ? `limit ${formatPrice(Math.abs(price))} ${price < 0 ? 'credit' : 'debit'} per unit`
        : `limit ${formatPrice(price)}`,
    );
  } else parts.push(order.type);
  if (order.order_class === 'mleg') parts.push(`${order.qty} unit${order.qty === 1 ? '' : 's'}`);
  if (order.time_in_force) parts.push(order.time_in_force);
  return parts.join(', ');
}

export function notionalLine(approval: Pick<Approval, 'notional'>): string {
  return approval.notional === null ? 'notional unknown' : `notional ${formatMoney(approval.notional)}`;
}

export function sortPending(approvals: readonly Approval[]): Approval[] {
  return approvals
    .filter((approval) => approval.status === 'pending')
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
}

/** `expires in 4 min`, `expired`, or '' with no deadline. */
export function expiresIn(expiresAt: string | null, now: number): string {
  if (!expiresAt) return '';
  const left = Date.parse(expiresAt) - now;
  if (!Number.isFinite(left)) return '';
  if (left <= 0) return 'expired';
  const minutes = Math.ceil(left / 60_000);
  return minutes >= 120 ? `expires in ${Math.round(minutes / 60)} h` : `expires in ${minutes} min`;
}

/** What a decision came to, in one line: `Submitted: … (order abc)`, `Failed: … — reason`. */
export function outcomeLine(
  approval: Pick<Approval, 'status' | 'summary' | 'broker_order_id' | 'error' | 'reason'>,
): string {
  const status = approval.status[0]?.toUpperCase() + approval.status.slice(1);
  const order = approval.broker_order_id ? ` (order ${approval.broker_order_id})` : '';
  const why = approval.error ?? approval.reason;
  return `${status}: ${approval.summary}${order}${why ? ` — ${why}` : ''}`;
}
