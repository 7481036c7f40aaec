/**
 * FIFO lots per contract. Each opening quantity becomes a lot; each closing quantity consumes the
 * oldest lot of the same contract first. Realised P&L is computed per matched quantity, never from
 * net premium: (close − open) × qty × multiplier for a long lot, the reverse for a short one, minus
 * the fees of both fills pro rata to the matched quantity.
 */
import { QTY_EPSILON, roundMoney, roundQty } from './money.ts';
import type { NormalizedFill } from './normalize-fills.ts';
import type { Direction, Instrument } from './types.ts';

export interface Lot {
  fillId: string;
  instrument: Instrument;
  /** +1 long, −1 short. */
  sign: 1 | -1;
  qty: number;
  price: number;
  feePerUnit: number;
  openedAt: string;
}

/** One opening quantity matched against one closing quantity. */
export interface MatchedClose {
  symbol: string;
  direction: Direction;
  qty: number;
  openFillId: string;
  closeFillId: string;
  openPrice: number;
  closePrice: number;
  openedAt: string;
  closedAt: string;
  /** What closed it: a fill, or the expiry / assignment / exercise event. */
  closedBy: NormalizedFill['source'];
  fees: number;
  realisedPnl: number;
}

/** Lots by contract symbol, oldest first. Within one book a contract is held on one side only. */
export type LotBook = Map<string, Lot[]>;

/** +1 long, −1 short, 0 when the book holds none of this contract. */
export function heldSign(book: LotBook, symbol: string): 1 | -1 | 0 {
  return book.get(symbol)?.[0]?.sign ?? 0;
}

export function heldQty(book: LotBook, symbol: string): number {
  return roundQty((book.get(symbol) ?? []).reduce((sum, lot) => sum + lot.qty, 0));
}

export function isFlat(book: LotBook): boolean {
  return book.size === 0;
}

export function openLot(book: LotBook, fill: NormalizedFill, sign: 1 | -1, qty: number): void {
  const lots = book.get(fill.instrument.symbol) ?? [];
  lots.push({
    fillId: fill.id,
    instrument: fill.instrument,
    sign,
    qty,
    price: fill.price,
    feePerUnit: fill.fee / fill.qty,
    openedAt: fill.time,
  });
  book.set(fill.instrument.symbol, lots);
}

/**
 * Closes up to `qty` of the fill's contract, oldest lot first. Returns the matches; the quantity
 * they add up to may be less than asked when the book holds less.
 */
export function closeFifo(book: LotBook, fill: NormalizedFill, qty: number): MatchedClose[] {
  const symbol = fill.instrument.symbol;
  const lots = book.get(symbol) ?? [];
  const matches: MatchedClose[] = [];
  let wanted = qty;
  while (wanted > QTY_EPSILON && lots.length > 0) {
    const lot = lots[0] as Lot;
    const matched = Math.min(lot.qty, wanted);
    const fees = (lot.feePerUnit + fill.fee / fill.qty) * matched;
    const gross = (fill.price - lot.price) * matched * lot.instrument.multiplier * lot.sign;
    matches.push({
      symbol,
      direction: lot.sign === 1 ? 'long' : 'short',
      qty: roundQty(matched),
      openFillId: lot.fillId,
      closeFillId: fill.id,
      openPrice: lot.price,
      closePrice: fill.price,
      openedAt: lot.openedAt,
      closedAt: fill.time,
      closedBy: fill.source,
      fees: roundMoney(fees),
      realisedPnl: roundMoney(gross - fees),
    });
    lot.qty = roundQty(lot.qty - matched);
    wanted = roundQty(wanted - matched);
    if (lot.qty <= QTY_EPSILON) lots.shift();
  }
  if (lots.length === 0) book.delete(symbol);
  return matches;
}
