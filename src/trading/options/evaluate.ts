/**
 * One option's figures from what a caller knows: either its volatility, or a quoted premium (the
 * implied volatility is solved first, and the Greeks use it).
 */
import { type Greeks, optionGreeks } from './black-scholes.ts';
import type { MarketInputs } from './contract.ts';
import { impliedVolatility } from './implied-volatility.ts';

export type Evaluation = Greeks & { impliedVolatility?: number };

export type VolatilitySource = { volatility: number } | { price: number };

export function evaluateOption(market: MarketInputs, source: VolatilitySource): Evaluation {
  if ('volatility' in source) return optionGreeks({ ...market, volatility: source.volatility });
  const volatility = impliedVolatility(market, source.price);
  return { ...optionGreeks({ ...market, volatility }), impliedVolatility: volatility };
}
