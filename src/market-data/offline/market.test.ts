import { describe, expect, it } from 'vitest';
import { optionPrice } from '../../trading/options/black-scholes.ts';
import { formatOccSymbol } from '../../trading/options/occ-symbol.ts';
import { yearsUntilExpiry } from '../../trading/options/time-to-expiry.ts';
import { OFFLINE_INSTRUMENTS, OFFLINE_RISK_FREE_RATE } from './instruments.ts';
import {
  intrinsicAt,
  offlineChain,
  offlineContracts,
  offlineMark,
  offlineQuote,
  settlementPrice,
} from './market.ts';
import { optionBidAsk } from './option-quotes.ts';
import { underlyingMid } from './price-path.ts';
import { resolveOfflineSymbol } from './symbols.ts';
import { impliedVolatilityAt } from './volatility.ts';

const AT = new Date('2026-12-07T15:30:00Z');
const EXPIRY = '2026-12-18';

function spy(type: 'call' | 'put', strike: number, expiry = EXPIRY): string {
  return formatOccSymbol({ root: 'SPY', expiry, type, strike });
}

describe('offline option chain', () => {
  const chain = offlineChain({ underlying: 'SPY', expiryFrom: EXPIRY, expiryTo: EXPIRY }, AT);
  const spot = underlyingMid('SPY', AT) ?? 0;

  it('prices every listed contract with a quote, IV and Greeks, calls and puts at each strike', () => {
    expect(chain.length).toBeGreaterThan(200);
    const symbols = chain.map((entry) => entry.symbol);
    expect(symbols).toContain(spy('call', 700));
    expect(symbols).toContain(spy('put', 700));
    for (const entry of chain) {
      expect(entry.quote).not.toBeNull();
      expect(entry.quote?.ask).toBeGreaterThan(entry.quote?.bid ?? Number.NaN);
      expect(entry.quote?.bid).toBeGreaterThanOrEqual(0);
      expect(entry.impliedVolatility).toBeGreaterThan(0);
      expect(entry.greeks).not.toBeNull();
    }
  });

  it('quotes around the Black-Scholes-Merton value at the surface volatility', () => {
    const instrument = OFFLINE_INSTRUMENTS.SPY;
    if (!instrument) throw new Error('SPY');
    const strike = Math.round(spot);
    const entry = chain.find((candidate) => candidate.symbol === spy('call', strike));
    const years = yearsUntilExpiry(EXPIRY, AT);
    const volatility = impliedVolatilityAt(instrument, strike, spot, years);
    const fair = optionPrice({
      type: 'call',
      spot,
      strike,
      rate: OFFLINE_RISK_FREE_RATE,
      dividendYield: instrument.dividendYield,
      timeToExpiry: years,
      volatility,
    });
    expect(entry?.impliedVolatility).toBeCloseTo(volatility, 12);
    expect(entry?.quote?.bid).toBeLessThanOrEqual(fair);
    expect(entry?.quote?.ask).toBeGreaterThanOrEqual(fair);
    expect(entry?.greeks?.delta).toBeGreaterThan(0.4);
    expect(entry?.greeks?.delta).toBeLessThan(0.65);
    expect(entry?.greeks?.theta).toBeLessThan(0);
  });

  it('has an equity skew on SPY: out-of-the-money puts carry more volatility than calls', () => {
    const iv = (symbol: string) =>
      chain.find((entry) => entry.symbol === symbol)?.impliedVolatility ?? Number.NaN;
    const atm = Math.round(spot);
    expect(iv(spy('put', atm - 30))).toBeGreaterThan(iv(spy('put', atm)));
    expect(iv(spy('call', atm + 20))).toBeLessThan(iv(spy('call', atm)));
  });

  it('keeps put-call parity within the spreads', () => {
    const strike = Math.round(spot);
    const call = offlineQuote(spy('call', strike), AT);
    const put = offlineQuote(spy('put', strike), AT);
    if (!call || !put) throw new Error('no quotes');
    const years = yearsUntilExpiry(EXPIRY, AT);
    const forwardValue = spot * Math.exp(-0.012 * years) - strike * Math.exp(-OFFLINE_RISK_FREE_RATE * years);
    const mid = (quote: { bid: number; ask: number }) => (quote.bid + quote.ask) / 2;
    expect(Math.abs(mid(call) - mid(put) - forwardValue)).toBeLessThan(0.2);
  });

  it('filters by type and strike, and lists contracts with their terms', () => {
    const puts = offlineContracts(
      {
        underlying: 'SPY',
        expiryFrom: EXPIRY,
        expiryTo: EXPIRY,
        type: 'put',
        strikeFrom: 690,
        strikeTo: 700,
      },
      AT,
    );
    expect(puts.map((contract) => contract.strike)).toEqual([
      690, 691, 692, 693, 694, 695, 696, 697, 698, 699, 700,
    ]);
    expect(puts[0]).toEqual({
      symbol: spy('put', 690),
      underlying: 'SPY',
      expiry: EXPIRY,
      type: 'put',
      strike: 690,
      multiplier: 100,
      tradable: true,
      openInterest: null,
    });
    expect(offlineChain({ underlying: 'TSLA' }, AT)).toEqual([]);
  });

  it('spreads widen with the premium but never below a cent or a negative bid', () => {
    expect(optionBidAsk(0.001)).toEqual({ bid: 0, ask: 0.01 });
    const cheap = optionBidAsk(1.5);
    expect(cheap.ask - cheap.bid).toBeCloseTo(0.02, 9);
    const dear = optionBidAsk(80);
    expect(dear.ask - dear.bid).toBeGreaterThan(0.4);
    expect(dear.ask - dear.bid).toBeLessThanOrEqual(1.01);
  });
});

describe('offline symbols and marks', () => {
  it('resolves stocks, listed options and expired options, and says why others are unknown', () => {
    expect(resolveOfflineSymbol('SPY', AT)).toMatchObject({ kind: 'stock', symbol: 'SPY' });
    expect(resolveOfflineSymbol(spy('call', 700), AT)).toMatchObject({ kind: 'option', expired: false });
    expect(resolveOfflineSymbol(spy('call', 700, '2026-12-04'), AT)).toMatchObject({
      kind: 'option',
      expired: true,
    });
    const reasons = [
      'TSLA',
      'TSLA261218C00300000',
      spy('call', 700.5),
      spy('call', 700, '2026-12-16'),
      'SPY261218X00700000',
    ].map((symbol) => {
      const resolved = resolveOfflineSymbol(symbol, AT);
      return resolved.kind === 'unknown' ? resolved.reason : `resolved: ${resolved.kind}`;
    });
    expect(reasons[0]).toMatch(/unknown symbol TSLA: the offline market quotes SPY, QQQ/);
    expect(reasons[1]).toMatch(/no options on TSLA/);
    expect(reasons[2]).toMatch(/lists no 700.5 strike/);
    expect(reasons[3]).toMatch(/lists no 2026-12-16 expiry/);
    expect(reasons[4]).toMatch(/unknown symbol/);
  });

  it('quotes nothing for an expired contract but marks it at its intrinsic value at expiry', () => {
    const expired = spy('put', 720, '2026-12-04');
    expect(offlineQuote(expired, AT)).toBeUndefined();
    const settled = settlementPrice('SPY', '2026-12-04');
    expect(offlineMark(expired, AT)).toBeCloseTo(intrinsicAt('put', 720, settled), 9);
    expect(intrinsicAt('call', 700, 710)).toBe(10);
    expect(intrinsicAt('call', 700, 690)).toBe(0);
    expect(intrinsicAt('put', 700, 690)).toBe(10);
  });

  it('marks a live contract at its mid', () => {
    const quote = offlineQuote(spy('call', 700), AT);
    if (!quote) throw new Error('no quote');
    expect(offlineMark(spy('call', 700), AT)).toBeCloseTo((quote.bid + quote.ask) / 2, 9);
  });
});
