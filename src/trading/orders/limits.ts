/**
 * The account's server-side limits, as pure decisions: trading switched on, an order's notional
 * under max_order_notional, and today's loss short of max_daily_loss. Closing orders (every line
 * reduces a position the account holds) are exempt from both money limits: they take risk off, and
 * a limit that trapped a losing position open would defeat its purpose. A disabled account refuses
 * everything, closes included.
 */
import type { BrokerPosition } from '../broker/types.ts';
import { roundMoney } from '../trades/money.ts';
import { OrderRefusedError } from './errors.ts';
import type { OrderLine } from './validate.ts';

export interface AccountLimits {
  mode: 'paper' | 'live';
  tradingEnabled: boolean;
  maxOrderNotional: number | null;
  maxDailyLoss: number | null;
}

export function refuseUnlessTradingEnabled(account: AccountLimits): void {
  if (account.tradingEnabled) return;
  throw new OrderRefusedError(
    'trading_disabled',
    account.mode === 'live'
      ? 'Trading is off for this live account: enable it (PATCH /api/accounts/:id {"trading_enabled": true}) first.'
      : 'Trading is off for this account: enable it (PATCH /api/accounts/:id {"trading_enabled": true}) first.',
    { mode: account.mode },
  );
}

export function refuseOverNotional(limit: number | null, notional: number): void {
  if (limit === null || notional <= limit) return;
  throw new OrderRefusedError(
    'notional_limit',
    `The order's notional $${notional.toFixed(2)} exceeds this account's limit of $${limit.toFixed(2)} per order.`,
    { notional, max_order_notional: limit },
  );
}

/** Refuses opening orders once today's P&L (equity − last close's equity) is at or below −limit. */
export function refuseAfterDailyLoss(limit: number | null, equity: number, lastEquity: number): void {
  if (limit === null) return;
  const dayPnl = roundMoney(equity - lastEquity);
  if (dayPnl > -limit) return;
  throw new OrderRefusedError(
    'daily_loss_limit',
    `Today's loss $${(-dayPnl).toFixed(2)} has reached this account's daily limit of $${limit.toFixed(2)}: only closing orders are accepted until the next trading day.`,
    { day_pnl: dayPnl, max_daily_loss: limit },
  );
}

/**
 * Whether every line only reduces a position held: the opposite side of a holding at least as big,
 * and, where the line states an intent, a closing one. An order that opens anything is not closing.
 */
export function isClosingOrder(lines: readonly OrderLine[], positions: readonly BrokerPosition[]): boolean {
  const held = new Map<string, number>();
  for (const position of positions) {
    const qty = Number(position.qty);
    if (Number.isFinite(qty)) held.set(position.symbol, (held.get(position.symbol) ?? 0) + qty);
  }
  return lines.every((line) => {
    if (line.positionIntent === 'buy_to_open' || line.positionIntent === 'sell_to_open') return false;
    const signedHeld = held.get(line.instrument.symbol) ?? 0;
    // Selling closes a long (held > 0), buying closes a short (held < 0).
    const reducible = line.side === 'sell' ? signedHeld : -signedHeld;
    return reducible > 0 && line.qty <= reducible + 1e-9;
  });
}
