import { describe, expect, it } from 'vitest';
import { OFFLINE_INSTRUMENTS, OFFLINE_SYMBOLS } from './instruments.ts';
import { maxPathDeviation, underlyingMid } from './price-path.ts';
import { stockQuote, stockSpread } from './stock-quotes.ts';

const AT = new Date('2026-12-07T15:30:00Z');
const MINUTE = 60_000;

function mid(symbol: string, at: Date): number {
  const price = underlyingMid(symbol, at);
  if (price === undefined) throw new Error(`no price for ${symbol}`);
  return price;
}

describe('offline price path', () => {
  it('gives the same price for the same symbol and instant, whatever was asked before', () => {
    const first = mid('SPY', AT);
    mid('QQQ', new Date(AT.getTime() + 5 * MINUTE));
    expect(mid('SPY', new Date(AT.getTime()))).toBe(first);
  });

  it('moves second to second by cents and over an hour by dollars (SPY)', () => {
    const oneSecond = Math.abs(mid('SPY', new Date(AT.getTime() + 1000)) - mid('SPY', AT));
    expect(oneSecond).toBeGreaterThan(0);
    expect(oneSecond).toBeLessThan(0.05);
    const moves = Array.from({ length: 60 }, (_, hour) =>
      Math.abs(
        mid('SPY', new Date(AT.getTime() + (hour + 1) * 60 * MINUTE)) -
          mid('SPY', new Date(AT.getTime() + hour * 60 * MINUTE)),
      ),
    );
    const average = moves.reduce((sum, move) => sum + move, 0) / moves.length;
    expect(average).toBeGreaterThan(0.3);
    expect(average).toBeLessThan(8);
  });

  it('stays within its stated band of the reference price over a year of ten-minute samples', () => {
    for (const symbol of OFFLINE_SYMBOLS) {
      const instrument = OFFLINE_INSTRUMENTS[symbol];
      if (!instrument) throw new Error(symbol);
      const band = maxPathDeviation(instrument.volatility);
      let low = Number.POSITIVE_INFINITY;
      let high = 0;
      for (let step = 0; step < 52_560; step += 1) {
        const price = mid(symbol, new Date(AT.getTime() + step * 10 * MINUTE));
        low = Math.min(low, price);
        high = Math.max(high, price);
      }
      expect(high / instrument.referencePrice - 1).toBeLessThanOrEqual(band);
      expect(1 - low / instrument.referencePrice).toBeLessThanOrEqual(band);
      // It does wander: a year covers a good part of the band.
      expect(high - low).toBeGreaterThan(instrument.referencePrice * band * 0.3);
    }
  });

  it('has no price for a symbol it does not bundle', () => {
    expect(underlyingMid('TSLA', AT)).toBeUndefined();
    expect(stockQuote('TSLA', AT)).toBeUndefined();
  });
});

describe('offline stock quotes', () => {
  it('quotes whole cents around the mid, a cent wide for SLV and two for SPY, with round-lot sizes', () => {
    for (const symbol of OFFLINE_SYMBOLS) {
      const quote = stockQuote(symbol, AT);
      if (!quote) throw new Error(symbol);
      const price = mid(symbol, AT);
      expect(Math.round(quote.bid * 100)).toBeCloseTo(quote.bid * 100, 9);
      expect(quote.ask - quote.bid).toBeCloseTo(stockSpread(price), 9);
      expect(quote.bid).toBeLessThanOrEqual(price);
      expect(quote.ask).toBeGreaterThanOrEqual(price);
      expect(quote.bidSize % 100).toBe(0);
      expect(quote.askSize).toBeGreaterThanOrEqual(100);
      expect(quote.time).toBe(AT.toISOString());
    }
    expect(stockSpread(52)).toBe(0.01);
    expect(stockSpread(705)).toBe(0.02);
  });
});
