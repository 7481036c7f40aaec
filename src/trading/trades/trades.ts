/**
 * The entry point: an account's fills (any number of pages, in any order, overlaps allowed) and
 * option events → its trades, oldest first, each with legs, strategy and P&L.
 */
import { type GroupingOptions, groupFills } from './group-fills.ts';
import { normalizeFills } from './normalize-fills.ts';
import { type Marks, summariseTrade, type Trade } from './summarise-trade.ts';
import type { BrokerFill, OptionEvent } from './types.ts';

export interface BuildTradesOptions extends GroupingOptions {
  /** Expiries, assignments and exercises (Alpaca OPEXP / OPASN / OPEXC). */
  events?: readonly OptionEvent[];
  /** Mark prices per contract for the unrealised P&L of what is still held. */
  marks?: Marks;
}

export function buildTrades(
  accountId: string,
  fills: readonly BrokerFill[],
  options: BuildTradesOptions = {},
): Trade[] {
  const ordered = normalizeFills(fills, options.events);
  return groupFills(ordered, options).map((book) => summariseTrade(accountId, book, options.marks));
}
