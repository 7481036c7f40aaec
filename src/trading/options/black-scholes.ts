/**
 * Black-Scholes-Merton prices and Greeks for European options with a continuous dividend yield q:
 *
 *   d1 = (ln(S/K) + (r − q + σ²/2)T) / (σ√T),  d2 = d1 − σ√T
 *   call = S e^{−qT} Φ(d1) − K e^{−rT} Φ(d2),  put = K e^{−rT} Φ(−d2) − S e^{−qT} Φ(−d1)
 *
 * Units are the ones a trading screen shows: theta per calendar day (the annual figure / 365), vega
 * per volatility point and rho per rate point (the derivative × 0.01). Puts use Φ(−x) directly rather
 * than 1 − Φ(x), so deep in- and out-of-the-money values keep their precision.
 */
import { assertMarketInputs, type OptionInputs, requirePositive } from './contract.ts';
import { normalCdf, normalPdf } from './normal.ts';

export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  /** Change in price per calendar day that passes. */
  theta: number;
  /** Change in price for +0.01 (one point) of volatility. */
  vega: number;
  /** Change in price for +0.01 (one point) of the rate. */
  rho: number;
}

const DAYS_PER_YEAR = 365;
const POINT = 0.01;

interface Terms {
  d1: number;
  d2: number;
  sqrtT: number;
  /** S e^{−qT} */
  discountedSpot: number;
  /** K e^{−rT} */
  discountedStrike: number;
}

function terms(inputs: OptionInputs): Terms {
  assertMarketInputs(inputs);
  requirePositive('volatility', inputs.volatility);
  const { spot, strike, rate, dividendYield, volatility, timeToExpiry } = inputs;
  const sqrtT = Math.sqrt(timeToExpiry);
  const volSqrtT = volatility * sqrtT;
  const d1 =
    (Math.log(spot / strike) + (rate - dividendYield + 0.5 * volatility * volatility) * timeToExpiry) /
    volSqrtT;
  return {
    d1,
    d2: d1 - volSqrtT,
    sqrtT,
    discountedSpot: spot * Math.exp(-dividendYield * timeToExpiry),
    discountedStrike: strike * Math.exp(-rate * timeToExpiry),
  };
}

/** The option's fair value. */
export function optionPrice(inputs: OptionInputs): number {
  const { d1, d2, discountedSpot, discountedStrike } = terms(inputs);
  return inputs.type === 'call'
    ? discountedSpot * normalCdf(d1) - discountedStrike * normalCdf(d2)
    : discountedStrike * normalCdf(-d2) - discountedSpot * normalCdf(-d1);
}

/** ∂price/∂σ per unit of volatility (not per point): what Newton's method for implied volatility needs. */
export function vegaPerUnit(inputs: OptionInputs): number {
  const { d1, sqrtT, discountedSpot } = terms(inputs);
  return discountedSpot * normalPdf(d1) * sqrtT;
}

/** Price and every first-order Greek (and gamma), sharing one evaluation of d1, d2 and the discounts. */
export function optionGreeks(inputs: OptionInputs): Greeks {
  const { d1, d2, sqrtT, discountedSpot, discountedStrike } = terms(inputs);
  const { rate, dividendYield, volatility, timeToExpiry, spot } = inputs;
  const density = normalPdf(d1);
  const gamma = (Math.exp(-dividendYield * timeToExpiry) * density) / (spot * volatility * sqrtT);
  const vega = discountedSpot * density * sqrtT;
  // The time decay of the optionality, common to calls and puts.
  const decay = -(discountedSpot * density * volatility) / (2 * sqrtT);
  const dividendFactor = discountedSpot / spot;

  if (inputs.type === 'call') {
    const nd1 = normalCdf(d1);
    const nd2 = normalCdf(d2);
    return {
      price: discountedSpot * nd1 - discountedStrike * nd2,
      delta: dividendFactor * nd1,
      gamma,
      theta: (decay - rate * discountedStrike * nd2 + dividendYield * discountedSpot * nd1) / DAYS_PER_YEAR,
      vega: vega * POINT,
      rho: timeToExpiry * discountedStrike * nd2 * POINT,
    };
  }
  const nMinusD1 = normalCdf(-d1);
  const nMinusD2 = normalCdf(-d2);
  return {
    price: discountedStrike * nMinusD2 - discountedSpot * nMinusD1,
    delta: -dividendFactor * nMinusD1,
    gamma,
    theta:
      (decay + rate * discountedStrike * nMinusD2 - dividendYield * discountedSpot * nMinusD1) /
      DAYS_PER_YEAR,
    vega: vega * POINT,
    rho: -timeToExpiry * discountedStrike * nMinusD2 * POINT,
  };
}
