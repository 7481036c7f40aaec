import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from './ledger.ts';
import { accountSummary, positionsOf } from './valuation.ts';

const CLOSE = new Date('2026-12-04T21:00:00Z');
const NOW = new Date('2026-12-07T15:30:00Z');

/** Marks: 700 and 5 at Friday's close, 710 and 3 now. */
function mark(symbol: string, at: Date): number | undefined {
  const friday = at.getTime() <= CLOSE.getTime();
  if (symbol === 'SPY') return friday ? 700 : 710;
  if (symbol === 'SPY261218P00690000') return friday ? 5 : 3;
  return undefined;
}

const entries: LedgerEntry[] = [
  {
    id: '1::a',
    symbol: 'SPY',
    qtyDelta: 10,
    price: 695,
    cashDelta: -6950,
    transactionTime: new Date('2026-12-04T15:00:00Z'),
  },
  {
    id: '2::b',
    symbol: 'SPY261218P00690000',
    qtyDelta: -2,
    price: 4,
    cashDelta: 800,
    transactionTime: new Date('2026-12-07T15:00:00Z'),
  },
];

describe('paper account valuation', () => {
  it('adds cash and marked positions, measures last equity at the previous close, and sets shorts aside', () => {
    const summary = accountSummary(
      '0123abcd-0000-4000-8000-000000000000',
      100_000,
      entries,
      NOW,
      CLOSE,
      mark,
    );
    // Cash 100,000 − 6,950 + 800; long stock 10 × 710; short puts −2 × 100 × 3.
    expect(summary).toEqual({
      accountNumber: 'PAPER-0123ABCD',
      status: 'ACTIVE',
      currency: 'USD',
      cash: 93_850,
      equity: 93_850 + 7100 - 600,
      // At Friday's close only the stock was held: 93,050 + 10 × 700.
      lastEquity: 93_050 + 7000,
      buyingPower: 93_850 - 600,
      optionsBuyingPower: 93_850 - 600,
      optionsTradingLevel: 3,
    });
  });

  it('reports positions in the broker shape with signed quantities and unrealized P&L', () => {
    const holdings = [
      { symbol: 'SPY261218P00690000', qty: -2, avgEntryPrice: 4, multiplier: 100 },
      { symbol: 'SPY', qty: 10, avgEntryPrice: 695, multiplier: 1 },
    ];
    expect(positionsOf(holdings, NOW, mark)).toEqual([
      {
        symbol: 'SPY',
        qty: 10,
        side: 'long',
        avg_entry_price: 695,
        current_price: 710,
        market_value: 7100,
        cost_basis: 6950,
        unrealized_pl: 150,
        asset_class: 'us_equity',
      },
      {
        symbol: 'SPY261218P00690000',
        qty: -2,
        side: 'short',
        avg_entry_price: 4,
        current_price: 3,
        market_value: -600,
        cost_basis: -800,
        unrealized_pl: 200,
        asset_class: 'us_option',
      },
    ]);
  });
});
