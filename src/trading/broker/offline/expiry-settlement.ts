/**
 * Options held past their expiry (16:00 New York on the expiry date) settle in cash, the way the
 * analytics read OCC lifecycle events (src/trading/trades/types.ts, OptionEvent):
 * - out of the money (or at it): expiry (OPEXP) at 0, no cash;
 * - in the money, long: exercise (OPEXC) at the intrinsic value, cash + intrinsic × 100 × qty;
 * - in the money, short: assignment (OPASN) at the intrinsic value, cash − intrinsic × 100 × qty.
 * The intrinsic value is taken against the underlying's offline price at the expiry instant. No stock
 * is delivered: the paper account settles the difference in cash, like an index option, so a spread
 * that finishes in the money closes flat with its P&L in cash. Pure.
 */
import { parseOccSymbol } from '../../options/occ-symbol.ts';
import { expiryInstant } from '../../options/time-to-expiry.ts';
import { roundMoney } from '../../trades/money.ts';
import type { OptionEvent } from '../../trades/types.ts';
import type { Holding } from './ledger.ts';

export interface Settlement {
  /** Sortable ledger id: the expiry instant, then the contract; one settlement per contract ever. */
  id: string;
  kind: OptionEvent['type'];
  symbol: string;
  transactionTime: Date;
  qtyDelta: number;
  cashDelta: number;
  /** Intrinsic value per share. */
  price: number;
  event: OptionEvent;
}

export function ledgerId(at: Date, suffix: string): string {
  return `${String(at.getTime()).padStart(15, '0')}::${suffix}`;
}

/**
 * Settlements due at `now` for the holdings. `underlyingPriceAt(underlying, expiry)` gives the
 * settlement price of the underlying on an expiry date.
 */
export function dueSettlements(
  holdings: Iterable<Holding>,
  now: Date,
  underlyingPriceAt: (underlying: string, expiry: string) => number,
): Settlement[] {
  const settlements: Settlement[] = [];
  for (const holding of holdings) {
    if (holding.multiplier !== 100) continue;
    const contract = parseOccSymbol(holding.symbol);
    const at = expiryInstant(contract.expiry);
    if (now.getTime() < at.getTime()) continue;
    const underlyingPrice = underlyingPriceAt(contract.root, contract.expiry);
    const intrinsic = Math.max(
      0,
      contract.type === 'call' ? underlyingPrice - contract.strike : contract.strike - underlyingPrice,
    );
    const kind: OptionEvent['type'] = intrinsic <= 0 ? 'expiry' : holding.qty > 0 ? 'exercise' : 'assignment';
    const id = ledgerId(at, `${kind}-${holding.symbol}`);
    const event: OptionEvent = {
      id,
      type: kind,
      transaction_time: at.toISOString(),
      symbol: holding.symbol,
      // As OCC reports it: the quantity that leaves the account (negative for a long).
      qty: -holding.qty,
      ...(kind === 'expiry' ? {} : { underlying_price: underlyingPrice }),
    };
    settlements.push({
      id,
      kind,
      symbol: holding.symbol,
      transactionTime: at,
      qtyDelta: -holding.qty,
      cashDelta: roundMoney(intrinsic * 100 * holding.qty),
      price: intrinsic,
      event,
    });
  }
  return settlements;
}
