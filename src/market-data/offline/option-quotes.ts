/**
 * Option quotes of the offline market: Black-Scholes-Merton fair value at the surface's volatility
 * (volatility.ts) on the underlying's path price, a spread that widens with the premium (one cent
 * plus 0.6% of the value, at most a dollar), cent ticks, and the model's Greeks. A contract has no
 * quote at or after its expiry (16:00 New York on the expiry date).
 */

import type { OptionChainEntry, Quote } from '../../trading/broker/types.ts';
import { optionGreeks } from '../../trading/options/black-scholes.ts';
import type { OccContract } from '../../trading/options/occ-symbol.ts';
import { yearsUntilExpiry } from '../../trading/options/time-to-expiry.ts';
import { ceilCents, floorCents, roundCents } from './cents.ts';
import { OFFLINE_RISK_FREE_RATE, type OfflineInstrument } from './instruments.ts';
import { underlyingMid } from './price-path.ts';
import { displayedSize } from './stock-quotes.ts';
import { impliedVolatilityAt } from './volatility.ts';

const MAX_SPREAD = 1;

export function optionSpread(fairValue: number): number {
  return Math.min(MAX_SPREAD, Math.max(0.01, roundCents(0.01 + 0.006 * fairValue)));
}

/** Bid and ask in cents around a fair value: never a negative bid, always at least a cent wide. */
export function optionBidAsk(fairValue: number): { bid: number; ask: number } {
  const half = optionSpread(fairValue) / 2;
  const bid = Math.max(0, floorCents(fairValue - half));
  const ask = Math.max(roundCents(bid + 0.01), ceilCents(fairValue + half));
  return { bid, ask };
}

/** A priced contract: its quote, the volatility used and the Greeks; undefined once expired. */
export function optionChainEntry(
  instrument: OfflineInstrument,
  symbol: string,
  contract: OccContract,
  at: Date,
): OptionChainEntry | undefined {
  const years = yearsUntilExpiry(contract.expiry, at);
  const spot = underlyingMid(instrument.symbol, at);
  if (years <= 0 || spot === undefined) return undefined;
  const volatility = impliedVolatilityAt(instrument, contract.strike, spot, years);
  const figures = optionGreeks({
    type: contract.type,
    spot,
    strike: contract.strike,
    rate: OFFLINE_RISK_FREE_RATE,
    dividendYield: instrument.dividendYield,
    timeToExpiry: years,
    volatility,
  });
  const { bid, ask } = optionBidAsk(figures.price);
  const quote: Quote = {
    symbol,
    bid,
    ask,
    bidSize: displayedSize(symbol, 'bid', at, 10),
    askSize: displayedSize(symbol, 'ask', at, 10),
    time: at.toISOString(),
  };
  return {
    symbol,
    quote,
    // Nothing trades in the offline market, so there is no last sale to report.
    lastPrice: null,
    impliedVolatility: volatility,
    greeks: {
      delta: figures.delta,
      gamma: figures.gamma,
      theta: figures.theta,
      vega: figures.vega,
      rho: figures.rho,
    },
  };
}
