/**
 * Market regime from daily closes of several tickers. The original Market-Regime-Agent's rules are not
 * public (only its contract and label format are), so these rules are this port's, deterministic and
 * documented here. Label: "<Risk-On|Risk-Off> / <High Vol|Low/Normal Vol> / <Uptrend|Downtrend> /
 * <Healthy|Weak> Breadth", e.g. "Risk-Off / Low/Normal Vol / Downtrend / Healthy Breadth".
 *
 * Segments (all on the last row):
 * - Trend: Uptrend when the equity proxy (SPY) closes above its SMA50 and SMA50 ≥ SMA200.
 * - Volatility: the equity proxy's realised vol, the sample std of its last 20 daily log returns
 *   × √252; "High Vol" above 0.22 (22% a year, well above SPY's long-run ~16%).
 * - Risk appetite: 63-day (one quarter) return of the equity proxy minus the bond proxy's (TLT);
 *   Risk-On when positive AND the trend is up (stocks beating bonds in a falling market is not risk-on).
 * - Breadth: the share of non-bond tickers closing above their SMA50; Healthy at ≥ 0.5.
 * - Confidence: how far each segment is from its cut-off, as four margins clipped to [0, 1]
 *   (|close/SMA50 − 1|/0.05, |vol − 0.22|/0.10, |relative return|/0.05, |breadth − 0.5|/0.5), averaged
 *   and mapped to 0.5 + 0.45 × mean, so a decision right on a boundary is 0.5 and a clear one 0.95.
 * Needs ≥ 200 rows (the SMA200) and the equity and bond proxies present.
 */
import { SMA } from 'trading-signals';
import { QuantInputError } from './errors.ts';
import { type PriceTable, validatePriceTable } from './price-table.ts';
import { clamp, logReturns, roundTo, sampleStd, TRADING_DAYS_PER_YEAR } from './stats.ts';

export interface RegimeOptions {
  /** The broad equity index whose trend, volatility and quarter return drive the label. */
  equityTicker?: string;
  /** The long-bond proxy for risk appetite; excluded from breadth with the other bond tickers. */
  bondTicker?: string;
  /** Tickers treated as bonds (never counted in breadth). */
  bondTickers?: readonly string[];
  highVolThreshold?: number;
}

export interface RegimeSignals {
  equity_close: number;
  equity_sma50: number;
  equity_sma200: number;
  /** SMA50 now minus SMA50 20 rows earlier, over the latter: the trend's slope, reported only. */
  equity_sma50_slope_20d: number;
  realised_vol_20d: number;
  high_vol_threshold: number;
  equity_return_63d: number;
  bond_return_63d: number;
  relative_return_63d: number;
  breadth: number;
  breadth_tickers: string[];
}

export interface RegimeDecision {
  asof: string;
  label: string;
  confidence: number;
  drivers: string[];
  implications: string[];
  signals: RegimeSignals;
  segments: {
    risk: 'Risk-On' | 'Risk-Off';
    volatility: 'High Vol' | 'Low/Normal Vol';
    trend: 'Uptrend' | 'Downtrend';
    breadth: 'Healthy Breadth' | 'Weak Breadth';
  };
}

export const REGIME_MIN_ROWS = 200;
const VOL_WINDOW = 20;
const QUARTER = 63;
const SLOPE_LOOKBACK = 20;
const DEFAULT_BOND_TICKERS = ['TLT', 'IEF', 'SHY', 'BND', 'AGG', 'IEI', 'TLH', 'GOVT'];

interface Averages {
  sma50: number;
  sma50Earlier: number;
  sma200: number;
}

/** SMA50 (now and SLOPE_LOOKBACK rows back) and SMA200 of a close series, via trading-signals. */
function movingAverages(closes: readonly number[]): Averages {
  const fast = new SMA(50);
  const slow = new SMA(200);
  const fastHistory: number[] = [];
  for (const close of closes) {
    const value = fast.add(close);
    slow.add(close);
    if (value !== null) fastHistory.push(value);
  }
  const sma50 = fast.getResultOrThrow();
  return {
    sma50,
    sma50Earlier: fastHistory[fastHistory.length - 1 - SLOPE_LOOKBACK] ?? sma50,
    sma200: slow.getResult() ?? Number.NaN,
  };
}

function lastOf(values: readonly number[]): number {
  return values[values.length - 1] ?? Number.NaN;
}

function quarterReturn(closes: readonly number[]): number {
  return lastOf(closes) / (closes[closes.length - 1 - QUARTER] ?? Number.NaN) - 1;
}

export function classifyRegime(prices: PriceTable, options: RegimeOptions = {}): RegimeDecision {
  const equityTicker = options.equityTicker ?? 'SPY';
  const bondTicker = options.bondTicker ?? 'TLT';
  const bondTickers = new Set([...(options.bondTickers ?? DEFAULT_BOND_TICKERS), bondTicker]);
  const threshold = options.highVolThreshold ?? 0.22;
  validatePriceTable(prices);
  const rows = prices.dates.length;
  if (rows < REGIME_MIN_ROWS)
    throw new QuantInputError(
      'prices.dates',
      `has ${rows} rows; the regime needs at least ${REGIME_MIN_ROWS} daily closes (SMA200)`,
    );
  const equity = prices.closes[equityTicker];
  const bond = prices.closes[bondTicker];
  if (!equity) throw new QuantInputError(`prices.closes.${equityTicker}`, 'is missing (the equity proxy)');
  if (!bond) throw new QuantInputError(`prices.closes.${bondTicker}`, 'is missing (the bond proxy)');

  const averages = movingAverages(equity);
  const close = lastOf(equity);
  const uptrend = close > averages.sma50 && averages.sma50 >= averages.sma200;
  const vol = sampleStd(logReturns(equity.slice(-(VOL_WINDOW + 1)))) * Math.sqrt(TRADING_DAYS_PER_YEAR);
  const highVol = vol > threshold;
  const equityReturn = quarterReturn(equity);
  const bondReturn = quarterReturn(bond);
  const relative = equityReturn - bondReturn;
  const riskOn = relative > 0 && uptrend;

  const breadthTickers = Object.keys(prices.closes).filter((ticker) => !bondTickers.has(ticker));
  const above = breadthTickers.filter((ticker) => {
    const closes = prices.closes[ticker] ?? [];
    return lastOf(closes) > movingAverages(closes).sma50;
  });
  const breadth = breadthTickers.length === 0 ? 0 : above.length / breadthTickers.length;
  const healthy = breadth >= 0.5;

  const segments: RegimeDecision['segments'] = {
    risk: riskOn ? 'Risk-On' : 'Risk-Off',
    volatility: highVol ? 'High Vol' : 'Low/Normal Vol',
    trend: uptrend ? 'Uptrend' : 'Downtrend',
    breadth: healthy ? 'Healthy Breadth' : 'Weak Breadth',
  };
  const margins = [
    Math.abs(close / averages.sma50 - 1) / 0.05,
    Math.abs(vol - threshold) / 0.1,
    Math.abs(relative) / 0.05,
    Math.abs(breadth - 0.5) / 0.5,
  ].map((margin) => clamp(margin, 0, 1));
  const confidence = 0.5 + 0.45 * (margins.reduce((sum, margin) => sum + margin, 0) / margins.length);

  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const drivers = [
    `${segments.trend}: ${equityTicker} ${close.toFixed(2)} vs SMA50 ${averages.sma50.toFixed(2)}, SMA200 ${averages.sma200.toFixed(2)}`,
    `${segments.volatility}: 20-day realised vol ${percent(vol)} (cut-off ${percent(threshold)})`,
    `${segments.risk}: 63-day ${equityTicker} ${percent(equityReturn)} vs ${bondTicker} ${percent(bondReturn)}`,
    `${segments.breadth}: ${above.length} of ${breadthTickers.length} non-bond tickers above their SMA50`,
  ];
  const implications = [
    uptrend ? 'trend-following longs favoured' : 'avoid new trend longs; favour cash or defensive assets',
    highVol ? 'cut position sizes and widen stops' : 'normal position sizing',
    healthy ? 'participation broad' : 'participation narrow; rallies less reliable',
  ];
  return {
    asof: prices.dates[rows - 1] ?? '',
    label: `${segments.risk} / ${segments.volatility} / ${segments.trend} / ${segments.breadth}`,
    confidence: roundTo(confidence, 4),
    drivers,
    implications,
    segments,
    signals: {
      equity_close: close,
      equity_sma50: averages.sma50,
      equity_sma200: averages.sma200,
      equity_sma50_slope_20d: averages.sma50 / averages.sma50Earlier - 1,
      realised_vol_20d: vol,
      high_vol_threshold: threshold,
      equity_return_63d: equityReturn,
      bond_return_63d: bondReturn,
      relative_return_63d: relative,
      breadth,
      breadth_tickers: breadthTickers,
    },
  };
}
