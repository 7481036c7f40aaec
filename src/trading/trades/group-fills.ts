/**
 * Ordered fills → trades. A trade is the life of a set of legs on one underlying opened together,
 * from its first opening fill until every leg is flat again. Fills are walked in (time, id) order
 * (see normalize-fills.ts), so the result does not depend on how the broker paged them.
 *
 * Closing: a fill first closes any quantity of its contract held on the opposite side by the open
 * trades, oldest trade first and FIFO inside each (lot-book.ts). Held quantity decides what closes;
 * `position_intent` only matters for what is left over: a `*_to_close` remainder has nothing to close
 * (it was opened before the fills we were given), so it is recorded as an unmatched close and its
 * trade marked incomplete instead of being misread as a new opening. Option events close the same way.
 *
 * Opening: what is left opens a lot in the first open trade (oldest first) that
 *   1. already holds a fill of the same order (a multi-leg order, or partial fills of one order);
 *   2. else is on the same underlying and already has a leg with the same expiry (an adjustment or a
 *      leg legged in separately while the trade is still open; stock counts as one "no expiry");
 *   3. else is on the same underlying and opened something within `openWindowMs` before this fill
 *      (a calendar or a covered call legged in as separate orders).
 * Otherwise the fill starts a new trade. A trade that is flat is closed for good: a later opening on
 * the same underlying starts a new trade.
 */
import { closeFifo, heldSign, isFlat, type LotBook, type MatchedClose, openLot } from './lot-book.ts';
import { QTY_EPSILON, roundQty } from './money.ts';
import type { NormalizedFill } from './normalize-fills.ts';
import type { Instrument } from './types.ts';

export const DEFAULT_OPEN_WINDOW_MS = 5 * 60_000;

export interface GroupingOptions {
  /** How far apart two openings on one underlying (different expiries) may be and still be one trade. */
  openWindowMs?: number;
}

/** The part of one fill that a trade received, and what it did there. */
export interface FillPart {
  fillId: string;
  orderId: string;
  symbol: string;
  instrument: Instrument;
  time: string;
  qty: number;
  price: number;
  /** +1 bought, −1 sold; null for an option event that found nothing to close. */
  sign: 1 | -1 | null;
  role: 'open' | 'close' | 'unmatched_close';
  source: NormalizedFill['source'];
}

export interface TradeBook {
  /** The fill that opened the trade: its id (with the account's) names the trade. */
  firstFillId: string;
  underlying: string;
  openedAt: string;
  /** When the last leg went flat; null while anything is held. */
  closedAt: string | null;
  /** Some closing quantity had no opening among the fills given. */
  incomplete: boolean;
  parts: FillPart[];
  matches: MatchedClose[];
  lots: LotBook;
  orderIds: Set<string>;
  expiryKeys: Set<string>;
  lastOpenMs: number;
}

export function groupFills(fills: readonly NormalizedFill[], options: GroupingOptions = {}): TradeBook[] {
  const windowMs = options.openWindowMs ?? DEFAULT_OPEN_WINDOW_MS;
  const trades: TradeBook[] = [];
  for (const fill of fills) {
    const remaining = closeHeld(trades, fill);
    if (remaining <= QTY_EPSILON) continue;
    const closesOnly = fill.sign === null || fill.intent?.endsWith('_to_close') === true;
    if (closesOnly) recordUnmatchedClose(trades, fill, remaining);
    else recordOpen(trades, fill, fill.sign ?? 1, remaining, windowMs);
  }
  return trades;
}

/** Closes what the open trades hold on the other side; returns the quantity left over. */
function closeHeld(trades: TradeBook[], fill: NormalizedFill): number {
  let remaining = fill.qty;
  for (const trade of trades) {
    if (remaining <= QTY_EPSILON) break;
    if (trade.closedAt !== null) continue;
    const held = heldSign(trade.lots, fill.instrument.symbol);
    if (held === 0 || (fill.sign !== null && held === fill.sign)) continue;
    const matches = closeFifo(trade.lots, fill, remaining);
    const closed = roundQty(matches.reduce((sum, match) => sum + match.qty, 0));
    trade.matches.push(...matches);
    trade.parts.push(partOf(fill, closed, held === 1 ? -1 : 1, 'close'));
    trade.orderIds.add(fill.orderId);
    remaining = roundQty(remaining - closed);
    if (isFlat(trade.lots)) trade.closedAt = fill.time;
  }
  return remaining;
}

function recordOpen(
  trades: TradeBook[],
  fill: NormalizedFill,
  sign: 1 | -1,
  qty: number,
  windowMs: number,
): void {
  const trade = joinableTrade(trades, fill, windowMs) ?? startTrade(trades, fill);
  openLot(trade.lots, fill, sign, qty);
  trade.parts.push(partOf(fill, qty, sign, 'open'));
  trade.orderIds.add(fill.orderId);
  trade.expiryKeys.add(expiryKey(fill.instrument));
  trade.lastOpenMs = fill.timeMs;
}

function joinableTrade(trades: TradeBook[], fill: NormalizedFill, windowMs: number): TradeBook | undefined {
  const open = trades.filter((trade) => trade.closedAt === null);
  const sameUnderlying = open.filter((trade) => trade.underlying === fill.instrument.underlying);
  return (
    open.find((trade) => trade.orderIds.has(fill.orderId)) ??
    sameUnderlying.find((trade) => trade.expiryKeys.has(expiryKey(fill.instrument))) ??
    sameUnderlying.find((trade) => fill.timeMs - trade.lastOpenMs <= windowMs)
  );
}

function recordUnmatchedClose(trades: TradeBook[], fill: NormalizedFill, qty: number): void {
  // Keep the legs of one closing order together, preferring a trade still open.
  const sameOrder = (trade: TradeBook) => trade.orderIds.has(fill.orderId);
  const trade =
    trades.find((candidate) => candidate.closedAt === null && sameOrder(candidate)) ??
    trades.find(sameOrder) ??
    startTrade(trades, fill);
  trade.parts.push(partOf(fill, qty, fill.sign, 'unmatched_close'));
  trade.orderIds.add(fill.orderId);
  trade.incomplete = true;
  // A trade made only of unmatched closes holds nothing: it is flat from the start.
  if (isFlat(trade.lots)) trade.closedAt ??= fill.time;
}

function startTrade(trades: TradeBook[], fill: NormalizedFill): TradeBook {
  const trade: TradeBook = {
    firstFillId: fill.id,
    underlying: fill.instrument.underlying,
    openedAt: fill.time,
    closedAt: null,
    incomplete: false,
    parts: [],
    matches: [],
    lots: new Map(),
    orderIds: new Set(),
    expiryKeys: new Set(),
    lastOpenMs: fill.timeMs,
  };
  trades.push(trade);
  return trade;
}

function partOf(fill: NormalizedFill, qty: number, sign: FillPart['sign'], role: FillPart['role']): FillPart {
  return {
    fillId: fill.id,
    orderId: fill.orderId,
    symbol: fill.instrument.symbol,
    instrument: fill.instrument,
    time: fill.time,
    qty,
    price: fill.price,
    sign,
    role,
    source: fill.source,
  };
}

function expiryKey(instrument: Instrument): string {
  return instrument.kind === 'option' ? instrument.expiry : 'stock';
}
