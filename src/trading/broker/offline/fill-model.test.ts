import { describe, expect, it } from 'vitest';
import type { Quote } from '../types.ts';
import { fillOrder, slippage } from './fill-model.ts';

function quote(bid: number, ask: number, size = 10): Quote {
  return { symbol: 'X', bid, ask, bidSize: size, askSize: size, time: '2026-12-07T15:30:00.000Z' };
}

describe('offline fill model', () => {
  it('slips one cent per displayed size taken, at least one', () => {
    expect(slippage(1, 10)).toBeCloseTo(0.01, 12);
    expect(slippage(10, 10)).toBeCloseTo(0.01, 12);
    expect(slippage(11, 10)).toBeCloseTo(0.02, 12);
    expect(slippage(35, 10)).toBeCloseTo(0.04, 12);
    expect(slippage(5, 0)).toBeCloseTo(0.05, 12);
  });

  it('buys at the ask plus slippage and sells at the bid minus slippage, never below zero', () => {
    expect(fillOrder([{ side: 'buy', ratio: 1, quote: quote(1.2, 1.25) }], 5, null)).toEqual({
      legs: [{ price: 1.26 }],
      net: 1.26,
    });
    expect(fillOrder([{ side: 'sell', ratio: 1, quote: quote(1.2, 1.25) }], 25, null)).toEqual({
      legs: [{ price: 1.17 }],
      net: 1.17,
    });
    expect(fillOrder([{ side: 'sell', ratio: 1, quote: quote(0, 0.01) }], 1, null)?.net).toBe(0);
  });

  it('fills a marketable limit no worse than its limit, and rests one that is not marketable', () => {
    const legs = [{ side: 'buy' as const, ratio: 1, quote: quote(1.2, 1.25) }];
    expect(fillOrder(legs, 1, 1.3)?.net).toBe(1.26);
    expect(fillOrder(legs, 1, 1.25)?.net).toBe(1.25);
    expect(fillOrder(legs, 1, 1.24)).toBeNull();
    const sell = [{ side: 'sell' as const, ratio: 1, quote: quote(1.2, 1.25) }];
    expect(fillOrder(sell, 1, 1.1)?.net).toBe(1.19);
    expect(fillOrder(sell, 1, 1.2)?.net).toBe(1.2);
    expect(fillOrder(sell, 1, 1.21)).toBeNull();
  });

  it('fills an iron condor for a net credit, each leg at its touch less slippage', () => {
    const condor = [
      { side: 'buy' as const, ratio: 1, quote: quote(0.8, 0.82) },
      { side: 'sell' as const, ratio: 1, quote: quote(1.5, 1.53) },
      { side: 'sell' as const, ratio: 1, quote: quote(1.4, 1.43) },
      { side: 'buy' as const, ratio: 1, quote: quote(0.7, 0.72) },
    ];
    // Touch: 0.82 − 1.50 − 1.40 + 0.72 = −1.36 (a 1.36 credit); slipped: 0.83 − 1.49 − 1.39 + 0.73.
    const market = fillOrder(condor, 2, null);
    expect(market?.legs.map((leg) => leg.price)).toEqual([0.83, 1.49, 1.39, 0.73]);
    expect(market?.net).toBeCloseTo(-1.32, 9);
    // A limit of a 1.34 credit splits the slippage: half of each leg's, landing on the limit exactly.
    const limited = fillOrder(condor, 2, -1.34);
    expect(limited?.net).toBeCloseTo(-1.34, 9);
    expect(limited?.legs.map((leg) => leg.price)).toEqual([0.825, 1.495, 1.395, 0.725]);
    // Asking for more credit than the touch offers rests.
    expect(fillOrder(condor, 2, -1.37)).toBeNull();
  });

  it('weights legs by their ratio', () => {
    const ratio = fillOrder(
      [
        { side: 'buy', ratio: 1, quote: quote(2, 2.05, 100) },
        { side: 'sell', ratio: 2, quote: quote(1, 1.02, 100) },
      ],
      1,
      null,
    );
    expect(ratio?.net).toBeCloseTo(2.06 - 2 * 0.99, 9);
  });
});
