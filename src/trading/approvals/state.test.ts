import { describe, expect, it } from 'vitest';
import { checkDecision, clientOrderIdFor, isSettled, outcomeText } from './state.ts';

const NOW = new Date('2026-12-10T15:00:00Z');
const LATER = new Date('2026-12-10T15:15:00Z');

describe('approval state', () => {
  it('only a pending, unexpired approval can be decided', () => {
    expect(checkDecision({ status: 'pending', expiresAt: LATER }, 'approve', NOW)).toEqual({ ok: true });
    expect(checkDecision({ status: 'pending', expiresAt: LATER }, 'reject', NOW)).toEqual({ ok: true });
    expect(checkDecision({ status: 'pending', expiresAt: NOW }, 'approve', NOW)).toMatchObject({
      ok: false,
      code: 'expired',
    });
    expect(checkDecision({ status: 'expired', expiresAt: LATER }, 'approve', NOW)).toMatchObject({
      ok: false,
      code: 'expired',
    });
    for (const status of ['approved', 'rejected', 'submitted', 'failed'] as const) {
      const check = checkDecision({ status, expiresAt: LATER }, 'approve', NOW);
      expect(check).toMatchObject({ ok: false, code: 'already_decided' });
      expect(check.ok ? '' : check.message).toContain(status);
    }
  });

  it('settles on rejected, submitted, failed and expired, not while pending or placing', () => {
    expect(
      ['pending', 'approved', 'rejected', 'submitted', 'failed', 'expired'].filter((s) =>
        isSettled(s as never),
      ),
    ).toEqual(['rejected', 'submitted', 'failed', 'expired']);
  });

  it('derives one client_order_id per tool call', () => {
    expect(clientOrderIdFor('toolu_01ABC')).toBe('agt_toolu_01ABC');
    expect(clientOrderIdFor('toolu_01ABC')).toBe(clientOrderIdFor('toolu_01ABC'));
    expect(clientOrderIdFor('a b/c')).toBe('agt_abc');
  });

  it('tells the model each outcome in words', () => {
    const base = { summary: 'sell 1 SPY iron condor', reason: null, error: null, brokerOrderId: null };
    expect(
      outcomeText({
        ...base,
        status: 'submitted',
        brokerOrderId: 'ord-1',
        order: { status: 'filled', filledQty: 1, filledAvgPrice: -2.35 },
      }),
    ).toBe('Approved and submitted: sell 1 SPY iron condor. Order ord-1. Filled 1 at -2.35 (status filled).');
    expect(outcomeText({ ...base, status: 'rejected', reason: 'too risky' })).toBe(
      'Rejected by a person: sell 1 SPY iron condor. Reason: too risky. No order was placed.',
    );
    expect(outcomeText({ ...base, status: 'expired' })).toContain('expired');
    expect(
      outcomeText({ ...base, status: 'failed', error: 'order notional 9000 exceeds the limit 5000' }),
    ).toBe('Approved but not placed: order notional 9000 exceeds the limit 5000.');
    expect(outcomeText({ ...base, status: 'approved' })).toBe(
      "Approved, but placing the order did not finish, so whether it reached the broker is unknown: sell 1 SPY iron condor. Do not place it again before a person has checked the account's orders.",
    );
  });
});
