/** The trade history's pages, leg tables and statistics panel. */
import { formatMoney, formatPercent, formatPnl, pnlTone, type Tone } from './trading-format.ts';
import type { Trade, TradeStats } from './trading-types.ts';

/** A later page appended to the loaded ones; a trade already shown (it moved pages) is kept once. */
export function appendPage(loaded: readonly Trade[], page: readonly Trade[]): Trade[] {
  const seen = new Set(loaded.map((trade) => trade.id));
  return [...loaded, ...page.filter((trade) => !seen.has(trade.id))];
}

export interface StatTile {
  label: string;
  value: string;
  tone: Tone;
  hint: string;
}

export function statTiles(stats: TradeStats): StatTile[] {
  const tile = (label: string, value: string, hint: string, tone: Tone = 'flat'): StatTile => ({
    label,
    value,
    hint,
    tone,
  });
  return [
    tile(
      'Win rate',
      formatPercent(stats.win_rate, 0),
      `${stats.wins} won, ${stats.losses} lost of ${stats.closed_trades} closed`,
    ),
    tile(
      'Avg win',
      formatMoney(stats.average_win),
      'mean realised P&L of the winners',
      pnlTone(stats.average_win),
    ),
    tile(
      'Avg loss',
      formatMoney(stats.average_loss),
      'mean realised P&L of the losers',
      pnlTone(stats.average_loss),
    ),
    tile(
      'Profit factor',
      stats.profit_factor === null ? (stats.wins > 0 ? '∞' : '—') : stats.profit_factor.toFixed(2),
      'gross wins ÷ gross losses',
    ),
    tile(
      'Expectancy',
      formatPnl(stats.expectancy),
      'mean realised P&L per closed trade',
      pnlTone(stats.expectancy),
    ),
    tile(
      'Max drawdown',
      formatMoney(stats.max_drawdown === 0 ? 0 : -Math.abs(stats.max_drawdown)),
      'deepest fall of cumulative realised P&L',
      stats.max_drawdown > 0 ? 'loss' : 'flat',
    ),
    tile(
      'Realised P&L',
      formatPnl(stats.total_realised_pnl),
      'closed trades',
      pnlTone(stats.total_realised_pnl),
    ),
    tile(
      'Unrealised P&L',
      formatPnl(stats.open_unrealised_pnl),
      `${stats.open_trades} open trade${stats.open_trades === 1 ? '' : 's'}`,
      pnlTone(stats.open_unrealised_pnl),
    ),
  ];
}

export function tradeStatusLabel(trade: Trade): string {
  if (trade.status === 'incomplete') return 'incomplete (opened before the synced history)';
  return trade.status;
}
