/**
 * Backtests as the console shows them: the route shapes, the form's defaults (the bundled data's date
 * range, the strategy's own parameter defaults), the request built from the form, the metric tiles,
 * and the two chart series on a date axis (equity, and drawdown as a percentage ≤ 0).
 */

export interface StrategyParam {
  name: string;
  type: string;
  default: unknown;
  min?: number;
  max?: number;
  description?: string;
}

export interface Strategy {
  name: string;
  description: string;
  params: StrategyParam[];
}

export interface SymbolRange {
  symbol: string;
  first_date: string;
  last_date: string;
  bars: number;
}

export interface BacktestMetrics {
  total_return_pct: number;
  cagr_pct: number;
  sharpe: number | null;
  sortino: number | null;
  max_drawdown: number;
  max_drawdown_pct: number;
  exposure_pct: number;
  num_trades: number;
}

export interface Backtest {
  id: string;
  strategy: string;
  symbols: string[];
  start: string;
  end: string;
  initial_cash: number;
  final_value: number;
  num_trades: number;
  params: Record<string, unknown>;
  metrics: BacktestMetrics;
  equity_curve?: Array<{ date: string; equity: number; drawdown_pct: number }>;
  trades?: Array<{ symbol: string; side: string; quantity: number; price: number; date: string }>;
  created_at: string;
}

export interface BacktestForm {
  strategy: string;
  symbols: string[];
  start: string;
  end: string;
  initial_cash: number;
  fee_bps: number;
  slippage_bps: number;
  /** Parameter values as typed (strings from inputs); numbers are parsed on submit. */
  params: Record<string, string>;
}

/** The widest range every chosen symbol covers (the bundled data's range for the usual picks). */
export function dateRange(
  symbols: readonly SymbolRange[],
  chosen: readonly string[],
): { start: string; end: string } {
  const picked = symbols.filter((s) => chosen.includes(s.symbol));
  const pool = picked.length ? picked : symbols;
  if (!pool.length) return { start: '2015-01-02', end: '2024-12-31' };
  const start =
    pool
      .map((s) => s.first_date)
      .sort()
      .at(-1) ?? '';
  const end = pool.map((s) => s.last_date).sort()[0] ?? '';
  return { start: start.slice(0, 10), end: end.slice(0, 10) };
}

export function paramDefaults(strategy: Strategy | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const param of strategy?.params ?? [])
    values[param.name] = param.default == null ? '' : String(param.default);
  return values;
}

export function defaultForm(strategies: readonly Strategy[], symbols: readonly SymbolRange[]): BacktestForm {
  const strategy = strategies.find((s) => s.name === 'ma_crossover') ?? strategies[0];
  const first = symbols.find((s) => s.symbol === 'SPY') ?? symbols[0];
  const chosen = first ? [first.symbol] : [];
  return {
    strategy: strategy?.name ?? '',
    symbols: chosen,
    ...dateRange(symbols, chosen),
    initial_cash: 100_000,
    fee_bps: 1,
    slippage_bps: 2,
    params: paramDefaults(strategy),
  };
}

/** The POST body: numeric parameters as numbers, booleans as booleans, empty ones left out. */
export function backtestRequest(form: BacktestForm, strategy: Strategy | undefined, orchestratorId: string) {
  const params: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(form.params)) {
    if (raw.trim() === '') continue;
    const type = strategy?.params.find((p) => p.name === name)?.type ?? 'string';
    if (type === 'number' || type === 'integer') params[name] = Number(raw);
    else if (type === 'boolean') params[name] = raw === 'true';
    else params[name] = raw;
  }
  return {
    orchestrator_id: orchestratorId,
    strategy: form.strategy,
    symbols: form.symbols,
    start: form.start,
    end: form.end,
    initial_cash: form.initial_cash,
    fee_bps: form.fee_bps,
    slippage_bps: form.slippage_bps,
    params,
  };
}

const pct = (value: number | null | undefined) => (typeof value === 'number' ? `${value.toFixed(2)}%` : '—');
const ratio = (value: number | null | undefined) => (typeof value === 'number' ? value.toFixed(2) : '—');

export function metricTiles(backtest: Backtest): Array<{ label: string; value: string }> {
  const m = backtest.metrics;
  return [
    { label: 'Total return', value: pct(m.total_return_pct) },
    { label: 'CAGR', value: pct(m.cagr_pct) },
    { label: 'Sharpe', value: ratio(m.sharpe) },
    { label: 'Sortino', value: ratio(m.sortino) },
    { label: 'Max drawdown', value: pct(-Math.abs(m.max_drawdown_pct)) },
    { label: 'Exposure', value: pct(m.exposure_pct) },
    { label: 'Trades', value: String(m.num_trades ?? backtest.num_trades) },
    {
      label: 'Final value',
      value: backtest.final_value.toLocaleString('en-US', { maximumFractionDigits: 0 }),
    },
  ];
}

/** Dates as labels (a category axis reads as dates without a date adapter), equity and drawdown ≤ 0. */
export function curveSeries(curve: ReadonlyArray<{ date: string; equity: number; drawdown_pct: number }>) {
  return {
    labels: curve.map((point) => point.date.slice(0, 10)),
    equity: curve.map((point) => point.equity),
    drawdown: curve.map((point) => -Math.abs(point.drawdown_pct)),
  };
}
