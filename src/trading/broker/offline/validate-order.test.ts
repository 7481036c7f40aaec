import { describe, expect, it } from 'vitest';
import { BrokerError, type OrderRequest } from '../types.ts';
import type { Holding } from './ledger.ts';
import { planOrder } from './validate-order.ts';

const AT = new Date('2026-12-07T15:30:00Z');
const NONE = new Map<string, Holding>();

function simple(overrides: Partial<OrderRequest> = {}): OrderRequest {
  return {
    clientOrderId: 'c-1',
    orderClass: 'simple',
    symbol: 'SPY',
    side: 'buy',
    qty: 1,
    type: 'market',
    timeInForce: 'day',
    ...overrides,
  };
}

function condor(overrides: Partial<OrderRequest> = {}): OrderRequest {
  return {
    clientOrderId: 'c-2',
    orderClass: 'mleg',
    qty: 1,
    type: 'limit',
    limitPrice: -1.2,
    timeInForce: 'day',
    legs: [
      { symbol: 'SPY261218P00680000', side: 'buy', ratioQty: 1 },
      { symbol: 'SPY261218P00690000', side: 'sell', ratioQty: 1 },
      { symbol: 'SPY261218C00730000', side: 'sell', ratioQty: 1 },
      { symbol: 'SPY261218C00740000', side: 'buy', ratioQty: 1 },
    ],
    ...overrides,
  };
}

function refusal(order: OrderRequest, holdings = NONE): string {
  try {
    planOrder(order, AT, holdings);
  } catch (error) {
    if (error instanceof BrokerError && error.code === 'rejected') return error.message;
    throw error;
  }
  throw new Error('the order was accepted');
}

describe('offline order validation', () => {
  it('plans a stock order and a four-leg option order', () => {
    expect(planOrder(simple(), AT, NONE)).toMatchObject({
      qty: 1,
      limit: null,
      legs: [{ symbol: 'SPY', side: 'buy', ratio: 1, kind: 'stock', multiplier: 1 }],
    });
    const plan = planOrder(condor(), AT, NONE);
    expect(plan.limit).toBe(-1.2);
    expect(plan.legs.map((leg) => [leg.side, leg.kind, leg.multiplier, leg.underlying])).toEqual([
      ['buy', 'option', 100, 'SPY'],
      ['sell', 'option', 100, 'SPY'],
      ['sell', 'option', 100, 'SPY'],
      ['buy', 'option', 100, 'SPY'],
    ]);
  });

  it('refuses malformed orders with a message saying what to change', () => {
    expect(refusal(simple({ clientOrderId: ' ' }))).toMatch(/client_order_id must be a non-empty string/);
    expect(refusal(simple({ qty: 0 }))).toMatch(/qty must be a positive number/);
    expect(refusal(simple({ qty: -3 }))).toMatch(/qty must be a positive number/);
    expect(refusal(simple({ type: 'limit' }))).toMatch(/a limit order needs a limit_price/);
    expect(refusal(simple({ limitPrice: 700 }))).toMatch(/a market order takes no limit_price/);
    expect(refusal(simple({ type: 'limit', limitPrice: -1 }))).toMatch(/limit_price must be positive/);
    expect(refusal(simple({ symbol: 'TSLA' }))).toMatch(/unknown symbol TSLA/);
    expect(refusal(simple({ symbol: 'SPY261204C00700000' }))).toMatch(/expired on 2026-12-04/);
    expect(refusal(simple({ symbol: 'SPY261218C00700000', qty: 1.5 }))).toMatch(/whole contracts/);
    expect(refusal(condor({ legs: condor().legs?.slice(0, 1) }))).toMatch(/2 to 4 legs/);
    expect(
      refusal(
        condor({ legs: [{ symbol: 'SPY', side: 'buy', ratioQty: 1 }, ...(condor().legs ?? []).slice(1)] }),
      ),
    ).toMatch(/mleg orders are for options/);
    expect(
      refusal(
        condor({
          legs: [
            { symbol: 'SPY261218P00680000', side: 'buy', ratioQty: 1 },
            { symbol: 'QQQ261218P00600000', side: 'sell', ratioQty: 1 },
          ],
        }),
      ),
    ).toMatch(/share one underlying/);
    expect(
      refusal(
        condor({
          legs: [
            { symbol: 'SPY261218P00680000', side: 'buy', ratioQty: 1 },
            { symbol: 'SPY261218P00680000', side: 'sell', ratioQty: 1 },
          ],
        }),
      ),
    ).toMatch(/different contracts/);
    expect(refusal(simple({ symbol: 'SPY261218C00700000', positionIntent: 'sell_to_open' }))).toMatch(
      /contradicts side buy/,
    );
  });

  it('refuses short stock and closing more than is held', () => {
    const holdings = new Map<string, Holding>([
      ['SPY', { symbol: 'SPY', qty: 5, avgEntryPrice: 700, multiplier: 1 }],
      ['SPY261218C00700000', { symbol: 'SPY261218C00700000', qty: -2, avgEntryPrice: 5, multiplier: 100 }],
    ]);
    expect(refusal(simple({ side: 'sell', qty: 6 }), holdings)).toMatch(/does not sell stock short/);
    expect(planOrder(simple({ side: 'sell', qty: 5 }), AT, holdings).legs).toHaveLength(1);
    expect(
      refusal(simple({ symbol: 'SPY261218C00700000', qty: 3, positionIntent: 'buy_to_close' }), holdings),
    ).toMatch(/only 2 held short/);
    expect(
      refusal(
        simple({ symbol: 'SPY261218C00700000', side: 'sell', positionIntent: 'sell_to_close' }),
        holdings,
      ),
    ).toMatch(/only 0 held long/);
    expect(
      refusal(simple({ symbol: 'SPY261218C00700000', positionIntent: 'buy_to_open' }), holdings),
    ).toMatch(/use buy_to_close/);
  });
});
