/**
 * Portfolio analytics from holdings and daily closes (the Portfolio-Analyst-Agent's contract; its
 * formulas are not public, so these are the natural definitions its field names imply):
 * - total_value = cash + Σ shares × last close (cash defaults to 0, as the original assumed fully
 *   invested);
 * - vol_annual = sample std (n − 1) of the daily simple returns of the positions' value
 *   Σ shares × close_t, × √252, as a fraction (0.18 = 18%); null below 2 returns, never NaN;
 * - portfolio_heat = min(1, 0.6 × vol_annual), 0 without a volatility: the orchestrator's heuristic,
 *   kept so that allocation decisions stay comparable;
 * - open_positions = holdings with non-zero shares; total_exposure = Σ |shares × last close| (gross,
 *   cash excluded; the original equated it with total value).
 * Returns are reported under explicit names: ret_window over the price window, ret_cost_basis against
 * avg_price (null unless every position has one). current_pnl is the real P&L: unrealised against the
 * cost basis when known, else the value change over the window (the original's ret × value was wrong).
 * A holding without prices is an error listing every such symbol (the original fetched them over the
 * network); the caller supplies prices for every holding.
 */
import { QuantInputError } from './errors.ts';
import { type PriceTable, validatePriceTable } from './price-table.ts';
import { sampleStd, simpleReturns, TRADING_DAYS_PER_YEAR } from './stats.ts';

export interface Holding {
  symbol: string;
  shares: number;
  avg_price?: number | null;
}

export interface HoldingReport {
  symbol: string;
  shares: number;
  avg_price: number | null;
  last_price: number;
  market_value: number;
  /** market_value / total_value (cash counts in the denominator). */
  weight: number;
  unrealised_pnl: number | null;
}

export interface PortfolioReport {
  asof: string;
  total_value: number;
  cash: number;
  vol_annual: number | null;
  open_positions: number;
  portfolio_heat: number;
  total_exposure: number;
  ret_window: number | null;
  ret_cost_basis: number | null;
  current_pnl: number;
  current_pnl_basis: 'cost_basis' | 'window';
  holdings: HoldingReport[];
}

export interface PortfolioInput {
  holdings: readonly Holding[];
  prices: PriceTable;
  cash?: number;
}

/** The orchestrator's heat heuristic: 0.6 × annual vol, capped at 1; 0 when the vol is unknown. */
export function portfolioHeat(volAnnual: number | null): number {
  if (volAnnual === null || !Number.isFinite(volAnnual) || volAnnual <= 0) return 0;
  return Math.min(1, 0.6 * volAnnual);
}

function validateHoldings(holdings: readonly Holding[]): void {
  const seen = new Set<string>();
  holdings.forEach((holding, index) => {
    const field = `holdings[${index}]`;
    if (typeof holding.symbol !== 'string' || holding.symbol.trim() === '')
      throw new QuantInputError(`${field}.symbol`, 'must be a non-empty string');
    if (seen.has(holding.symbol))
      throw new QuantInputError(`${field}.symbol`, `repeats ${holding.symbol} (one row per symbol)`);
    seen.add(holding.symbol);
    if (!Number.isFinite(holding.shares))
      throw new QuantInputError(`${field}.shares`, `must be a finite number (got ${holding.shares})`);
    const avg = holding.avg_price;
    if (avg !== undefined && avg !== null && (!Number.isFinite(avg) || avg <= 0))
      throw new QuantInputError(`${field}.avg_price`, `must be a positive number when given (got ${avg})`);
  });
}

export function analysePortfolio(input: PortfolioInput): PortfolioReport {
  const { holdings, prices } = input;
  const cash = input.cash ?? 0;
  if (!Number.isFinite(cash)) throw new QuantInputError('cash', `must be a finite number (got ${cash})`);
  validateHoldings(holdings);
  validatePriceTable(prices);
  if (prices.dates.length === 0)
    throw new QuantInputError('prices.dates', 'is empty (need at least one close)');
  const missing = holdings
    .filter((holding) => !prices.closes[holding.symbol])
    .map((holding) => holding.symbol);
  if (missing.length > 0)
    throw new QuantInputError('prices.closes', `has no closes for held symbol(s): ${missing.join(', ')}`);

  const rows = prices.dates.length;
  const values = new Array<number>(rows).fill(0);
  for (const holding of holdings) {
    const closes = prices.closes[holding.symbol] ?? [];
    for (let row = 0; row < rows; row++)
      values[row] = (values[row] ?? 0) + holding.shares * (closes[row] ?? 0);
  }
  const positionsValue = values[rows - 1] ?? 0;
  const totalValue = positionsValue + cash;
  const returns = values.some((value) => value <= 0) ? [] : simpleReturns(values);
  const volAnnual = returns.length >= 2 ? sampleStd(returns) * Math.sqrt(TRADING_DAYS_PER_YEAR) : null;

  const reports: HoldingReport[] = holdings.map((holding) => {
    const closes = prices.closes[holding.symbol] ?? [];
    const last = closes[rows - 1] ?? 0;
    const marketValue = holding.shares * last;
    const avg = holding.avg_price ?? null;
    return {
      symbol: holding.symbol,
      shares: holding.shares,
      avg_price: avg,
      last_price: last,
      market_value: marketValue,
      weight: totalValue === 0 ? 0 : marketValue / totalValue,
      unrealised_pnl: avg === null ? null : holding.shares * (last - avg),
    };
  });
  const allCosted = reports.length > 0 && reports.every((report) => report.avg_price !== null);
  const costBasis = reports.reduce((sum, report) => sum + report.shares * (report.avg_price ?? 0), 0);
  const unrealised = reports.reduce((sum, report) => sum + (report.unrealised_pnl ?? 0), 0);
  const firstValue = values[0] ?? 0;
  const retWindow = firstValue > 0 && rows >= 2 ? positionsValue / firstValue - 1 : null;
  return {
    asof: prices.dates[rows - 1] ?? '',
    total_value: totalValue,
    cash,
    vol_annual: volAnnual,
    open_positions: holdings.filter((holding) => holding.shares !== 0).length,
    portfolio_heat: portfolioHeat(volAnnual),
    total_exposure: reports.reduce((sum, report) => sum + Math.abs(report.market_value), 0),
    ret_window: retWindow,
    ret_cost_basis: allCosted && costBasis > 0 ? positionsValue / costBasis - 1 : null,
    current_pnl: allCosted ? unrealised : positionsValue - firstValue,
    current_pnl_basis: allCosted ? 'cost_basis' : 'window',
    holdings: reports,
  };
}
