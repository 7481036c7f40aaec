/**
 * A grouped trade (group-fills.ts) → what callers show and count: legs with quantities, average
 * prices and P&L, the detected strategy, status and a stable id.
 *
 * Realised P&L is the sum of the FIFO matches (lot-book.ts), net of the fees of the matched
 * quantities. Unrealised P&L values each still-open lot at the caller's mark (per share):
 * (mark − open) × qty × multiplier, reversed for shorts; the fees of open lots are counted when
 * they are closed, not here. A leg held without a mark makes its and the trade's unrealised null,
 * because a partial sum would read as a complete one.
 */
import type { FillPart, TradeBook } from './group-fills.ts';
import type { Lot, MatchedClose } from './lot-book.ts';
import { roundMoney, roundQty } from './money.ts';
import { stableId } from './stable-id.ts';
import { detectStrategy, type StrategyKind, sortLegs } from './strategy.ts';
import type { Direction, Instrument } from './types.ts';

/** Mark prices per contract symbol, per share (as quoted). */
export type Marks = Readonly<Record<string, number>>;

export type TradeStatus = 'open' | 'closed' | 'incomplete';

export interface TradeLeg {
  symbol: string;
  instrument: Instrument;
  direction: Direction;
  openedQty: number;
  closedQty: number;
  openQty: number;
  avgOpenPrice: number;
  avgClosePrice: number | null;
  realisedPnl: number;
  unrealisedPnl: number | null;
  fees: number;
}

export interface Trade {
  id: string;
  accountId: string;
  underlying: string;
  /** `incomplete`: some closing quantity had no opening among the fills given (opened earlier). */
  status: TradeStatus;
  openedAt: string;
  closedAt: string | null;
  expiries: string[];
  strategy: StrategyKind;
  /** In the strategy's order (stock, then options by expiry, strike, put before call). */
  legs: TradeLeg[];
  realisedPnl: number;
  unrealisedPnl: number | null;
  /** Fees of the closed quantities (those inside realisedPnl). */
  fees: number;
  matches: MatchedClose[];
  unmatchedCloses: FillPart[];
  fillIds: string[];
}

export function tradeId(accountId: string, firstFillId: string): string {
  // Only the first fill: adjustments that arrive in a later sync must not rename a stored trade.
  return stableId('trd', [accountId, firstFillId]);
}

export function summariseTrade(accountId: string, book: TradeBook, marks: Marks = {}): Trade {
  const openParts = book.parts.filter((part) => part.role === 'open');
  const lots = [...book.lots.values()].flat();
  const legs = legKeys(openParts).map(({ symbol, direction, instrument }) =>
    summariseLeg(symbol, direction, instrument, openParts, book.matches, lots, marks),
  );
  // Detected over every leg the trade opened, adjustments included and at the quantity opened: an
  // iron condor whose put side was rolled to other strikes becomes `custom`, which is what it is now.
  const strategy = detectStrategy(legs.map((leg) => ({ ...leg, qty: leg.openedQty })));
  const unrealised = legs.map((leg) => leg.unrealisedPnl);
  return {
    id: tradeId(accountId, book.firstFillId),
    accountId,
    underlying: book.underlying,
    status: book.incomplete ? 'incomplete' : book.closedAt === null ? 'open' : 'closed',
    openedAt: book.openedAt,
    closedAt: book.closedAt,
    expiries: [...book.expiryKeys].filter((key) => key !== 'stock').sort(),
    strategy: legs.length === 0 ? 'custom' : strategy.kind,
    legs: sortLegs(legs),
    realisedPnl: roundMoney(sum(book.matches.map((match) => match.realisedPnl))),
    unrealisedPnl: unrealised.includes(null) ? null : roundMoney(sum(unrealised.map(Number))),
    fees: roundMoney(sum(book.matches.map((match) => match.fees))),
    matches: book.matches,
    unmatchedCloses: book.parts.filter((part) => part.role === 'unmatched_close'),
    fillIds: [...new Set(book.parts.map((part) => part.fillId))],
  };
}

function legKeys(openParts: FillPart[]): { symbol: string; direction: Direction; instrument: Instrument }[] {
  const keys = new Map<string, { symbol: string; direction: Direction; instrument: Instrument }>();
  for (const part of openParts) {
    const direction: Direction = part.sign === -1 ? 'short' : 'long';
    keys.set(`${part.symbol} ${direction}`, { symbol: part.symbol, direction, instrument: part.instrument });
  }
  return [...keys.values()];
}

function summariseLeg(
  symbol: string,
  direction: Direction,
  instrument: Instrument,
  openParts: FillPart[],
  matches: MatchedClose[],
  lots: Lot[],
  marks: Marks,
): TradeLeg {
  const sign = direction === 'long' ? 1 : -1;
  const opens = openParts.filter((part) => part.symbol === symbol && part.sign === sign);
  const closes = matches.filter((match) => match.symbol === symbol && match.direction === direction);
  const held = lots.filter((lot) => lot.instrument.symbol === symbol && lot.sign === sign);
  const openQty = roundQty(sum(held.map((lot) => lot.qty)));
  const mark = marks[symbol];
  const unrealisedPnl =
    openQty === 0
      ? 0
      : mark === undefined
        ? null
        : roundMoney(sum(held.map((lot) => (mark - lot.price) * lot.qty * instrument.multiplier * sign)));
  const closedQty = roundQty(sum(closes.map((match) => match.qty)));
  return {
    symbol,
    instrument,
    direction,
    openedQty: roundQty(sum(opens.map((part) => part.qty))),
    closedQty,
    openQty,
    avgOpenPrice: weightedAverage(opens.map((part) => [part.price, part.qty])) ?? 0,
    avgClosePrice: weightedAverage(closes.map((match) => [match.closePrice, match.qty])),
    realisedPnl: roundMoney(sum(closes.map((match) => match.realisedPnl))),
    unrealisedPnl,
    fees: roundMoney(sum(closes.map((match) => match.fees))),
  };
}

function weightedAverage(pairs: [price: number, qty: number][]): number | null {
  const qty = sum(pairs.map(([, q]) => q));
  return qty === 0 ? null : roundMoney(sum(pairs.map(([price, q]) => price * q)) / qty);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
