import { describe, expect, it } from 'vitest';
import { closeLegOrder, closeStrategyOrder, groupPositions } from '../positions/index.ts';
import { position } from '../positions/position-fixtures.ts';
import { call, put } from '../trades/fill-fixtures.ts';
import { closingOrderRequest } from './close.ts';
import { validateOrder } from './validate.ts';

const [condor] = groupPositions('acct-1', [
  position(put(470), 2, 0.9, 0.35),
  position(put(480), -2, 2.0, 1.1),
  position(call(520), -2, 1.8, 0.9),
  position(call(530), 4, 0.9, 0.4),
]);
if (!condor) throw new Error('fixture: expected one strategy');

describe('closingOrderRequest', () => {
  it('closes several legs as one mleg market order, quantities as ratios of their common divisor', () => {
    const request = closingOrderRequest(closeStrategyOrder(condor, 'req-1'));
    expect(request).toMatchObject({ orderClass: 'mleg', type: 'market', timeInForce: 'day', qty: 2 });
    expect(request.legs?.map((leg) => [leg.symbol, leg.side, leg.ratioQty, leg.positionIntent])).toEqual([
      [put(470), 'sell', 1, 'sell_to_close'],
      [put(480), 'buy', 1, 'buy_to_close'],
      [call(520), 'buy', 1, 'buy_to_close'],
      [call(530), 'sell', 2, 'sell_to_close'],
    ]);
    expect(request.clientOrderId).toBe(closeStrategyOrder(condor, 'req-1').client_order_id);
    expect(validateOrder(request)).toHaveLength(4);
  });

  it('closes one leg as a simple order', () => {
    const request = closingOrderRequest(closeLegOrder(condor, call(530), 'req-1', 3));
    expect(request).toMatchObject({
      orderClass: 'simple',
      symbol: call(530),
      side: 'sell',
      positionIntent: 'sell_to_close',
      qty: 3,
    });
    expect(request.legs).toBeUndefined();
  });
});
