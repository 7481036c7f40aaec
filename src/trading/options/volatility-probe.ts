/**
 * One contract's Black-Scholes-Merton price and vega as functions of σ alone: what the implied-
 * volatility solver evaluates on every iteration. Everything that does not depend on σ (the log
 * forward moneyness, √T, both discounts) is computed once, and `at` writes into fields instead of
 * returning an object, so a chain of thousands of contracts solves without allocating per iteration.
 * The formulas are those of black-scholes.ts (its tests hold this to them).
 */
import { assertMarketInputs, type MarketInputs } from './contract.ts';
import { normalCdf, normalPdf } from './normal.ts';

export class VolatilityProbe {
  /** Price at the σ last passed to `at`. */
  price = 0;
  /** ∂price/∂σ per unit of σ at that σ. */
  vega = 0;

  private readonly isCall: boolean;
  /** ln(F/K) = ln(S/K) + (r − q)T */
  private readonly logMoneyness: number;
  private readonly timeToExpiry: number;
  private readonly sqrtT: number;
  private readonly discountedSpot: number;
  private readonly discountedStrike: number;

  constructor(market: MarketInputs) {
    assertMarketInputs(market);
    const { spot, strike, rate, dividendYield, timeToExpiry } = market;
    this.isCall = market.type === 'call';
    this.logMoneyness = Math.log(spot / strike) + (rate - dividendYield) * timeToExpiry;
    this.timeToExpiry = timeToExpiry;
    this.sqrtT = Math.sqrt(timeToExpiry);
    this.discountedSpot = spot * Math.exp(-dividendYield * timeToExpiry);
    this.discountedStrike = strike * Math.exp(-rate * timeToExpiry);
  }

  at(volatility: number): void {
    const volSqrtT = volatility * this.sqrtT;
    const d1 = (this.logMoneyness + 0.5 * volatility * volatility * this.timeToExpiry) / volSqrtT;
    const d2 = d1 - volSqrtT;
    this.price = this.isCall
      ? this.discountedSpot * normalCdf(d1) - this.discountedStrike * normalCdf(d2)
      : this.discountedStrike * normalCdf(-d2) - this.discountedSpot * normalCdf(-d1);
    this.vega = this.discountedSpot * normalPdf(d1) * this.sqrtT;
  }
}
