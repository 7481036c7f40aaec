import { describe, expect, it } from 'vitest';
import type { OptionChainEntry } from '../broker/types.ts';
import { optionPrice } from '../options/black-scholes.ts';
import { formatOccSymbol, parseOccSymbol } from '../options/occ-symbol.ts';
import { yearsUntilExpiry } from '../options/time-to-expiry.ts';
import { buildStrategy } from './build.ts';
import { chainContracts } from './chain.ts';
import { StrategyBuildError, type StrategyRequest } from './types.ts';

const NOW = new Date('2026-12-10T15:00:00Z');
const TODAY = '2026-12-10';
const SPOT = 600;
const EXPIRIES = ['2026-12-18', '2027-01-15', '2027-02-19'];

/** A SPY-like chain: $5 strikes from 500 to 700, priced by Black-Scholes at 20% vol, no provider Greeks. */
function chain(): OptionChainEntry[] {
  const entries: OptionChainEntry[] = [];
  for (const expiry of EXPIRIES) {
    for (let strike = 500; strike <= 700; strike += 5) {
      for (const type of ['call', 'put'] as const) {
        const price = optionPrice({
          type,
          spot: SPOT,
          strike,
          rate: 0.04,
          dividendYield: 0,
          timeToExpiry: yearsUntilExpiry(expiry, NOW),
          volatility: 0.2,
        });
        const mid = Math.max(0.05, Math.round(price * 100) / 100);
        entries.push({
          symbol: formatOccSymbol({ root: 'SPY', expiry, type, strike }),
          quote: {
            symbol: '',
            bid: mid - 0.05,
            ask: mid + 0.05,
            bidSize: 10,
            askSize: 10,
            time: NOW.toISOString(),
          },
          lastPrice: null,
          impliedVolatility: 0.2,
          greeks: null,
        });
      }
    }
  }
  return entries;
}

function build(request: Partial<StrategyRequest> & Pick<StrategyRequest, 'strategy'>) {
  return buildStrategy({
    request: { underlying: 'SPY', qty: 1, ...request },
    contracts: chainContracts(chain(), SPOT, NOW),
    spot: SPOT,
    today: TODAY,
  });
}

describe('strategy builder: iron condor', () => {
  it('sells a put and a call near the target delta, buys wings beyond them, all in one expiry', () => {
    const built = build({ strategy: 'iron_condor' });
    expect(built.side).toBe('sell');
    const [longPut, shortPut, shortCall, longCall] = built.legs;
    // About 30 days out by default: the January expiry.
    expect(new Set(built.legs.map((leg) => leg.expiry))).toEqual(new Set(['2027-01-15']));
    expect([longPut?.type, shortPut?.type, shortCall?.type, longCall?.type]).toEqual([
      'put',
      'put',
      'call',
      'call',
    ]);
    expect([longPut?.side, shortPut?.side, shortCall?.side, longCall?.side]).toEqual([
      'buy',
      'sell',
      'sell',
      'buy',
    ]);
    expect(built.legs.map((leg) => leg.positionIntent)).toEqual([
      'buy_to_open',
      'sell_to_open',
      'sell_to_open',
      'buy_to_open',
    ]);
    expect(Math.abs(shortPut?.delta ?? 0)).toBeGreaterThan(0.1);
    expect(Math.abs(shortPut?.delta ?? 0)).toBeLessThan(0.22);
    expect(Math.abs(shortCall?.delta ?? 0)).toBeGreaterThan(0.1);
    expect(Math.abs(shortCall?.delta ?? 0)).toBeLessThan(0.22);
    expect(shortPut?.strike).toBeLessThan(SPOT);
    expect(shortCall?.strike).toBeGreaterThan(SPOT);
    // Default wings: 1% of spot (6) → nearest listed strike, 5 away on a $5 chain.
    expect((shortPut?.strike ?? 0) - (longPut?.strike ?? 0)).toBe(5);
    expect((longCall?.strike ?? 0) - (shortCall?.strike ?? 0)).toBe(5);
    for (const leg of built.legs) {
      expect(leg.symbol).toBe(
        formatOccSymbol({ root: 'SPY', expiry: leg.expiry, type: leg.type, strike: leg.strike }),
      );
      expect(parseOccSymbol(leg.symbol).root).toBe('SPY');
    }
    // Sold for a credit.
    expect(built.netPrice).toBeLessThan(0);
    expect(built.description).toMatch(
      /^sell 1 SPY iron condor 2027-01-15: buy put \d+, sell put \d+, sell call \d+, buy call \d+ \(≈ \d+\.\d\d credit per unit\)$/,
    );
  });

  it('honours target_delta, wing_width and expiry; buying flips every leg', () => {
    const built = build({
      strategy: 'iron_condor',
      targetDelta: 0.3,
      wingWidth: 10,
      expiry: '2027-02-19',
      side: 'buy',
    });
    const [longPut, shortPut, shortCall, longCall] = built.legs;
    expect(built.legs.every((leg) => leg.expiry === '2027-02-19')).toBe(true);
    expect(Math.abs(Math.abs(shortPut?.delta ?? 0) - 0.3)).toBeLessThan(0.04);
    expect((shortPut?.strike ?? 0) - (longPut?.strike ?? 0)).toBe(10);
    expect((longCall?.strike ?? 0) - (shortCall?.strike ?? 0)).toBe(10);
    expect(built.legs.map((leg) => leg.side)).toEqual(['sell', 'buy', 'buy', 'sell']);
    expect(built.netPrice).toBeGreaterThan(0);
  });

  it('refuses an unlisted expiry (naming the nearest), bad qty and bad delta', () => {
    expect(() => build({ strategy: 'iron_condor', expiry: '2027-01-14' })).toThrow(
      /nearest listed: 2027-01-15/,
    );
    expect(() => build({ strategy: 'iron_condor', qty: 0 })).toThrow(StrategyBuildError);
    expect(() => build({ strategy: 'iron_condor', targetDelta: 1.5 })).toThrow(/target_delta/);
  });
});

describe('strategy builder: other kinds', () => {
  it('vertical: buys near the delta and sells the wing beyond (calls up, puts down)', () => {
    const calls = build({ strategy: 'vertical', wingWidth: 10 });
    expect(calls.legs.map((leg) => [leg.type, leg.side])).toEqual([
      ['call', 'buy'],
      ['call', 'sell'],
    ]);
    expect((calls.legs[1]?.strike ?? 0) - (calls.legs[0]?.strike ?? 0)).toBe(10);
    const puts = build({ strategy: 'vertical', type: 'put', wingWidth: 10, side: 'sell' });
    expect(puts.legs.map((leg) => [leg.type, leg.side])).toEqual([
      ['put', 'sell'],
      ['put', 'buy'],
    ]);
    expect((puts.legs[0]?.strike ?? 0) - (puts.legs[1]?.strike ?? 0)).toBe(10);
    expect(puts.netPrice).toBeLessThan(0);
  });

  it('straddle and iron butterfly share one strike at the money; strangle straddles it', () => {
    const straddle = build({ strategy: 'straddle' });
    expect(straddle.legs.map((leg) => [leg.type, leg.strike, leg.side])).toEqual([
      ['put', 600, 'buy'],
      ['call', 600, 'buy'],
    ]);
    const fly = build({ strategy: 'iron_butterfly', wingWidth: 20 });
    expect(fly.legs.map((leg) => leg.strike)).toEqual([580, 600, 600, 620]);
    const strangle = build({ strategy: 'strangle' });
    expect(strangle.legs[0]?.strike).toBeLessThan(SPOT);
    expect(strangle.legs[1]?.strike).toBeGreaterThan(SPOT);
  });

  it('calendar: sells the near expiry and buys a later one at the same strike', () => {
    const calendar = build({ strategy: 'calendar', expiry: '2026-12-18' });
    expect(calendar.legs.map((leg) => [leg.expiry, leg.strike, leg.side])).toEqual([
      ['2026-12-18', 600, 'sell'],
      ['2027-01-15', 600, 'buy'],
    ]);
  });

  it('single: one contract near the delta', () => {
    const single = build({ strategy: 'single', type: 'put', targetDelta: 0.3, qty: 2 });
    expect(single.legs).toHaveLength(1);
    expect(single.legs[0]?.type).toBe('put');
    expect(single.qty).toBe(2);
    expect(single.description).toMatch(/^buy 2 SPY single/);
  });

  it('an empty chain is an error, not an empty order', () => {
    expect(() =>
      buildStrategy({
        request: { underlying: 'SPY', strategy: 'iron_condor', qty: 1 },
        contracts: [],
        spot: SPOT,
        today: TODAY,
      }),
    ).toThrow(/no future expiry/);
  });
});
