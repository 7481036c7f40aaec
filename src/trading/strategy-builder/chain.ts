/**
 * A broker's chain entries reduced to what the builder chooses by: OCC fields, a mid price and a
 * delta (the provider's, or Black-Scholes from its implied volatility when it sent none).
 */
import type { OptionChainEntry } from '../broker/types.ts';
import { optionGreeks } from '../options/black-scholes.ts';
import { parseOccSymbol } from '../options/occ-symbol.ts';
import { yearsUntilExpiry } from '../options/time-to-expiry.ts';
import type { ChainContract } from './types.ts';

/** Used only to compute a missing delta from an implied volatility. */
const RATE = 0.04;

export function chainContracts(
  entries: readonly OptionChainEntry[],
  spot: number,
  now: Date,
): ChainContract[] {
  const contracts: ChainContract[] = [];
  for (const entry of entries) {
    let parsed: ReturnType<typeof parseOccSymbol>;
    try {
      parsed = parseOccSymbol(entry.symbol);
    } catch {
      continue;
    }
    const bid = entry.quote && entry.quote.bid > 0 ? entry.quote.bid : null;
    const ask = entry.quote && entry.quote.ask > 0 ? entry.quote.ask : null;
    const mid = bid !== null && ask !== null ? round2((bid + ask) / 2) : (entry.lastPrice ?? ask ?? bid);
    contracts.push({
      symbol: entry.symbol,
      expiry: parsed.expiry,
      type: parsed.type,
      strike: parsed.strike,
      bid,
      ask,
      mid,
      delta: entry.greeks?.delta ?? computedDelta(parsed, entry.impliedVolatility, spot, now),
    });
  }
  return contracts;
}

function computedDelta(
  contract: { type: 'call' | 'put'; strike: number; expiry: string },
  volatility: number | null,
  spot: number,
  now: Date,
): number | null {
  if (volatility === null || !(volatility > 0) || !(spot > 0)) return null;
  const timeToExpiry = yearsUntilExpiry(contract.expiry, now);
  if (!(timeToExpiry > 0)) return null;
  return optionGreeks({
    type: contract.type,
    spot,
    strike: contract.strike,
    rate: RATE,
    dividendYield: 0,
    timeToExpiry,
    volatility,
  }).delta;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
