/**
 * The offline paper broker against the real database: orders fill at the offline market's quotes,
 * the ledger drives positions and balances, a client_order_id places one order however often (and
 * however concurrently) it is sent, resting limits fill or cancel, and options settle after expiry.
 */

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { brokerAccounts, paperActivities, paperOrders } from '../src/db/schema-trading.ts';
import { offlineQuote, settlementPrice } from '../src/market-data/offline/market.ts';
import { createOfflineBroker } from '../src/trading/broker/offline/broker.ts';
import { STARTING_CASH } from '../src/trading/broker/offline/store.ts';
import { BrokerError, type OrderRequest } from '../src/trading/broker/types.ts';
import { formatOccSymbol } from '../src/trading/options/occ-symbol.ts';
import { withDatabase } from './helpers/api.ts';

/** Monday 2026-12-07, 10:30 New York. */
const MONDAY_MORNING = new Date('2026-12-07T15:30:00Z');
const EXPIRY = '2026-12-18';

async function paperAccount(db: Database): Promise<string> {
  const [row] = await db
    .insert(brokerAccounts)
    .values({ name: 'offline broker test', broker: 'offline', mode: 'paper', tradingEnabled: true })
    .returning({ id: brokerAccounts.id });
  if (!row) throw new Error('no account');
  return row.id;
}

/** A clock the test moves by hand. */
function clock(start: Date) {
  let current = start;
  return {
    now: () => current,
    set(at: Date) {
      current = at;
    },
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}

function market(symbol: string, side: 'buy' | 'sell', qty: number, clientOrderId: string): OrderRequest {
  return { clientOrderId, orderClass: 'simple', symbol, side, qty, type: 'market', timeInForce: 'day' };
}

function spy(type: 'call' | 'put', strike: number, expiry = EXPIRY): string {
  return formatOccSymbol({ root: 'SPY', expiry, type, strike });
}

async function rejection(promise: Promise<unknown>): Promise<BrokerError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof BrokerError)) throw new Error(`expected a BrokerError, got ${String(error)}`);
  return error;
}

describe('offline paper broker: stock', () => {
  it('opens with 100,000 cash, buys and sells stock at the quote with slippage, and tracks P&L', async () => {
    await withDatabase(async (db) => {
      const accountId = await paperAccount(db);
      const time = clock(MONDAY_MORNING);
      const broker = createOfflineBroker({ db, accountId, now: time.now });

      const opening = await broker.account();
      expect(opening).toMatchObject({
        cash: STARTING_CASH,
        equity: STARTING_CASH,
        lastEquity: STARTING_CASH,
      });

      const quote = offlineQuote('SPY', time.now());
      if (!quote) throw new Error('no SPY quote');
      const bought = await broker.submitOrder(market('SPY', 'buy', 10, 'buy-spy'));
      expect(bought).toMatchObject({ status: 'filled', filledQty: 10, symbol: 'SPY', side: 'buy' });
      // Ten shares against a displayed size of at least 100: one cent beyond the ask.
      expect(bought.filledAvgPrice).toBeCloseTo(quote.ask + 0.01, 6);

      const [position] = await broker.positions();
      expect(position).toMatchObject({ symbol: 'SPY', qty: 10, side: 'long', asset_class: 'us_equity' });
      expect(position?.avg_entry_price).toBeCloseTo(quote.ask + 0.01, 6);

      const afterBuy = await broker.account();
      expect(afterBuy.cash).toBeCloseTo(STARTING_CASH - 10 * (quote.ask + 0.01), 6);
      const mid = (quote.bid + quote.ask) / 2;
      expect(afterBuy.equity).toBeCloseTo(afterBuy.cash + 10 * mid, 6);

      time.advance(90 * 60_000);
      const later = offlineQuote('SPY', time.now());
      if (!later) throw new Error('no SPY quote');
      const sold = await broker.submitOrder(market('SPY', 'sell', 10, 'sell-spy'));
      expect(sold.filledAvgPrice).toBeCloseTo(later.bid - 0.01, 6);
      expect(await broker.positions()).toEqual([]);
      const closed = await broker.account();
      const pnl = 10 * (later.bid - 0.01) - 10 * (quote.ask + 0.01);
      expect(closed.cash).toBeCloseTo(STARTING_CASH + pnl, 6);
      expect(closed.equity).toBeCloseTo(closed.cash, 6);

      const activities = await broker.activities({});
      expect(activities.fills.map((fill) => [fill.symbol, fill.side, fill.qty])).toEqual([
        ['SPY', 'buy', 10],
        ['SPY', 'sell', 10],
      ]);
      expect(activities.events).toEqual([]);
    });
  });
});
