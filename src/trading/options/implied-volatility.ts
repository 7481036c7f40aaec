/**
 * Implied volatility: the σ at which the Black-Scholes-Merton price equals a quoted premium.
 *
 * The price is strictly increasing in σ, from the discounted intrinsic value at σ = 0 to the
 * discounted spot (call) or strike (put) as σ → ∞, so a premium strictly inside those bounds has
 * exactly one answer. The solver is a safeguarded Newton-Raphson: it keeps a bracket [low, high] that
 * always contains the root and takes a bisection step instead whenever Newton would leave the bracket,
 * vega is too small to divide by, or Newton is not at least halving its step (far from the root, or on
 * the flat wings of a deep in- or out-of-the-money option). It starts from the inflection point
 * σ* = √(2|ln(F/K)|/T), from which plain Newton converges monotonically (Manaster and Koehler).
 */

import { noArbitrageBounds } from './bounds.ts';
import { assertMarketInputs, type MarketInputs } from './contract.ts';
import { OptionInputError, PriceOutsideBoundsError, VolatilityOutOfRangeError } from './errors.ts';
import { VolatilityProbe } from './volatility-probe.ts';

/** 1,000% a year: beyond this a quote is a data error rather than a market. */
export const MAX_IMPLIED_VOLATILITY = 10;
/** Where the solver starts when the option is at the money forward (the inflection point is then 0). */
const AT_THE_MONEY_GUESS = 0.2;
/** Stop once a step moves σ by less than this (absolute, in volatility units). */
const VOLATILITY_TOLERANCE = 1e-13;
/** Below this vega (price per unit of σ) a Newton step is mostly rounding error. */
const TINY_VEGA = 1e-12;
/** Bisection alone needs ~47 halvings from [0, 10] to 1e-13; Newton needs far fewer. */
const MAX_ITERATIONS = 200;

export function impliedVolatility(market: MarketInputs, price: number): number {
  assertMarketInputs(market);
  if (!Number.isFinite(price)) throw new OptionInputError('price', `must be a finite number (got ${price})`);
  const { lower, upper } = noArbitrageBounds(market);
  if (!(price > lower && price < upper)) throw new PriceOutsideBoundsError(price, lower, upper);

  const probe = new VolatilityProbe(market);
  probe.at(MAX_IMPLIED_VOLATILITY);
  if (probe.price < price) throw new VolatilityOutOfRangeError(price, MAX_IMPLIED_VOLATILITY);

  // Invariant: price(low) < target ≤ price(high); price(0) is the lower bound, already below it.
  let low = 0;
  let high = MAX_IMPLIED_VOLATILITY;
  let volatility = initialGuess(market);
  let previousStep = high - low;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    probe.at(volatility);
    const error = probe.price - price;
    if (error === 0) return volatility;
    if (error < 0) low = volatility;
    else high = volatility;

    const newton = volatility - error / probe.vega;
    const newtonStep = Math.abs(newton - volatility);
    const useNewton =
      probe.vega > TINY_VEGA && newton > low && newton < high && newtonStep <= previousStep / 2;
    const next = useNewton ? newton : 0.5 * (low + high);
    previousStep = Math.abs(next - volatility);
    volatility = next;
    if (previousStep < VOLATILITY_TOLERANCE || high - low < VOLATILITY_TOLERANCE) return volatility;
  }
  return volatility;
}

function initialGuess(market: MarketInputs): number {
  const { spot, strike, rate, dividendYield, timeToExpiry } = market;
  const logMoneyness = Math.log(spot / strike) + (rate - dividendYield) * timeToExpiry;
  const inflection = Math.sqrt((2 * Math.abs(logMoneyness)) / timeToExpiry);
  const guess = Math.max(inflection, AT_THE_MONEY_GUESS);
  return Math.min(guess, 0.5 * MAX_IMPLIED_VOLATILITY);
}
