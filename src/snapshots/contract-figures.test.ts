import { describe, expect, it } from 'vitest';
import type { OptionChainEntry } from '../trading/broker/types.ts';
import { optionPrice } from '../trading/options/black-scholes.ts';
import { evaluateOption } from '../trading/options/evaluate.ts';
import { yearsUntilExpiry } from '../trading/options/time-to-expiry.ts';
import {
  chainRows,
  referencePrice,
  SNAPSHOT_RISK_FREE_RATE,
  type SnapshotContext,
  snapshotRow,
} from './contract-figures.ts';

const pricedAt = new Date('2026-12-07T13:00:00Z');
const context: SnapshotContext = {
  underlying: 'SPY',
  snapshotAt: pricedAt,
  pricedAt,
  underlyingPrice: 600,
  source: 'offline',
};
const SYMBOL = 'SPY270115C00610000';
const market = {
  type: 'call' as const,
  spot: 600,
  strike: 610,
  rate: SNAPSHOT_RISK_FREE_RATE,
  dividendYield: 0,
  timeToExpiry: yearsUntilExpiry('2027-01-15', pricedAt),
};
const fair = optionPrice({ ...market, volatility: 0.25 });

function entry(fields: Partial<OptionChainEntry> = {}): OptionChainEntry {
  return {
    symbol: SYMBOL,
    quote: {
      symbol: SYMBOL,
      bid: fair - 0.05,
      ask: fair + 0.05,
      bidSize: 10,
      askSize: 10,
      time: pricedAt.toISOString(),
    },
    lastPrice: null,
    impliedVolatility: null,
    greeks: null,
    ...fields,
  };
}

const providerGreeks = { delta: 0.4, gamma: 0.01, theta: -0.2, vega: 0.7, rho: 0.3 };

describe('one chain entry as a snapshot row', () => {
  it('keeps the provider’s Greeks and IV when it sends them', () => {
    const row = snapshotRow(entry({ greeks: providerGreeks, impliedVolatility: 0.31 }), context);
    expect(row).toMatchObject({
      ...providerGreeks,
      impliedVolatility: 0.31,
      greeksSource: 'provider',
      underlying: 'SPY',
      expiry: '2027-01-15',
      optionType: 'call',
      strike: 610,
      underlyingPrice: 600,
      source: 'offline',
    });
  });

  it('computes IV from the mid price, then the Greeks, when the provider sends neither', () => {
    const row = snapshotRow(entry(), context);
    const expected = evaluateOption(market, { price: fair });
    expect(row?.greeksSource).toBe('computed');
    expect(row?.impliedVolatility).toBeCloseTo(0.25, 9);
    expect(row?.delta).toBeCloseTo(expected.delta, 9);
    expect(row?.gamma).toBeCloseTo(expected.gamma, 9);
    expect(row?.theta).toBeCloseTo(expected.theta, 9);
    expect(row?.vega).toBeCloseTo(expected.vega, 9);
    expect(row?.rho).toBeCloseTo(expected.rho, 9);
  });

  it('computes the Greeks at the provider’s IV when that is all it sends', () => {
    const row = snapshotRow(entry({ impliedVolatility: 0.3 }), context);
    const expected = evaluateOption(market, { volatility: 0.3 });
    expect(row).toMatchObject({ impliedVolatility: 0.3, greeksSource: 'computed' });
    expect(row?.delta).toBeCloseTo(expected.delta, 12);
  });

  it('solves the IV the provider left out beside its Greeks', () => {
    const row = snapshotRow(entry({ greeks: providerGreeks }), context);
    expect(row?.greeksSource).toBe('provider');
    expect(row?.delta).toBe(0.4);
    expect(row?.impliedVolatility).toBeCloseTo(0.25, 9);
  });

  it('a price outside the no-arbitrage bounds gets null IV and Greeks, and the quote is kept', () => {
    // A 610 call on a 600 spot cannot be worth more than the spot itself.
    const quote = {
      symbol: SYMBOL,
      bid: 650,
      ask: 660,
      bidSize: 1,
      askSize: 1,
      time: pricedAt.toISOString(),
    };
    const row = snapshotRow(entry({ quote }), context);
    expect(row).toMatchObject({
      bid: 650,
      ask: 660,
      impliedVolatility: null,
      delta: null,
      gamma: null,
      theta: null,
      vega: null,
      rho: null,
      greeksSource: null,
    });
  });

  it('an expired contract and a missing spot get no computed figures', () => {
    const expired = snapshotRow(entry({ symbol: 'SPY261204C00610000' }), context);
    expect(expired).toMatchObject({ impliedVolatility: null, greeksSource: null });
    const noSpot = snapshotRow(entry(), { ...context, underlyingPrice: null });
    expect(noSpot).toMatchObject({ impliedVolatility: null, greeksSource: null, underlyingPrice: null });
  });

  it('prices from the mid (a zero bid counts), else the last trade, else nothing', () => {
    const quote = (bid: number, ask: number) => ({
      symbol: SYMBOL,
      bid,
      ask,
      bidSize: 0,
      askSize: 1,
      time: '',
    });
    expect(referencePrice(entry({ quote: quote(0, 0.1) }))).toBeCloseTo(0.05, 12);
    expect(referencePrice(entry({ quote: quote(0, 0), lastPrice: 1.25 }))).toBe(1.25);
    expect(referencePrice(entry({ quote: null, lastPrice: null }))).toBeNull();
    expect(referencePrice(entry({ quote: quote(2, 1) }))).toBeNull();
  });

  it('a symbol that is not an OCC symbol gives no row', () => {
    expect(snapshotRow(entry({ symbol: 'SPY' }), context)).toBeNull();
  });
});

describe('a whole chain', () => {
  it('one row per symbol (the last entry wins), with counts by Greeks source', () => {
    const put = 'SPY270115P00610000';
    const result = chainRows(
      [
        entry({ greeks: providerGreeks, impliedVolatility: 0.2 }),
        entry({ symbol: put, quote: null }),
        entry({ symbol: 'garbage' }),
        entry(),
      ],
      context,
    );
    expect(result.rows.map((row) => row.symbol)).toEqual([SYMBOL, put]);
    expect(result).toMatchObject({ skipped: 1, provider: 0, computed: 1, none: 1 });
  });
});
