/**
 * Stock and ETF quotes of the offline market: a cent-wide (or about 0.3 bp of price, whichever is
 * wider) spread around the path's mid, and displayed sizes that change every few seconds.
 */
import type { Quote } from '../../trading/broker/types.ts';
import { roundCents } from './cents.ts';
import { underlyingMid } from './price-path.ts';
import { hashUnit, seedOf } from './seeded-noise.ts';

const SIZE_BUCKET_MS = 5_000;

export function stockSpread(mid: number): number {
  return Math.max(0.01, roundCents(mid * 0.00003));
}

/** Displayed size in round lots (100–900), fixed per symbol, side and 5-second bucket. */
export function displayedSize(symbol: string, side: 'bid' | 'ask', at: Date, lot = 100): number {
  const bucket = Math.floor(at.getTime() / SIZE_BUCKET_MS);
  return lot * (1 + Math.floor(hashUnit(seedOf(`${symbol}:size:${side}`), bucket) * 9));
}

export function stockQuote(symbol: string, at: Date): Quote | undefined {
  const mid = underlyingMid(symbol, at);
  if (mid === undefined) return undefined;
  const spread = stockSpread(mid);
  // Rounding (not flooring) the centred bid keeps the mid inside the quote for any spread ≥ 1 cent.
  const bid = roundCents(mid - spread / 2);
  return {
    symbol,
    bid,
    ask: roundCents(bid + spread),
    bidSize: displayedSize(symbol, 'bid', at),
    askSize: displayedSize(symbol, 'ask', at),
    time: at.toISOString(),
  };
}
