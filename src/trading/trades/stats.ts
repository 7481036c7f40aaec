/**
 * Statistics over trades. Only `closed` trades count as wins or losses: an open trade's realised
 * P&L is a partial figure (an open credit spread would otherwise count as a win), and an
 * `incomplete` trade's opening is unknown. A closed trade at exactly 0 is breakeven: it counts in
 * the win rate's denominator but in neither average.
 */
import { roundMoney } from './money.ts';
import type { Trade } from './summarise-trade.ts';

export interface TradeStats {
  totalTrades: number;
  openTrades: number;
  closedTrades: number;
  incompleteTrades: number;
  wins: number;
  losses: number;
  breakeven: number;
  /** wins / closed trades, 0..1; null with no closed trades. */
  winRate: number | null;
  /** Mean realised P&L of the winners; null without any. */
  averageWin: number | null;
  /** Mean realised P&L of the losers (negative); null without any. */
  averageLoss: number | null;
  grossWins: number;
  /** Sum of the losers (negative or 0). */
  grossLosses: number;
  /**
   * grossWins / |grossLosses|. Null when there are no losses: the ratio would be Infinity (or 0/0),
   * which JSON cannot carry and which says nothing a caller can compare.
   */
  profitFactor: number | null;
  /** Mean realised P&L per closed trade (= winRate × averageWin + lossRate × averageLoss); null with none. */
  expectancy: number | null;
  /** Realised P&L of the closed trades. */
  totalRealisedPnl: number;
  /**
   * Largest fall from a peak of the cumulative realised P&L of the closed trades, in close-time
   * order, starting from 0 (so a first losing trade is a drawdown). Positive, or 0.
   */
  maxDrawdown: number;
  /** Unrealised P&L of the open trades; null when any of them lacks marks. */
  openUnrealisedPnl: number | null;
}

export function tradeStats(trades: readonly Trade[]): TradeStats {
  const closed = trades.filter((trade) => trade.status === 'closed');
  const open = trades.filter((trade) => trade.status === 'open');
  const winners = closed.filter((trade) => trade.realisedPnl > 0).map((trade) => trade.realisedPnl);
  const losers = closed.filter((trade) => trade.realisedPnl < 0).map((trade) => trade.realisedPnl);
  const grossWins = roundMoney(sum(winners));
  const grossLosses = roundMoney(sum(losers));
  const totalRealisedPnl = roundMoney(sum(closed.map((trade) => trade.realisedPnl)));
  const unrealised = open.map((trade) => trade.unrealisedPnl);
  return {
    totalTrades: trades.length,
    openTrades: open.length,
    closedTrades: closed.length,
    incompleteTrades: trades.filter((trade) => trade.status === 'incomplete').length,
    wins: winners.length,
    losses: losers.length,
    breakeven: closed.length - winners.length - losers.length,
    winRate: closed.length === 0 ? null : winners.length / closed.length,
    averageWin: mean(winners),
    averageLoss: mean(losers),
    grossWins,
    grossLosses,
    profitFactor: losers.length === 0 ? null : roundMoney(grossWins / -grossLosses),
    expectancy: closed.length === 0 ? null : roundMoney(totalRealisedPnl / closed.length),
    totalRealisedPnl,
    maxDrawdown: maxDrawdown(closed),
    openUnrealisedPnl: unrealised.includes(null) ? null : roundMoney(sum(unrealised.map(Number))),
  };
}

export function maxDrawdown(closed: readonly Trade[]): number {
  const byCloseTime = [...closed].sort(
    (a, b) => Date.parse(a.closedAt ?? '') - Date.parse(b.closedAt ?? '') || (a.id < b.id ? -1 : 1),
  );
  let cumulative = 0;
  let peak = 0;
  let deepest = 0;
  for (const trade of byCloseTime) {
    cumulative += trade.realisedPnl;
    peak = Math.max(peak, cumulative);
    deepest = Math.max(deepest, peak - cumulative);
  }
  return roundMoney(deepest);
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : roundMoney(sum(values) / values.length);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
