/**
 * The paper ledger → holdings and cash. Pure. Each ledger entry moves a symbol's signed quantity and
 * the cash balance; positions keep an average entry price the way brokers report it: buying more of a
 * long (or selling more of a short) averages in, reducing leaves the average alone, and crossing
 * through zero starts a new position at the crossing price.
 */
import { instrumentOf } from '../../trades/instrument.ts';
import { QTY_EPSILON, roundMoney, roundQty } from '../../trades/money.ts';

export interface LedgerEntry {
  id: string;
  symbol: string;
  /** Signed: + bought, − sold (or closed by settlement). */
  qtyDelta: number;
  cashDelta: number;
  /** Per-share price of the movement (fills: the fill price; settlement: the intrinsic value). */
  price: number;
  transactionTime: Date;
}

export interface Holding {
  symbol: string;
  /** Signed: negative for a short. */
  qty: number;
  avgEntryPrice: number;
  multiplier: number;
}

export function multiplierOf(symbol: string): number {
  return instrumentOf(symbol).multiplier;
}

/** Open holdings after the entries (applied in id order), by symbol. */
export function holdingsFrom(entries: readonly LedgerEntry[]): Map<string, Holding> {
  const holdings = new Map<string, Holding>();
  const ordered = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const entry of ordered) {
    const held = holdings.get(entry.symbol) ?? {
      symbol: entry.symbol,
      qty: 0,
      avgEntryPrice: 0,
      multiplier: multiplierOf(entry.symbol),
    };
    const next = applyMovement(held.qty, held.avgEntryPrice, entry.qtyDelta, entry.price);
    if (Math.abs(next.qty) < QTY_EPSILON) holdings.delete(entry.symbol);
    else holdings.set(entry.symbol, { ...held, ...next });
  }
  return holdings;
}

export function applyMovement(
  qty: number,
  avg: number,
  delta: number,
  price: number,
): { qty: number; avgEntryPrice: number } {
  const after = roundQty(qty + delta);
  if (Math.abs(qty) < QTY_EPSILON || Math.sign(qty) === Math.sign(delta)) {
    const avgEntryPrice = (Math.abs(qty) * avg + Math.abs(delta) * price) / (Math.abs(qty) + Math.abs(delta));
    return { qty: after, avgEntryPrice: roundMoney(avgEntryPrice) };
  }
  if (Math.abs(after) < QTY_EPSILON) return { qty: 0, avgEntryPrice: 0 };
  if (Math.sign(after) === Math.sign(qty)) return { qty: after, avgEntryPrice: avg };
  return { qty: after, avgEntryPrice: price };
}

export function cashFrom(startingCash: number, entries: readonly LedgerEntry[]): number {
  return roundMoney(entries.reduce((cash, entry) => cash + entry.cashDelta, startingCash));
}

/** Entries at or before an instant (for the account as it stood at a past close). */
export function entriesThrough(entries: readonly LedgerEntry[], at: Date): LedgerEntry[] {
  return entries.filter((entry) => entry.transactionTime.getTime() <= at.getTime());
}
