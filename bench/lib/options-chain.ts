/**
 * A realistic option-chain grid for the options-greeks benchmark, and the loops it times. Runs inside
 * workerd (bench/lib/options-worker.ts), so it imports only the pure options math.
 *
 * 20 underlyings × 10 expiries (a week to two years) × 25 strikes × call and put = 10,000 contracts.
 * Strikes span ±2.5 standard deviations of the forward, as listed strikes widen with time; volatility
 * follows a skewed smile, and each quote is the model price at that volatility, so every implied
 * volatility is known.
 */
import { optionPrice } from '../../src/trading/options/black-scholes.ts';
import type { MarketInputs, OptionType } from '../../src/trading/options/contract.ts';
import { evaluateOption } from '../../src/trading/options/evaluate.ts';

export interface Quote {
  market: MarketInputs;
  volatility: number;
  price: number;
}

const UNDERLYINGS = 20;
const EXPIRY_DAYS = [7, 14, 21, 30, 45, 60, 91, 182, 365, 730];
const STRIKES_PER_EXPIRY = 25;
const TYPES: OptionType[] = ['call', 'put'];
const RATE = 0.045;

export function buildChain(): Quote[] {
  const quotes: Quote[] = [];
  for (let underlying = 0; underlying < UNDERLYINGS; underlying++) {
    const spot = 20 + underlying * 24.5;
    const dividendYield = (underlying % 5) * 0.006;
    const atTheMoneyVolatility = 0.15 + (underlying % 7) * 0.05;
    for (const days of EXPIRY_DAYS) {
      const timeToExpiry = days / 365;
      const forward = spot * Math.exp((RATE - dividendYield) * timeToExpiry);
      const spread = atTheMoneyVolatility * Math.sqrt(timeToExpiry);
      for (let index = 0; index < STRIKES_PER_EXPIRY; index++) {
        const standardDeviations = -2.5 + (5 * index) / (STRIKES_PER_EXPIRY - 1);
        const strike = Math.round(forward * Math.exp(standardDeviations * spread) * 100) / 100;
        const logMoneyness = Math.log(strike / forward);
        const volatility = atTheMoneyVolatility - 0.3 * logMoneyness + 0.5 * logMoneyness * logMoneyness;
        for (const type of TYPES) {
          const market: MarketInputs = { type, spot, strike, rate: RATE, dividendYield, timeToExpiry };
          quotes.push({ market, volatility, price: optionPrice({ ...market, volatility }) });
        }
      }
    }
  }
  return quotes;
}

export interface ChainResult {
  contracts: number;
  /** Sum of every figure computed: keeps the work observable, so none of it can be skipped. */
  checksum: number;
  /** Largest |solved − true| implied volatility (0 when none was solved). */
  worstVolatilityError: number;
  /** Contracts whose price carried too little time value to solve (they count as failures). */
  failures: number;
}

/** What the API does per contract with a price: implied volatility, then the Greeks at it. */
export function greeksFromPrices(chain: readonly Quote[]): ChainResult {
  let checksum = 0;
  let worstVolatilityError = 0;
  let failures = 0;
  for (const quote of chain) {
    try {
      const result = evaluateOption(quote.market, { price: quote.price });
      const solved = result.impliedVolatility ?? Number.NaN;
      worstVolatilityError = Math.max(worstVolatilityError, Math.abs(solved - quote.volatility));
      checksum += result.delta + result.gamma + result.theta + result.vega + result.rho + solved;
    } catch {
      failures++;
    }
  }
  return { contracts: chain.length, checksum, worstVolatilityError, failures };
}

/** The baseline: the same loop computing only the price at the known volatility. */
export function pricesOnly(chain: readonly Quote[]): ChainResult {
  let checksum = 0;
  for (const quote of chain) checksum += optionPrice({ ...quote.market, volatility: quote.volatility });
  return { contracts: chain.length, checksum, worstVolatilityError: 0, failures: 0 };
}
