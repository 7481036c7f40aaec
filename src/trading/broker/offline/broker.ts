/**
 * The built-in offline paper broker: the Broker interface over the paper tables (orders, ledger) and
 * the deterministic offline market (src/market-data/offline). It is what an installation trades with
 * no broker keys. The market it simulates is always open (orders fill at any hour); the calendar and
 * the clock's next open/close are the real NYSE sessions, which day orders and option expiries follow.
 *
 * Every account call runs in one transaction holding the account's lock: first the ledger is brought
 * up to date (expired options settle, day orders past their close expire, resting limit orders that
 * have become marketable fill), then the call reads or writes. Two identical submissions at once
 * therefore queue on the lock, and the second finds the first's order by its client_order_id.
 * Market-data calls (quotes, chains, contracts, calendar, clock) touch no table.
 */
import type { Database } from '../../../db/client.ts';
import {
  offlineChain,
  offlineContracts,
  offlineMark,
  offlineQuote,
} from '../../../market-data/offline/market.ts';
import {
  type Activities,
  type Broker,
  BrokerError,
  type BrokerFill,
  type BrokerHealth,
  type OptionEvent,
  type Quote,
} from '../types.ts';
import {
  cancel,
  holdingsOf,
  openSession,
  type PaperSession,
  reservedByOpenOrders,
  submit,
} from './paper-session.ts';
import { offlineCalendar, offlineClock, previousDayClose } from './session-clock.ts';
import { activityPage, findOrder, findOrderByClientId, listOrders } from './store.ts';
import { accountSummary, positionsOf } from './valuation.ts';

export interface OfflineBrokerOptions {
  db: Database;
  accountId: string;
  now?: () => Date;
  /** Ledger rows read per query when listing activities (tests use a small page to exercise paging). */
  activityPageSize?: number;
}

const DEFAULT_ACTIVITY_PAGE = 500;

const HEALTH: BrokerHealth = {
  circuit: 'closed',
  recentFailures: 0,
  retryAt: null,
  lastError: null,
  requestsRemaining: 200,
};

export function createOfflineBroker(options: OfflineBrokerOptions): Broker {
  const { db, accountId } = options;
  const now = options.now ?? (() => new Date());
  const pageSize = options.activityPageSize ?? DEFAULT_ACTIVITY_PAGE;

  function withSession<T>(work: (session: PaperSession) => Promise<T>): Promise<T> {
    const at = now();
    return db.transaction(async (tx) => work(await openSession(tx, accountId, at)));
  }

  return {
    kind: 'offline',

    account: () =>
      withSession(async (session) =>
        accountSummary(
          accountId,
          session.startingCash,
          session.entries,
          session.now,
          previousDayClose(session.now),
          offlineMark,
          await reservedByOpenOrders(session),
        ),
      ),

    positions: () =>
      withSession(async (session) => positionsOf(holdingsOf(session).values(), session.now, offlineMark)),

    submitOrder: (order) => withSession((session) => submit(session, order)),

    cancelOrder: (orderId) =>
      withSession(async (session) => {
        const order = await findOrder(session.tx, accountId, orderId);
        if (!order) throw new BrokerError(`order ${orderId} not found`, 'not_found', 404);
        await cancel(session, order);
      }),

    order: (orderId) =>
      withSession(async (session) => {
        const order = await findOrder(session.tx, accountId, orderId);
        if (!order) throw new BrokerError(`order ${orderId} not found`, 'not_found', 404);
        return order;
      }),

    orderByClientId: (clientOrderId) =>
      withSession(
        async (session) => (await findOrderByClientId(session.tx, accountId, clientOrderId)) ?? null,
      ),

    orders: (query) => withSession((session) => listOrders(session.tx, accountId, query)),

    activities: (query) =>
      withSession(async (session) => {
        const result: Activities = { fills: [], events: [] };
        let cursor: string | null = null;
        for (;;) {
          const page = await activityPage(session.tx, accountId, query, cursor, pageSize);
          for (const row of page) {
            if (row.kind === 'fill') result.fills.push(row.payload as unknown as BrokerFill);
            else result.events.push(row.payload as unknown as OptionEvent);
          }
          const last = page[page.length - 1];
          if (!last || page.length < pageSize) return result;
          cursor = last.id;
        }
      }),

    optionContracts: async (query) => offlineContracts(query, now()),
    optionChain: async (query) => offlineChain(query, now()),

    latestQuotes: async (symbols) => {
      const at = now();
      return symbols.flatMap((symbol): Quote[] => {
        const quote = offlineQuote(symbol, at);
        return quote ? [quote] : [];
      });
    },

    calendar: async (start, end) => offlineCalendar(start, end),
    clock: async () => offlineClock(now()),
    health: () => ({ ...HEALTH }),
  };
}
