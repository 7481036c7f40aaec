import { describe, expect, it } from 'vitest';
import { OrderRefusedError } from './errors.ts';
import { estimateNotional, quoteMid } from './notional.ts';
import { call, condorQuotes, ironCondor, leg, put, quote, stockOrder } from './order-fixtures.ts';

describe('estimateNotional', () => {
  it('prices stock at qty × mid (market) or qty × limit, either side', () => {
    expect(estimateNotional(stockOrder('buy', 10), [quote('SPY', 500, 500.2)])).toBe(5001);
    expect(estimateNotional(stockOrder('sell', 10), [quote('SPY', 500, 500.2)])).toBe(5001);
    expect(estimateNotional(stockOrder('buy', 10, { type: 'limit', limitPrice: 499 }), [])).toBe(4990);
  });

  it('is the premium paid for a bought option or a debit spread', () => {
    const longCall = { ...stockOrder('buy', 2), symbol: call(520) };
    expect(estimateNotional(longCall, [quote(call(520), 1.7, 1.9)])).toBe(360);
    const debitSpread = ironCondor(1, { legs: [leg('buy', call(520)), leg('sell', call(530))] });
    expect(estimateNotional(debitSpread, condorQuotes)).toBe(90);
  });

  it('is width × 100 × qty − credit for a credit spread and an iron condor', () => {
    // Mids: 470P 0.9, 480P 2.0, 520C 1.8, 530C 0.9: credit 2.0 per condor, wings 10 wide.
    expect(estimateNotional(ironCondor(2), condorQuotes)).toBe(2 * (1000 - 200));
    const putSpread = ironCondor(1, { legs: [leg('sell', put(480)), leg('buy', put(470))] });
    expect(estimateNotional(putSpread, condorQuotes)).toBe(1000 - 110);
    // A limit order is priced at its limit: a net credit of 2.50.
    expect(estimateNotional(ironCondor(1, { type: 'limit', limitPrice: -2.5 }), [])).toBe(750);
  });

  it('is strike × 100 − credit for a short put, and measures a naked short call at twice the strike', () => {
    const shortPut = { ...stockOrder('sell', 1), symbol: put(480) };
    expect(estimateNotional(shortPut, condorQuotes)).toBe(48_000 - 200);
    const shortCall = { ...stockOrder('sell', 1), symbol: call(520) };
    expect(estimateNotional(shortCall, condorQuotes)).toBe(52_000 - 180);
  });

  it('is the premium paid (or 0 for a credit) for an order that only closes', () => {
    const close = ironCondor(1, {
      legs: [
        leg('sell', put(470), 'sell_to_close'),
        leg('buy', put(480), 'buy_to_close'),
        leg('buy', call(520), 'buy_to_close'),
        leg('sell', call(530), 'sell_to_close'),
      ],
    });
    expect(estimateNotional(close, condorQuotes)).toBe(200);
    const closeLong = ironCondor(1, {
      legs: [leg('sell', put(470), 'sell_to_close'), leg('sell', call(530), 'sell_to_close')],
    });
    expect(estimateNotional(closeLong, condorQuotes)).toBe(0);
  });

  it('refuses a market order it cannot price, naming the symbol', () => {
    try {
      estimateNotional(ironCondor(1), condorQuotes.slice(1));
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(OrderRefusedError);
      expect((error as OrderRefusedError).details).toEqual({ symbol: put(470) });
    }
  });

  it('takes the mid of a two-sided quote, else the one side quoted', () => {
    expect(quoteMid(quote('SPY', 1, 2))).toBe(1.5);
    expect(quoteMid(quote('SPY', 0, 2))).toBe(2);
    expect(quoteMid(quote('SPY', 0, 0))).toBeNull();
    expect(quoteMid(undefined)).toBeNull();
  });
});
