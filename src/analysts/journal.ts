/**
 * Trade-journal metrics, computed in code so the coach (a model) only interprets them.
 * Definitions and edge cases:
 * - A trade's P&L is (exit − entry) × qty for a long, (entry − exit) × qty for a short, minus fees.
 * - A win has P&L > 0, a loss P&L < 0; a scratch (exactly 0) counts in `num_trades`, `total_pnl` and
 *   `expectancy` but in neither the win rate nor the averages.
 * - `win_rate` = wins / (wins + losses), 0 when every trade is a scratch.
 * - `avg_win` is the mean winning P&L; `avg_loss` the mean losing P&L as a positive amount; 0 when
 *   there are none.
 * - `profit_factor` = gross wins / gross losses; null when there is no loss (it would be infinite,
 *   or undefined with no wins either).
 * - `expectancy` = total P&L / number of trades (scratches included): what an average trade made.
 * - `max_drawdown` = the largest fall of cumulative P&L from its running peak (which starts at 0),
 *   trades taken in date order (ties keep the order given); a positive amount, 0 when it never fell.
 */
import { round } from './lexicon.ts';

export interface JournalTrade {
  date: string;
  symbol: string;
  side: 'long' | 'short';
  qty: number;
  entry: number;
  exit: number;
  fees?: number | undefined;
}

export interface JournalMetrics {
  num_trades: number;
  win_rate: number;
  avg_win: number;
  avg_loss: number;
  profit_factor: number | null;
  expectancy: number;
  total_pnl: number;
  max_drawdown: number;
}

export function tradePnl(trade: JournalTrade): number {
  const move = trade.side === 'long' ? trade.exit - trade.entry : trade.entry - trade.exit;
  return move * trade.qty - (trade.fees ?? 0);
}

export function journalMetrics(trades: readonly JournalTrade[]): JournalMetrics {
  const ordered = trades
    .map((trade, index) => ({ trade, index }))
    .sort((a, b) => a.trade.date.localeCompare(b.trade.date) || a.index - b.index);
  const pnls = ordered.map(({ trade }) => tradePnl(trade));
  const wins = pnls.filter((pnl) => pnl > 0);
  const losses = pnls.filter((pnl) => pnl < 0);
  const grossWin = sum(wins);
  const grossLoss = -sum(losses);
  const total = sum(pnls);
  let equity = 0;
  let peak = 0;
  let maxDrawdown = 0;
  for (const pnl of pnls) {
    equity += pnl;
    peak = Math.max(peak, equity);
    maxDrawdown = Math.max(maxDrawdown, peak - equity);
  }
  const decided = wins.length + losses.length;
  return {
    num_trades: trades.length,
    win_rate: decided === 0 ? 0 : round(wins.length / decided, 4),
    avg_win: wins.length === 0 ? 0 : money(grossWin / wins.length),
    avg_loss: losses.length === 0 ? 0 : money(grossLoss / losses.length),
    profit_factor: grossLoss === 0 ? null : round(grossWin / grossLoss, 4),
    expectancy: trades.length === 0 ? 0 : money(total / trades.length),
    total_pnl: money(total),
    max_drawdown: money(maxDrawdown),
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Money to a hundredth of a cent: enough for per-share prices, free of float noise. */
function money(value: number): number {
  return round(value, 4);
}
