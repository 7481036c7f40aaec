import { describe, expect, it } from 'vitest';
import { QuoteThrottle } from './throttle.ts';
import type { WireQuote } from './wire.ts';

function quote(symbol: string, bid: number, time = `t${bid}`): WireQuote {
  return { symbol, bid, ask: bid + 0.02, mid: bid + 0.01, time };
}

describe('QuoteThrottle', () => {
  it('sends a quiet symbol at once and keeps only the latest of a burst', () => {
    const throttle = new QuoteThrottle(4);
    throttle.offer(quote('SPY', 1));
    throttle.offer(quote('SPY', 2));
    throttle.offer(quote('SPY', 3));
    expect(throttle.take(0)).toEqual([quote('SPY', 3)]);
    expect(throttle.nextDueAt()).toBeUndefined();
  });

  it('holds a symbol sent less than 1/N s ago, then sends its latest value', () => {
    const throttle = new QuoteThrottle(4);
    throttle.offer(quote('SPY', 1));
    expect(throttle.take(1_000)).toHaveLength(1);
    throttle.offer(quote('SPY', 2));
    throttle.offer(quote('SPY', 3));
    expect(throttle.take(1_100)).toEqual([]);
    expect(throttle.nextDueAt()).toBe(1_250);
    expect(throttle.take(1_249)).toEqual([]);
    expect(throttle.take(1_250)).toEqual([quote('SPY', 3)]);
  });

  it('caps every symbol at N updates per second however fast quotes arrive', () => {
    const throttle = new QuoteThrottle(4);
    const sent: Record<string, number[]> = { SPY: [], QQQ: [] };
    // Quotes every 10 ms for 10 s, flushing whenever one is due (the object's timer does the same).
    for (let now = 0, n = 0; now < 10_000; now += 10, n += 1) {
      throttle.offer(quote('SPY', n));
      if (n % 3 === 0) throttle.offer(quote('QQQ', n));
      const due = throttle.nextDueAt();
      if (due !== undefined && due <= now) {
        for (const q of throttle.take(now)) sent[q.symbol]?.push(now);
      }
    }
    for (const times of Object.values(sent)) {
      expect(times.length).toBeLessThanOrEqual(40);
      expect(times.length).toBeGreaterThanOrEqual(39);
      for (let i = 1; i < times.length; i += 1) {
        expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(250);
      }
    }
  });

  it('does not hold one symbol back for another', () => {
    const throttle = new QuoteThrottle(4);
    throttle.offer(quote('SPY', 1));
    throttle.take(0);
    throttle.offer(quote('SPY', 2));
    throttle.offer(quote('QQQ', 5));
    expect(throttle.take(10)).toEqual([quote('QQQ', 5)]);
    expect(throttle.take(250)).toEqual([quote('SPY', 2)]);
  });

  it('drops a quote equal to the one last sent, and a pending one that went back to it', () => {
    const throttle = new QuoteThrottle(4);
    throttle.offer(quote('SPY', 1));
    throttle.take(0);
    throttle.offer(quote('SPY', 1));
    expect(throttle.nextDueAt()).toBeUndefined();
    throttle.offer(quote('SPY', 2));
    throttle.offer(quote('SPY', 1));
    expect(throttle.take(1_000)).toEqual([]);
  });

  it('remembers the last sent quote for new subscribers until the symbol is forgotten', () => {
    const throttle = new QuoteThrottle(4);
    throttle.offer(quote('SPY', 1));
    throttle.take(0);
    expect(throttle.latest('SPY')).toEqual(quote('SPY', 1));
    throttle.offer(quote('SPY', 2));
    throttle.forget(['SPY']);
    expect(throttle.latest('SPY')).toBeUndefined();
    expect(throttle.nextDueAt()).toBeUndefined();
    throttle.offer(quote('SPY', 3));
    expect(throttle.take(1)).toEqual([quote('SPY', 3)]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new QuoteThrottle(0)).toThrow(RangeError);
  });
});
