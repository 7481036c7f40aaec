/**
 * An account's trades from every activity stored for it (fills grouped into trades across sync
 * boundaries), with what is still open marked at the latest quote mids. Without quotes (the broker
 * is down) the open trades' unrealised P&L is null rather than the read failing.
 */
import type { Database } from '../../db/client.ts';
import type { Broker } from '../broker/types.ts';
import { quoteMid } from '../orders/notional.ts';
import type { Marks, Trade } from '../trades/summarise-trade.ts';
import { buildTrades } from '../trades/trades.ts';
import { storedActivities } from './record-activities.ts';

export async function accountTrades(db: Database, accountId: string, broker: Broker): Promise<Trade[]> {
  const { fills, events } = await storedActivities(db, accountId);
  const unmarked = buildTrades(accountId, fills, { events });
  const held = [
    ...new Set(
      unmarked.flatMap((trade) => trade.legs.filter((leg) => leg.openQty > 0).map((leg) => leg.symbol)),
    ),
  ];
  if (held.length === 0) return unmarked;
  const marks: Record<string, number> = {};
  try {
    for (const quote of await broker.latestQuotes(held)) {
      const mid = quoteMid(quote);
      if (mid !== null) marks[quote.symbol] = mid;
    }
  } catch (error) {
    console.warn(`quotes for the open trades of account ${accountId} failed: ${(error as Error).message}`);
    return unmarked;
  }
  return buildTrades(accountId, fills, { events, marks: marks as Marks });
}
