/**
 * One chain entry → one option_snapshots row. The provider's Greeks and implied volatility are kept
 * when it sends them; when it does not, they are computed with Black-Scholes-Merton
 * (src/trading/options): from the provider's IV if it sent only that, else IV solved from the mid
 * price, then the Greeks at that IV. A price no volatility can explain (outside the no-arbitrage
 * bounds), an expired contract or a missing spot leaves IV and Greeks null: the quote is still stored.
 *
 * Pure: no clock (the pricing instant comes in), no I/O.
 */
import type { GreeksSource, optionSnapshots } from '../db/schema-trading.ts';
import type { OptionChainEntry, OptionGreeksFigures } from '../trading/broker/types.ts';
import { OptionMathError } from '../trading/options/errors.ts';
import { type Evaluation, evaluateOption } from '../trading/options/evaluate.ts';
import { type OccContract, OccSymbolError, parseOccSymbol } from '../trading/options/occ-symbol.ts';
import { yearsUntilExpiry } from '../trading/options/time-to-expiry.ts';

export type SnapshotRow = Omit<typeof optionSnapshots.$inferInsert, 'id'>;

/**
 * The rate used when Greeks are computed: a round figure near short US Treasury yields. A snapshot is
 * a comparison over time, where a fixed rate matters far less than a consistent one.
 */
export const SNAPSHOT_RISK_FREE_RATE = 0.04;

export interface SnapshotContext {
  underlying: string;
  snapshotAt: Date;
  /** When the chain was fetched: time to expiry is measured from here. */
  pricedAt: Date;
  /** The underlying's mid price, or null if it had no two-sided quote. */
  underlyingPrice: number | null;
  /** `alpaca` or `offline`. */
  source: string;
  rate?: number;
  dividendYield?: number;
}

type Figures = Pick<
  SnapshotRow,
  'impliedVolatility' | 'delta' | 'gamma' | 'theta' | 'vega' | 'rho' | 'greeksSource'
>;

const NO_FIGURES: Figures = {
  impliedVolatility: null,
  delta: null,
  gamma: null,
  theta: null,
  vega: null,
  rho: null,
  greeksSource: null,
};

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** A usable volatility: positive and finite (providers send 0 or null for "unknown"). */
const usableVolatility = (value: number | null): number | null =>
  isFiniteNumber(value) && value > 0 ? value : null;

function usableGreeks(greeks: OptionGreeksFigures | null): OptionGreeksFigures | null {
  if (!greeks) return null;
  const { delta, gamma, theta, vega, rho } = greeks;
  return [delta, gamma, theta, vega, rho].every(isFiniteNumber) ? greeks : null;
}

/**
 * The price to solve IV from: the mid of a two-sided quote (a zero bid counts: deep out-of-the-money
 * options often have none), else the last trade, else none.
 */
export function referencePrice(entry: OptionChainEntry): number | null {
  const quote = entry.quote;
  if (quote && isFiniteNumber(quote.bid) && isFiniteNumber(quote.ask) && quote.bid >= 0) {
    if (quote.ask > 0 && quote.ask >= quote.bid) return (quote.bid + quote.ask) / 2;
  }
  return isFiniteNumber(entry.lastPrice) && entry.lastPrice > 0 ? entry.lastPrice : null;
}

/** A two-sided quote's mid, for the underlying's price. */
export function midPrice(bid: number, ask: number): number | null {
  if (!isFiniteNumber(bid) || !isFiniteNumber(ask) || bid <= 0 || ask <= 0 || ask < bid) return null;
  return (bid + ask) / 2;
}

function fromEvaluation(evaluation: Evaluation, impliedVolatility: number): Figures {
  return {
    impliedVolatility,
    delta: evaluation.delta,
    gamma: evaluation.gamma,
    theta: evaluation.theta,
    vega: evaluation.vega,
    rho: evaluation.rho,
    greeksSource: 'computed' satisfies GreeksSource,
  };
}

/** Runs the model; a contract it cannot price gets no figures instead of failing the snapshot. */
function tryModel<T>(compute: () => T): T | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof OptionMathError) return null;
    throw error;
  }
}

function figuresFor(entry: OptionChainEntry, contract: OccContract, context: SnapshotContext): Figures {
  const providerGreeks = usableGreeks(entry.greeks);
  const providerVolatility = usableVolatility(entry.impliedVolatility);
  const price = referencePrice(entry);
  const spot = context.underlyingPrice;
  const market =
    spot !== null && spot > 0
      ? {
          type: contract.type,
          spot,
          strike: contract.strike,
          rate: context.rate ?? SNAPSHOT_RISK_FREE_RATE,
          dividendYield: context.dividendYield ?? 0,
          timeToExpiry: yearsUntilExpiry(contract.expiry, context.pricedAt),
        }
      : null;

  if (providerGreeks) {
    // The provider's Greeks stand; an IV it left out is solved from the price when possible.
    const solved =
      providerVolatility ??
      (market && price !== null
        ? (tryModel(() => evaluateOption(market, { price }))?.impliedVolatility ?? null)
        : null);
    return { ...providerGreeks, impliedVolatility: solved, greeksSource: 'provider' };
  }
  if (!market) return NO_FIGURES;
  if (providerVolatility !== null) {
    const evaluation = tryModel(() => evaluateOption(market, { volatility: providerVolatility }));
    return evaluation ? fromEvaluation(evaluation, providerVolatility) : NO_FIGURES;
  }
  if (price === null) return NO_FIGURES;
  const evaluation = tryModel(() => evaluateOption(market, { price }));
  if (!evaluation || evaluation.impliedVolatility === undefined) return NO_FIGURES;
  return fromEvaluation(evaluation, evaluation.impliedVolatility);
}

/** The row for one entry; null when its symbol is not an OCC option symbol (nothing to key it by). */
export function snapshotRow(entry: OptionChainEntry, context: SnapshotContext): SnapshotRow | null {
  let contract: OccContract;
  try {
    contract = parseOccSymbol(entry.symbol);
  } catch (error) {
    if (error instanceof OccSymbolError) return null;
    throw error;
  }
  const finiteOrNull = (value: number | null | undefined) => (isFiniteNumber(value) ? value : null);
  return {
    underlying: context.underlying,
    symbol: entry.symbol,
    snapshotAt: context.snapshotAt,
    expiry: contract.expiry,
    optionType: contract.type,
    strike: contract.strike,
    underlyingPrice: context.underlyingPrice,
    bid: finiteOrNull(entry.quote?.bid),
    ask: finiteOrNull(entry.quote?.ask),
    last: finiteOrNull(entry.lastPrice),
    ...figuresFor(entry, contract, context),
    source: context.source,
  };
}

export interface ChainRows {
  rows: SnapshotRow[];
  /** Entries whose symbol could not be read. */
  skipped: number;
  /** Rows by where their Greeks came from (none = no IV/Greeks could be had). */
  provider: number;
  computed: number;
  none: number;
}

/**
 * A whole chain's rows, one per symbol (a symbol listed twice keeps its last entry: one statement
 * cannot upsert the same key twice).
 */
export function chainRows(entries: readonly OptionChainEntry[], context: SnapshotContext): ChainRows {
  const bySymbol = new Map<string, SnapshotRow>();
  let skipped = 0;
  for (const entry of entries) {
    const row = snapshotRow(entry, context);
    if (row) bySymbol.set(row.symbol, row);
    else skipped += 1;
  }
  const rows = [...bySymbol.values()];
  const count = (source: GreeksSource | null) => rows.filter((row) => row.greeksSource === source).length;
  return { rows, skipped, provider: count('provider'), computed: count('computed'), none: count(null) };
}
