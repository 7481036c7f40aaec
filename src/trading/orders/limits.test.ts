import { describe, expect, it } from 'vitest';
import { position } from '../positions/position-fixtures.ts';
import { OrderRefusedError } from './errors.ts';
import {
  isClosingOrder,
  refuseAfterDailyLoss,
  refuseOverNotional,
  refuseUnlessTradingEnabled,
} from './limits.ts';
import { call, ironCondor, leg, put, stockOrder } from './order-fixtures.ts';
import { validateOrder } from './validate.ts';

function code(action: () => void): string | null {
  try {
    action();
    return null;
  } catch (error) {
    if (error instanceof OrderRefusedError) return error.code;
    throw error;
  }
}

const limits = { mode: 'live' as const, tradingEnabled: true, maxOrderNotional: null, maxDailyLoss: null };

describe('account limits', () => {
  it('refuses everything on an account with trading off', () => {
    expect(code(() => refuseUnlessTradingEnabled(limits))).toBeNull();
    expect(code(() => refuseUnlessTradingEnabled({ ...limits, tradingEnabled: false }))).toBe(
      'trading_disabled',
    );
  });

  it('refuses a notional above the limit, not one equal to it', () => {
    expect(code(() => refuseOverNotional(null, 1e9))).toBeNull();
    expect(code(() => refuseOverNotional(1000, 1000))).toBeNull();
    expect(code(() => refuseOverNotional(1000, 1000.01))).toBe('notional_limit');
  });

  it('refuses once the day loss reaches the limit', () => {
    expect(code(() => refuseAfterDailyLoss(500, 99_600, 100_000))).toBeNull();
    expect(code(() => refuseAfterDailyLoss(500, 99_500, 100_000))).toBe('daily_loss_limit');
    expect(code(() => refuseAfterDailyLoss(null, 0, 100_000))).toBeNull();
  });
});

describe('isClosingOrder', () => {
  const held = [
    position(put(470), 1, 0.9, 0.35),
    position(put(480), -1, 2.0, 1.1),
    position(call(520), -1, 1.8, 0.9),
    position(call(530), 1, 0.9, 0.4),
    position('SPY', 10, 500, 505),
  ];
  const closeCondor = ironCondor(1, {
    legs: [
      leg('sell', put(470), 'sell_to_close'),
      leg('buy', put(480), 'buy_to_close'),
      leg('buy', call(520), 'buy_to_close'),
      leg('sell', call(530), 'sell_to_close'),
    ],
  });

  it('is true when every line reduces a holding at least as big', () => {
    expect(isClosingOrder(validateOrder(closeCondor), held)).toBe(true);
    expect(isClosingOrder(validateOrder(stockOrder('sell', 10)), held)).toBe(true);
  });

  it('is false for more than is held, the wrong side, an opening intent, or nothing held', () => {
    expect(isClosingOrder(validateOrder({ ...closeCondor, qty: 2 }), held)).toBe(false);
    expect(isClosingOrder(validateOrder(stockOrder('sell', 11)), held)).toBe(false);
    expect(isClosingOrder(validateOrder(stockOrder('buy', 1)), held)).toBe(false);
    expect(
      isClosingOrder(validateOrder(stockOrder('sell', 1, { positionIntent: 'sell_to_open' })), held),
    ).toBe(false);
    expect(isClosingOrder(validateOrder(closeCondor), [])).toBe(false);
  });
});
