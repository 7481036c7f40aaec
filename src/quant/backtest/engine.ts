/**
 * The event loop: walks the union of all symbols' dates in order, feeds each symbol's bar to its
 * strategy and turns signals into fills, tracking cash and positions, and records the equity after
 * every date (cash + Σ shares × last close).
 *
 * - Fill timing: `next_bar_open` (default) fills a signal from bar t's close at bar t+1's open, so
 *   no decision uses a price it could not have traded at; a signal on a symbol's last bar never fills.
 *   `same_bar_close` is the original's (and look-ahead) timing, kept for qtos-v0 parity.
 * - Costs: slippage moves the fill against the trader (buy at price × (1 + bps/10⁴), sell at
 *   price × (1 − bps/10⁴)); the fee is fee_bps of the filled notional, paid in cash on both sides.
 * - Allocation: the initial cash is split equally between the symbols, one sleeve each; a sleeve
 *   buys as many whole shares as its cash affords (fee included) and gets the proceeds back on a sell.
 *   There is no rebalancing between sleeves. `fixed_quantity` (qtos-v0) buys a set share count instead.
 * - An order that cannot fill (not enough cash, nothing to sell) is reported in skipped_orders,
 *   not dropped silently.
 */
import { createStrategy, type Strategy } from './strategies.ts';
import type { BarsBySymbol, EquityPoint, SkippedOrder, StrategySpec, Trade } from './types.ts';

export interface EngineSettings {
  initialCash: number;
  fill: 'next_bar_open' | 'same_bar_close';
  sizing: { kind: 'equal_weight' } | { kind: 'fixed_quantity'; quantity: number };
  feeBps: number;
  slippageBps: number;
}

export interface EngineResult {
  equity_curve: EquityPoint[];
  trades: Trade[];
  skipped_orders: SkippedOrder[];
}

interface Sleeve {
  symbol: string;
  strategy: Strategy;
  cash: number;
  shares: number;
  lastClose: number;
  pending: { side: 'BUY' | 'SELL'; signalDate: string } | null;
}

export function runEngine(
  bars: BarsBySymbol,
  strategy: StrategySpec,
  settings: EngineSettings,
): EngineResult {
  const symbols = Object.keys(bars);
  const slippage = settings.slippageBps / 10_000;
  const feeRate = settings.feeBps / 10_000;
  const sleeves: Sleeve[] = symbols.map((symbol) => ({
    symbol,
    strategy: createStrategy(strategy),
    cash: settings.initialCash / symbols.length,
    shares: 0,
    lastClose: 0,
    pending: null,
  }));
  const trades: Trade[] = [];
  const skipped: SkippedOrder[] = [];

  const execute = (
    sleeve: Sleeve,
    side: 'BUY' | 'SELL',
    basePrice: number,
    date: string,
    signalDate: string,
  ) => {
    const skip = (reason: string) => skipped.push({ symbol: sleeve.symbol, side, date, reason });
    if (side === 'SELL') {
      if (sleeve.shares <= 0) return skip('nothing held');
      const price = basePrice * (1 - slippage);
      const quantity = sleeve.shares;
      const fee = quantity * price * feeRate;
      sleeve.cash += quantity * price - fee;
      sleeve.shares = 0;
      trades.push({ symbol: sleeve.symbol, side, quantity, price, fee, date, signal_date: signalDate });
      return;
    }
    if (sleeve.shares > 0) return skip('already long');
    const price = basePrice * (1 + slippage);
    const costPerShare = price * (1 + feeRate);
    const quantity =
      settings.sizing.kind === 'fixed_quantity'
        ? settings.sizing.quantity
        : Math.floor(sleeve.cash / costPerShare + 1e-9);
    if (quantity <= 0)
      return skip(`cash ${sleeve.cash.toFixed(2)} buys no whole share at ${price.toFixed(4)}`);
    if (quantity * costPerShare > sleeve.cash + 1e-9)
      return skip(`cash ${sleeve.cash.toFixed(2)} < ${quantity} × ${price.toFixed(4)} (fee included)`);
    const fee = quantity * price * feeRate;
    sleeve.cash -= quantity * price + fee;
    sleeve.shares = quantity;
    trades.push({ symbol: sleeve.symbol, side, quantity, price, fee, date, signal_date: signalDate });
  };

  // Every symbol's bars in one date order; when all symbols share their dates (the usual case) the
  // union is simply the first symbol's dates.
  const seriesList = symbols.map((symbol) => bars[symbol] ?? []);
  const firstDates = (seriesList[0] ?? []).map((bar) => bar.date);
  const shared = seriesList.every(
    (series) =>
      series.length === firstDates.length && series.every((bar, index) => bar.date === firstDates[index]),
  );
  const dates = shared
    ? firstDates
    : [...new Set(seriesList.flatMap((series) => series.map((bar) => bar.date)))].sort();
  const cursors = symbols.map(() => 0);
  const curve: EquityPoint[] = [];
  for (const date of dates) {
    for (let index = 0; index < symbols.length; index++) {
      const cursor = cursors[index] ?? 0;
      const bar = seriesList[index]?.[cursor];
      const sleeve = sleeves[index];
      if (!bar || bar.date !== date || !sleeve) continue;
      cursors[index] = cursor + 1;
      if (sleeve.pending) {
        execute(sleeve, sleeve.pending.side, bar.open, date, sleeve.pending.signalDate);
        sleeve.pending = null;
      }
      sleeve.lastClose = bar.close;
      const signal = sleeve.strategy.onBar(bar);
      if (signal === null) continue;
      const side = signal === 'buy' ? 'BUY' : 'SELL';
      if (settings.fill === 'same_bar_close') execute(sleeve, side, bar.close, date, date);
      else sleeve.pending = { side, signalDate: date };
    }
    let cash = 0;
    let positionsValue = 0;
    for (const sleeve of sleeves) {
      cash += sleeve.cash;
      positionsValue += sleeve.shares * sleeve.lastClose;
    }
    curve.push({ date, equity: cash + positionsValue, cash, positions_value: positionsValue });
  }
  for (const sleeve of sleeves)
    if (sleeve.pending)
      skipped.push({
        symbol: sleeve.symbol,
        side: sleeve.pending.side,
        date: sleeve.pending.signalDate,
        reason: 'signal on the last bar: no next bar to fill at',
      });
  return { equity_curve: curve, trades, skipped_orders: skipped };
}
