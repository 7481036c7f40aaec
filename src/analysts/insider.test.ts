import { describe, expect, it } from 'vitest';
import { insiderAggregates } from './insider.ts';

describe('insiderAggregates', () => {
  it('nets purchases against sales and ignores non-discretionary codes', () => {
    const aggregates = insiderAggregates([
      {
        insider_name: 'Ann',
        transaction_date: '2024-03-01',
        transaction_code: 'P',
        shares: 1_000,
        price: 50,
      },
      { insider_name: 'ann ', transaction_date: '2024-03-02', transaction_code: 'P', shares: 500, price: 52 },
      { insider_name: 'Bob', transaction_date: '2024-03-03', transaction_code: 's', shares: 300, price: 55 },
      { insider_name: 'Cy', transaction_date: '2024-03-04', transaction_code: 'A', shares: 9_000 },
      { insider_name: 'Di', transaction_date: '2024-03-05', transaction_code: 'S', shares: 100 },
    ]);
    expect(aggregates).toMatchObject({
      net_shares: 1_100,
      net_value: 50_000 + 26_000 - 16_500,
      buyers: 1,
      sellers: 2,
      purchases: 2,
      sales: 2,
      other_transactions: 1,
    });
    expect(aggregates.notable.map((tx) => tx.insider_name)).toEqual(['Ann', 'ann ', 'Bob', 'Di']);
    expect(aggregates.notable[3]).toMatchObject({ transaction_code: 'S', price: null, value: null });
  });

  it('is all zeros without transactions', () => {
    expect(insiderAggregates([])).toMatchObject({ net_shares: 0, net_value: 0, buyers: 0, notable: [] });
  });
});
