import { describe, expect, it } from 'vitest';
import { runOutcome, type UnderlyingOutcome } from './run-outcome.ts';

const stored = (contracts: number): UnderlyingOutcome => ({
  contracts,
  provider: contracts,
  computed: 0,
  none: 0,
  skipped: 0,
  underlying_price: 100,
});

describe('a run’s outcome from its underlyings', () => {
  it('all stored: succeeded, contracts summed, no error', () => {
    const outcome = runOutcome(
      new Map([
        ['SPY', stored(10)],
        ['QQQ', stored(5)],
      ]),
    );
    expect(outcome).toMatchObject({ status: 'succeeded', contracts: 15, error: null });
  });

  it('one failed: still succeeded, the failure named in detail and error', () => {
    const outcome = runOutcome(
      new Map([
        ['SPY', stored(10)],
        ['NOPE', { error: 'no chain' }],
      ]),
    );
    expect(outcome.status).toBe('succeeded');
    expect(outcome.contracts).toBe(10);
    expect(outcome.detail.NOPE).toEqual({ error: 'no chain' });
    expect(outcome.error).toBe('1 of 2 underlyings failed: NOPE: no chain');
  });

  it('all failed, or nothing to do: failed', () => {
    expect(runOutcome(new Map([['SPY', { error: 'down' }]]))).toMatchObject({
      status: 'failed',
      contracts: 0,
      error: 'every underlying failed: SPY: down',
    });
    expect(runOutcome(new Map()).status).toBe('failed');
  });
});
