/**
 * The symbols the offline market quotes, with sample figures: a reference price near late-2026
 * levels, an annual volatility, a dividend yield, the option strike grid and the volatility skew.
 * These are illustrative numbers chosen to look like the real instruments, not market data: the
 * offline market exists so the desk works with no broker keys and tests are repeatable.
 */

export interface StrikeGrid {
  /** Strike spacing near the money (within `fineBand` of spot, as a fraction). */
  fineStep: number;
  fineBand: number;
  /** Spacing further out, up to `outerBand` of spot. */
  coarseStep: number;
  outerBand: number;
}

export interface OfflineInstrument {
  symbol: string;
  name: string;
  /** The price the intraday path wanders around (dollars). */
  referencePrice: number;
  /** Annualised at-the-money volatility (0.15 = 15%). */
  volatility: number;
  /** Continuous dividend yield for option pricing. */
  dividendYield: number;
  strikes: StrikeGrid;
  /**
   * Implied volatility slope against log-moneyness per √year: negative means puts (lower strikes)
   * are dearer, the equity-index shape; metals are closer to flat with a slight call bid.
   */
  skew: number;
  /** Curvature of the smile (adds to both wings). */
  smile: number;
}

/** The continuously compounded risk-free rate the offline options are priced with. */
export const OFFLINE_RISK_FREE_RATE = 0.04;

const INDEX_GRID: StrikeGrid = { fineStep: 1, fineBand: 0.08, coarseStep: 5, outerBand: 0.25 };

export const OFFLINE_INSTRUMENTS: Readonly<Record<string, OfflineInstrument>> = {
  SPY: {
    symbol: 'SPY',
    name: 'SPDR S&P 500 ETF (sample data)',
    referencePrice: 705,
    volatility: 0.15,
    dividendYield: 0.012,
    strikes: INDEX_GRID,
    skew: -0.12,
    smile: 0.05,
  },
  QQQ: {
    symbol: 'QQQ',
    name: 'Invesco QQQ Trust (sample data)',
    referencePrice: 630,
    volatility: 0.19,
    dividendYield: 0.006,
    strikes: INDEX_GRID,
    skew: -0.1,
    smile: 0.05,
  },
  IWM: {
    symbol: 'IWM',
    name: 'iShares Russell 2000 ETF (sample data)',
    referencePrice: 252,
    volatility: 0.21,
    dividendYield: 0.012,
    strikes: { fineStep: 1, fineBand: 0.1, coarseStep: 5, outerBand: 0.3 },
    skew: -0.09,
    smile: 0.05,
  },
  GLD: {
    symbol: 'GLD',
    name: 'SPDR Gold Shares (sample data)',
    referencePrice: 385,
    volatility: 0.17,
    dividendYield: 0,
    strikes: { fineStep: 1, fineBand: 0.1, coarseStep: 5, outerBand: 0.3 },
    skew: 0.02,
    smile: 0.04,
  },
  SLV: {
    symbol: 'SLV',
    name: 'iShares Silver Trust (sample data)',
    referencePrice: 52,
    volatility: 0.3,
    dividendYield: 0,
    strikes: { fineStep: 0.5, fineBand: 0.15, coarseStep: 1, outerBand: 0.4 },
    skew: 0.03,
    smile: 0.05,
  },
  AAPL: {
    symbol: 'AAPL',
    name: 'Apple Inc. (sample data)',
    referencePrice: 285,
    volatility: 0.25,
    dividendYield: 0.004,
    strikes: { fineStep: 2.5, fineBand: 0.1, coarseStep: 5, outerBand: 0.35 },
    skew: -0.07,
    smile: 0.04,
  },
};

export const OFFLINE_SYMBOLS: readonly string[] = Object.keys(OFFLINE_INSTRUMENTS);

export function offlineInstrument(symbol: string): OfflineInstrument | undefined {
  return Object.hasOwn(OFFLINE_INSTRUMENTS, symbol) ? OFFLINE_INSTRUMENTS[symbol] : undefined;
}
