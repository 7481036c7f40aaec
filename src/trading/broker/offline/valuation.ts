/**
 * Positions and balances of the paper account, marked to the offline market. Pure: the marks come
 * from a function (the quote's mid now, or the mark at a past close for yesterday's equity).
 *
 * - equity = cash + Σ signed qty × multiplier × mark (shorts count against equity);
 * - last equity = the same at the previous trading day's New York close, from the ledger through
 *   that instant and that instant's marks;
 * - buying power = cash − what buying back every short would cost now − what open orders may still
 *   cost at their limits, never below zero: a cash account that keeps enough aside to close its
 *   shorts and to pay for its resting orders. No margin is extended.
 */
import { roundMoney } from '../../trades/money.ts';
import type { AccountSummary, BrokerPosition } from '../types.ts';
import { cashFrom, entriesThrough, type Holding, holdingsFrom, type LedgerEntry } from './ledger.ts';

export type MarkAt = (symbol: string, at: Date) => number | undefined;

export function marketValue(holdings: Iterable<Holding>, at: Date, mark: MarkAt): number {
  let total = 0;
  for (const holding of holdings) total += holding.qty * holding.multiplier * (mark(holding.symbol, at) ?? 0);
  return roundMoney(total);
}

export function shortLiability(holdings: Iterable<Holding>, at: Date, mark: MarkAt): number {
  let total = 0;
  for (const holding of holdings) {
    if (holding.qty < 0) total += -holding.qty * holding.multiplier * (mark(holding.symbol, at) ?? 0);
  }
  return roundMoney(total);
}

export function equityAt(
  startingCash: number,
  entries: readonly LedgerEntry[],
  at: Date,
  mark: MarkAt,
): number {
  const through = entriesThrough(entries, at);
  return roundMoney(cashFrom(startingCash, through) + marketValue(holdingsFrom(through).values(), at, mark));
}

export function accountSummary(
  accountId: string,
  startingCash: number,
  entries: readonly LedgerEntry[],
  now: Date,
  previousClose: Date,
  mark: MarkAt,
  /** What open orders may still cost at their limits (held back from buying power). */
  reserved = 0,
): AccountSummary {
  const cash = cashFrom(startingCash, entries);
  const holdings = [...holdingsFrom(entries).values()];
  const buyingPower = Math.max(0, roundMoney(cash - shortLiability(holdings, now, mark) - reserved));
  return {
    accountNumber: `PAPER-${accountId.slice(0, 8).toUpperCase()}`,
    status: 'ACTIVE',
    currency: 'USD',
    equity: roundMoney(cash + marketValue(holdings, now, mark)),
    lastEquity: equityAt(startingCash, entries, previousClose, mark),
    cash,
    buyingPower,
    optionsBuyingPower: buyingPower,
    // Spreads and naked options are allowed offline (level 3 in Alpaca's terms).
    optionsTradingLevel: 3,
  };
}

export function positionsOf(holdings: Iterable<Holding>, now: Date, mark: MarkAt): BrokerPosition[] {
  return [...holdings]
    .sort((a, b) => (a.symbol < b.symbol ? -1 : 1))
    .map((holding) => {
      const price = mark(holding.symbol, now);
      const costBasis = roundMoney(holding.qty * holding.multiplier * holding.avgEntryPrice);
      const value = price === undefined ? null : roundMoney(holding.qty * holding.multiplier * price);
      return {
        symbol: holding.symbol,
        qty: holding.qty,
        side: holding.qty < 0 ? 'short' : 'long',
        avg_entry_price: holding.avgEntryPrice,
        current_price: price === undefined ? null : roundMoney(price),
        market_value: value,
        cost_basis: costBasis,
        unrealized_pl: value === null ? null : roundMoney(value - costBasis),
        asset_class: holding.multiplier === 100 ? 'us_option' : 'us_equity',
      };
    });
}
