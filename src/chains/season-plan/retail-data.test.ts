import { describe, expect, it } from 'vitest';
import salesCsv from './data/historical-sales.csv';
import storesCsv from './data/stores.csv';
import badSales from './fixtures/sales-negative-units.csv';
import badStores from './fixtures/stores-bad-tier.csv';
import { parseRetailData, RetailDataError, retailData } from './retail-data.ts';

describe('the bundled retail data', () => {
  it('parses: 16 stores, 104 weeks × 16 stores × 4 categories of sales', () => {
    const data = parseRetailData(storesCsv, salesCsv);
    expect(data.stores).toHaveLength(16);
    expect(data.sales).toHaveLength(104 * 16 * 4);
    expect(new Set(data.sales.map((row) => row.category))).toEqual(
      new Set(['outerwear', 'dresses', 'knitwear', 'accessories']),
    );
    expect(data.sales[0]).toEqual({
      week_start: '2024-01-01',
      store_id: 'S01',
      category: 'outerwear',
      units_sold: expect.any(Number),
      avg_price: expect.any(Number),
    });
  });

  it('is parsed once per isolate while the text is the same', () => {
    expect(retailData(storesCsv, salesCsv)).toBe(retailData(storesCsv, salesCsv));
    const other = retailData(storesCsv, salesCsv.split('\n').slice(0, 3).join('\n'));
    expect(other.sales).toHaveLength(2);
  });
});

describe('bad data names the file, row and column', () => {
  it.each([
    [badStores, salesCsv, 'stores.csv row 3, column size_tier: "huge" must be small, medium or large.'],
    [storesCsv, badSales, 'historical-sales.csv row 3, column units_sold: "-3" must not be negative.'],
    [
      storesCsv,
      'week_start,store_id,category,units_sold,avg_price\n2024-01-01,S99,outerwear,1,10\n',
      'historical-sales.csv row 2, column store_id: "S99" is not in stores.csv.',
    ],
    [
      storesCsv,
      'week_start,store_id,category,units_sold,avg_price\n2024-01-01,S01,outerwear,1\n',
      'historical-sales.csv row 2: 4 cells, the header has 5 (week_start,store_id,category,units_sold,avg_price).',
    ],
    [
      storesCsv,
      'week_start,store_id,category,units_sold,avg_price\n01/08/2024,S01,outerwear,1,10\n',
      'historical-sales.csv row 2, column week_start: "01/08/2024" must be a date as YYYY-MM-DD.',
    ],
    [storesCsv, '', 'historical-sales.csv: the file is empty.'],
  ])('%#', (stores, sales, message) => {
    expect(() => parseRetailData(stores, sales)).toThrow(new RetailDataError(message));
  });
});
