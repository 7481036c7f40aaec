import { describe, expect, it } from 'vitest';
import { call, put } from '../trades/fill-fixtures.ts';
import { closeLegOrder, closeStrategyOrder } from './closing-orders.ts';
import { position } from './position-fixtures.ts';
import { groupPositions } from './strategies.ts';

const [condor] = groupPositions('acct-1', [
  position(put(470), 2, 0.9, 0.35),
  position(put(480), -2, 2.0, 1.1),
  position(call(520), -2, 1.8, 0.9),
  position(call(530), 2, 0.9, 0.4),
]);
if (!condor) throw new Error('fixture: expected one strategy');

describe('closing orders', () => {
  it('closes a whole strategy: buy to close the shorts, sell to close the longs', () => {
    const order = closeStrategyOrder(condor, 'req-1');
    expect(order.legs).toEqual([
      { symbol: put(470), side: 'sell', qty: 2, position_intent: 'sell_to_close' },
      { symbol: put(480), side: 'buy', qty: 2, position_intent: 'buy_to_close' },
      { symbol: call(520), side: 'buy', qty: 2, position_intent: 'buy_to_close' },
      { symbol: call(530), side: 'sell', qty: 2, position_intent: 'sell_to_close' },
    ]);
    expect(order.client_order_id).toMatch(/^pos_[0-9a-f]{16}_close_[0-9a-f]{16}$/);
    expect(order.client_order_id.startsWith(condor.id)).toBe(true);
  });

  it('gives a retried request the same client_order_id, and a new request a new one', () => {
    const first = closeStrategyOrder(condor, 'req-1');
    expect(closeStrategyOrder(condor, 'req-1')).toEqual(first);
    expect(closeStrategyOrder(condor, 'req-2').client_order_id).not.toBe(first.client_order_id);
  });

  it('closes one leg by symbol or id, all of it or part, with distinct ids per scope', () => {
    const bySymbol = closeLegOrder(condor, put(480), 'req-1');
    const legId = condor.legs[1]?.id ?? '';
    expect(closeLegOrder(condor, legId, 'req-1')).toEqual(bySymbol);
    expect(bySymbol.legs).toEqual([
      { symbol: put(480), side: 'buy', qty: 2, position_intent: 'buy_to_close' },
    ]);
    const partial = closeLegOrder(condor, put(480), 'req-1', 1);
    expect(partial.legs[0]?.qty).toBe(1);
    const ids = new Set([
      bySymbol.client_order_id,
      partial.client_order_id,
      closeLegOrder(condor, call(530), 'req-1').client_order_id,
      closeStrategyOrder(condor, 'req-1').client_order_id,
    ]);
    expect(ids.size).toBe(4);
  });

  it('refuses an unknown leg, a quantity beyond what is held, and an empty request key', () => {
    expect(() => closeLegOrder(condor, put(490), 'req')).toThrow(/has no leg/);
    expect(() => closeLegOrder(condor, put(480), 'req', 3)).toThrow(/at most the 2 held/);
    expect(() => closeLegOrder(condor, put(480), 'req', 0)).toThrow(/must be positive/);
    expect(() => closeStrategyOrder(condor, ' ')).toThrow(/request key is required/);
  });

  it('refuses to put more legs in one order than the broker accepts', () => {
    const [wide] = groupPositions('acct-1', [
      ...[460, 470, 480].map((strike) => position(put(strike), 1, 1, 1)),
      ...[520, 530].map((strike) => position(call(strike), -1, 1, 1)),
    ]);
    expect(wide?.strategy).toBe('custom');
    expect(() => closeStrategyOrder(wide as NonNullable<typeof wide>, 'req')).toThrow(
      /close its legs separately/,
    );
  });
});
