/** Shapes shared by the backtest engine, its strategies and its metrics. */

export interface Bar {
  /** YYYY-MM-DD, strictly ascending per symbol. */
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export type BarsBySymbol = Record<string, readonly Bar[]>;

export type StrategySpec =
  | { type: 'buy_and_hold' }
  | { type: 'ma_crossover'; fast?: number; slow?: number }
  | { type: 'rsi_mean_reversion'; period?: number; entry_below?: number; exit_above?: number };

export type StrategyType = StrategySpec['type'];

/** What a strategy asks for after seeing a bar's close; null = nothing to do. */
export type Signal = 'buy' | 'sell' | null;

export interface Trade {
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  /** The fill price, slippage included. */
  price: number;
  fee: number;
  /** The bar the order filled on. */
  date: string;
  /** The bar whose close produced the signal (the same bar for same-bar-close fills). */
  signal_date: string;
}

export interface SkippedOrder {
  symbol: string;
  side: 'BUY' | 'SELL';
  date: string;
  reason: string;
}

export interface EquityPoint {
  date: string;
  equity: number;
  cash: number;
  positions_value: number;
}

export interface PortMetrics {
  total_return_pct: number;
  cagr_pct: number | null;
  sharpe: number;
  sortino: number | null;
  max_drawdown: number;
  max_drawdown_pct: number;
  exposure_pct: number;
  num_trades: number;
}

export interface QtosMetrics {
  initial_value: number;
  final_value: number;
  total_pnl: number;
  total_return_pct: number;
  cagr: number | null;
  sharpe_ratio: number;
  max_drawdown: number;
  max_drawdown_pct: number;
}
