/** What the Black-Scholes-Merton model prices: one European option on an asset with a continuous yield. */
import { OptionExpiredError, OptionInputError } from './errors.ts';

export type OptionType = 'call' | 'put';

export interface MarketInputs {
  type: OptionType;
  spot: number;
  strike: number;
  /** Continuously compounded risk-free rate, as a decimal (0.05 = 5%). */
  rate: number;
  /** Continuous dividend (or carry) yield, as a decimal. */
  dividendYield: number;
  /** Years to expiry (act/365). */
  timeToExpiry: number;
}

export interface OptionInputs extends MarketInputs {
  /** Annualised volatility, as a decimal (0.2 = 20%). */
  volatility: number;
}

/** Throws when the market inputs are outside the model's domain (see `OptionInputError`). */
export function assertMarketInputs(inputs: MarketInputs): void {
  requirePositive('spot', inputs.spot);
  requirePositive('strike', inputs.strike);
  requireFinite('rate', inputs.rate);
  requireFinite('dividend_yield', inputs.dividendYield);
  requireFinite('time to expiry', inputs.timeToExpiry);
  if (inputs.timeToExpiry <= 0) throw new OptionExpiredError(inputs.timeToExpiry);
}

export function requirePositive(field: string, value: number): void {
  requireFinite(field, value);
  if (value <= 0) throw new OptionInputError(field, `must be positive (got ${value})`);
}

function requireFinite(field: string, value: number): void {
  if (!Number.isFinite(value)) throw new OptionInputError(field, `must be a finite number (got ${value})`);
}
