/**
 * The no-arbitrage range of a European option's price, whatever the volatility:
 *   call: max(0, S e^{−qT} − K e^{−rT}) ≤ C ≤ S e^{−qT}
 *   put:  max(0, K e^{−rT} − S e^{−qT}) ≤ P ≤ K e^{−rT}
 * The model's price tends to the lower bound as σ → 0 and to the upper one as σ → ∞.
 */
import type { MarketInputs } from './contract.ts';

export interface PriceBounds {
  lower: number;
  upper: number;
}

export function noArbitrageBounds(inputs: MarketInputs): PriceBounds {
  const discountedSpot = inputs.spot * Math.exp(-inputs.dividendYield * inputs.timeToExpiry);
  const discountedStrike = inputs.strike * Math.exp(-inputs.rate * inputs.timeToExpiry);
  return inputs.type === 'call'
    ? { lower: Math.max(0, discountedSpot - discountedStrike), upper: discountedSpot }
    : { lower: Math.max(0, discountedStrike - discountedSpot), upper: discountedStrike };
}
