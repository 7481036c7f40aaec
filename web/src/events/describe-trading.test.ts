import { describe, expect, it } from 'vitest';
import { filterOf } from './categories.ts';
import { describeEvent } from './describe.ts';

describe('trading events', () => {
  it('read as one line each: the request, the decision, the order', () => {
    expect(
      describeEvent({
        type: 'approval_requested',
        data: { approval_id: 'ap-123456789', summary: 'sell 1 SPY iron condor', notional: 522.5 },
      }),
    ).toBe('Approval requested: sell 1 SPY iron condor · notional $522.50');
    expect(
      describeEvent({
        type: 'approval_decided',
        data: { approval_id: 'ap-123456789', status: 'rejected', reason: 'not today', error: null },
      }),
    ).toBe('Approval ap-12345 rejected · not today');
    expect(
      describeEvent({
        type: 'order_submitted',
        data: { broker_order_id: 'ord-1', status: 'filled', filled_qty: 1, filled_avg_price: -1.76 },
      }),
    ).toBe('Order ord-1 filled · filled 1 at -1.76');
  });
  it('still read without a payload', () => {
    expect(describeEvent({ type: 'approval_requested', data: {} })).toBe('Approval requested');
    expect(describeEvent({ type: 'approval_decided', data: {} })).toBe('Approval ? decided');
    expect(describeEvent({ type: 'order_submitted', data: {} })).toBe('Order ? submitted');
  });
  it('have their own filter', () => {
    expect(filterOf({ type: 'approval_requested', category: 'trading' })).toBe('Trading');
  });
});
