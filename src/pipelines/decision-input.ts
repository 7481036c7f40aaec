/**
 * Builds the decision pipeline's input from a decision request and the bundled sample bars (the only
 * market data the Worker has offline): closes up to `as_of`, the holdings priced from them, and the
 * guardian's price and ATR for its symbol. Pure.
 */
import type { DecisionInput } from '../quant/decision-pipeline.ts';
import { QuantInputError } from '../quant/errors.ts';
import type { Holding } from '../quant/portfolio.ts';
import { type PriceTable, priceTableFromBars, tailOfTable } from '../quant/price-table.ts';
import type { DailyBar } from '../quant/sample-bars.ts';
import type { DecisionParams } from './decision-params.ts';

/** Rows given to the regime: its SMA200 needs 200, the slope of the SMA50 a few more. */
export const REGIME_ROWS = 260;
/** The regime's SMA200 needs this many rows up to `as_of`. */
const MIN_ROWS = 200;
const ATR_DAYS = 14;
export const DEFAULT_HOLDINGS: readonly Holding[] = [
  { symbol: 'SPY', shares: 100 },
  { symbol: 'TLT', shares: 100 },
];
export const DEFAULT_CASH = 10_000;
const DEFAULT_GUARDIAN_SYMBOL = 'SPY';

/** The dates `as_of` may take: the regime needs 200 rows of history before it. */
export function asOfRange(bars: Readonly<Record<string, readonly DailyBar[]>>): { from: string; to: string } {
  const dates = Object.values(bars)[0] ?? [];
  const from = dates[MIN_ROWS - 1]?.date;
  const to = dates.at(-1)?.date;
  if (!from || !to) throw new Error('the bundled bars have fewer than 200 days');
  return { from, to };
}

/** Average true range over the last 14 bars ending at `end` (inclusive). */
function averageTrueRange(bars: readonly DailyBar[], end: number): number {
  let total = 0;
  let count = 0;
  for (let index = Math.max(1, end - ATR_DAYS + 1); index <= end; index += 1) {
    const bar = bars[index];
    const previous = bars[index - 1];
    if (!bar || !previous) continue;
    total += Math.max(
      bar.high - bar.low,
      Math.abs(bar.high - previous.close),
      Math.abs(bar.low - previous.close),
    );
    count += 1;
  }
  return count === 0 ? 0 : total / count;
}

export interface BuiltDecision {
  input: DecisionInput;
  /** The last bar's date actually used (the trading day on or before `as_of`). */
  asOf: string;
}

/** The pipeline's input; a QuantInputError names the field when the request cannot be served. */
export function buildDecisionInput(
  params: DecisionParams,
  bars: Readonly<Record<string, readonly DailyBar[]>>,
  now: Date,
): BuiltDecision {
  const range = asOfRange(bars);
  const asOfWanted = params.as_of ?? range.to;
  if (asOfWanted < range.from || asOfWanted > range.to)
    throw new QuantInputError(
      'as_of',
      `must be between ${range.from} and ${range.to}, the range of the bundled sample bars (got ${asOfWanted})`,
    );
  const table: PriceTable = priceTableFromBars(bars);
  const end = lastIndexOnOrBefore(table.dates, asOfWanted);
  const upTo: PriceTable = tailOfTable(
    {
      dates: table.dates.slice(0, end + 1),
      closes: Object.fromEntries(Object.entries(table.closes).map(([s, c]) => [s, c.slice(0, end + 1)])),
    },
    REGIME_ROWS,
  );
  const holdings: Holding[] = params.holdings
    ? params.holdings.map((h) => ({
        symbol: h.symbol,
        shares: h.quantity,
        ...(h.cost_basis === undefined ? {} : { avg_price: h.cost_basis }),
      }))
    : [...DEFAULT_HOLDINGS];
  holdings.forEach((holding, index) => {
    if (!upTo.closes[holding.symbol])
      throw new QuantInputError(
        `holdings.${index}.symbol`,
        `has no bundled prices (${Object.keys(bars).join(', ')} have)`,
      );
  });
  const guardianSymbol = params.guardian?.symbol ?? DEFAULT_GUARDIAN_SYMBOL;
  const guardianBars = bars[guardianSymbol];
  if (!guardianBars)
    throw new QuantInputError(
      'guardian.symbol',
      `has no bundled prices (${Object.keys(bars).join(', ')} have)`,
    );
  const guardianBar = guardianBars[end];
  if (!guardianBar) throw new Error(`no ${guardianSymbol} bar at row ${end}`);
  return {
    asOf: table.dates[end] ?? asOfWanted,
    input: {
      prices: upTo,
      holdings,
      cash: params.cash ?? DEFAULT_CASH,
      ...(params.execution_score === undefined ? {} : { executionScore: params.execution_score }),
      now: now.toISOString(),
      guardian: {
        price: guardianBar.close,
        atr: averageTrueRange(guardianBars, end),
        tradeType: params.guardian?.trade_type ?? 'swing',
        recentLosses: params.guardian?.recent_losses ?? 0,
      },
    },
  };
}

function lastIndexOnOrBefore(dates: readonly string[], date: string): number {
  let low = 0;
  let high = dates.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((dates[middle] ?? '') <= date) low = middle;
    else high = middle - 1;
  }
  return low;
}
