import { describe, expect, it } from 'vitest';
import { ironCondor } from './fixtures.ts';
import {
  applyQuotes,
  type LiveQuote,
  legSymbols,
  parseQuoteFrame,
  subscriptionChanges,
} from './live-quotes.ts';
import type { Positions } from './trading-types.ts';

const positions = (): Positions => ({
  strategies: [ironCondor()],
  total_pnl: 60,
  as_of: '2026-12-01T15:00:00.000Z',
});
const quote = (symbol: string, mid: number, time = '2026-12-01T15:00:01.000Z'): LiveQuote => ({
  symbol,
  bid: mid - 0.05,
  ask: mid + 0.05,
  mid,
  time,
});

describe('live quotes on the positions', () => {
  it('re-marks a leg at a newer mid with the server’s P&L rule, and sums the strategy and total', () => {
    // Short 560 put entered at 2.00: at 1.00 the short has made (2.00 − 1.00) × 100 = $100.
    const marked = applyQuotes(
      positions(),
      new Map([['SPY261218P00560000', quote('SPY261218P00560000', 1)]]),
    );
    const leg = marked.strategies[0]?.legs[1];
    expect(leg).toMatchObject({ current_price: 1, pnl: 100, pnl_fraction: 0.5 });
    // The other legs keep their polled P&L: −20 + 100 + 60 − 30.
    expect(marked.strategies[0]?.pnl).toBe(110);
    expect(marked.total_pnl).toBe(110);
    // A long call: (0.75 − 0.90) × 100 = −15.
    const long = applyQuotes(
      positions(),
      new Map([['SPY261218C00650000', quote('SPY261218C00650000', 0.75)]]),
    );
    expect(long.strategies[0]?.legs[3]?.pnl).toBe(-15);
  });
  it('ignores a quote not newer than the poll, and returns the same object when nothing changed', () => {
    const before = positions();
    const stale = new Map([
      ['SPY261218P00560000', quote('SPY261218P00560000', 1, '2026-12-01T14:59:59.000Z')],
    ]);
    expect(applyQuotes(before, stale)).toBe(before);
    expect(applyQuotes(before, new Map())).toBe(before);
  });
  it('keeps a strategy’s P&L unknown while a leg has no price', () => {
    const before = positions();
    const strategy = before.strategies[0];
    if (!strategy?.legs[0]) throw new Error('fixture');
    strategy.legs[0] = { ...strategy.legs[0], current_price: null, pnl: null };
    const marked = applyQuotes(before, new Map([['SPY261218P00560000', quote('SPY261218P00560000', 1)]]));
    expect(marked.strategies[0]?.pnl).toBeNull();
    expect(marked.total_pnl).toBeNull();
  });
  it('lists the legs’ symbols once, sorted, and the subscription changes between two lists', () => {
    expect(legSymbols(positions())).toEqual([
      'SPY261218C00640000',
      'SPY261218C00650000',
      'SPY261218P00550000',
      'SPY261218P00560000',
    ]);
    expect(legSymbols(null)).toEqual([]);
    expect(subscriptionChanges(['A', 'B'], ['B', 'C'])).toEqual({ subscribe: ['C'], unsubscribe: ['A'] });
  });
});

describe('quote frames', () => {
  it('reads quotes, status and errors, and drops what it does not understand', () => {
    const frame = parseQuoteFrame(
      JSON.stringify({ type: 'quotes', quotes: [quote('SPY', 600), { symbol: 'BAD' }] }),
    );
    expect(frame?.type === 'quotes' && frame.quotes.map((q) => q.symbol)).toEqual(['SPY']);
    expect(parseQuoteFrame(JSON.stringify({ type: 'status', upstream: 'replay' }))).toEqual({
      type: 'status',
      upstream: 'replay',
    });
    expect(parseQuoteFrame('pong')).toBeNull();
    expect(parseQuoteFrame(JSON.stringify({ type: 'surprise' }))).toBeNull();
    expect(parseQuoteFrame(new ArrayBuffer(2))).toBeNull();
  });
});
