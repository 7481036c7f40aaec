/**
 * Live quotes on top of the polled positions: each leg marked at its latest quote's mid (only a
 * quote newer than the positions' as_of, so a fresher poll is never overwritten by an older tick),
 * P&L recomputed as the server does it: (mark − entry) × qty × multiplier, reversed for shorts.
 */
import type { PositionLeg, PositionStrategy, Positions } from './trading-types.ts';

export interface LiveQuote {
  symbol: string;
  bid: number;
  ask: number;
  mid: number;
  time: string;
}

export type QuoteFrame =
  | { type: 'quotes'; quotes: LiveQuote[] }
  | { type: 'status'; upstream: 'connected' | 'reconnecting' | 'replay'; message?: string }
  | { type: 'subscribed'; symbols: string[] }
  | { type: 'error'; message: string };

/** A server frame, or null for anything this console does not understand (ignored, not fatal). */
export function parseQuoteFrame(raw: unknown): QuoteFrame | null {
  if (typeof raw !== 'string') return null;
  let frame: unknown;
  try {
    frame = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null) return null;
  const { type } = frame as { type?: unknown };
  if (type === 'quotes') {
    const quotes = (frame as { quotes?: unknown }).quotes;
    if (!Array.isArray(quotes)) return null;
    return { type, quotes: quotes.filter(isQuote) };
  }
  if (type === 'status' || type === 'subscribed' || type === 'error') return frame as QuoteFrame;
  return null;
}

function isQuote(value: unknown): value is LiveQuote {
  const quote = value as Partial<LiveQuote> | null;
  return (
    typeof quote?.symbol === 'string' &&
    typeof quote.mid === 'number' &&
    Number.isFinite(quote.mid) &&
    typeof quote.time === 'string'
  );
}

const cents = (value: number): number => Math.round(value * 100) / 100;

function sum(values: ReadonlyArray<number | null>): number | null {
  return values.includes(null)
    ? null
    : cents(values.reduce<number>((total, value) => total + (value ?? 0), 0));
}

function markLeg(leg: PositionLeg, quote: LiveQuote | undefined, asOf: number): PositionLeg {
  if (!quote || !(Date.parse(quote.time) > asOf)) return leg;
  const multiplier = leg.kind === 'stock' ? 1 : 100;
  const sign = leg.direction === 'short' ? -1 : 1;
  const pnl = cents((quote.mid - leg.avg_entry_price) * leg.qty * multiplier * sign);
  const entryCost = leg.avg_entry_price * leg.qty * multiplier;
  return { ...leg, current_price: quote.mid, pnl, pnl_fraction: entryCost === 0 ? null : pnl / entryCost };
}

/** The positions with every leg that has a newer quote re-marked; the same object when none has. */
export function applyQuotes(positions: Positions, quotes: ReadonlyMap<string, LiveQuote>): Positions {
  const asOf = Date.parse(positions.as_of);
  let changed = false;
  const strategies = positions.strategies.map((strategy): PositionStrategy => {
    const legs = strategy.legs.map((leg) => markLeg(leg, quotes.get(leg.symbol), asOf));
    if (legs.every((leg, index) => leg === strategy.legs[index])) return strategy;
    changed = true;
    return { ...strategy, legs, pnl: sum(legs.map((leg) => leg.pnl)) };
  });
  if (!changed) return positions;
  return { ...positions, strategies, total_pnl: sum(strategies.map((strategy) => strategy.pnl)) };
}

/** The symbols a positions page needs quotes for, sorted (a stable key for re-subscribing). */
export function legSymbols(positions: Positions | null): string[] {
  if (!positions) return [];
  return [
    ...new Set(positions.strategies.flatMap((strategy) => strategy.legs.map((leg) => leg.symbol))),
  ].sort();
}

/** What to send to move a socket's subscription from `before` to `after`. */
export function subscriptionChanges(
  before: readonly string[],
  after: readonly string[],
): { subscribe: string[]; unsubscribe: string[] } {
  const old = new Set(before);
  const fresh = new Set(after);
  return {
    subscribe: after.filter((symbol) => !old.has(symbol)),
    unsubscribe: before.filter((symbol) => !fresh.has(symbol)),
  };
}
