/**
 * The bundled retail data (data/*.csv) parsed and validated: stores, and weekly unit sales per store ×
 * category. A bad cell is an error naming the file, row and column. Parsing is memoised per isolate,
 * keyed by the CSV text itself, so the first chain run in an isolate pays for it and later ones do not.
 */
import { z } from 'zod';

export interface Store {
  store_id: string;
  region: string;
  size_tier: 'small' | 'medium' | 'large';
  square_feet: number;
  capacity_units: number;
  opened: string;
}

export interface SalesRow {
  week_start: string;
  store_id: string;
  category: string;
  units_sold: number;
  avg_price: number;
}

export interface RetailData {
  stores: Store[];
  sales: SalesRow[];
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const count = z.coerce.number().int('must be a whole number').min(0, 'must not be negative');
const storeId = z.string().regex(/^S\d+$/, 'must look like S01');

const StoreRow = z.object({
  store_id: storeId,
  region: z.string().min(1, 'must not be empty'),
  size_tier: z.enum(['small', 'medium', 'large'], { error: 'must be small, medium or large' }),
  square_feet: count,
  capacity_units: count,
  opened: day,
});

const SalesCsvRow = z.object({
  week_start: day,
  store_id: storeId,
  category: z.string().min(1, 'must not be empty'),
  units_sold: count,
  avg_price: z.coerce.number().positive('must be a positive price'),
});

export class RetailDataError extends Error {
  override readonly name = 'RetailDataError';
}

/** Rows of a simple CSV (no quoting: the bundled files need none) validated against `schema`. */
export function parseCsv<T>(file: string, text: string, schema: z.ZodType<T>): T[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0]?.split(',').map((name) => name.trim());
  if (!header) throw new RetailDataError(`${file}: the file is empty.`);
  const rows: T[] = [];
  for (let index = 1; index < lines.length; index++) {
    const cells = (lines[index] ?? '').split(',');
    if (cells.length !== header.length) {
      throw new RetailDataError(
        `${file} row ${index + 1}: ${cells.length} cells, the header has ${header.length} (${header.join(',')}).`,
      );
    }
    const record = Object.fromEntries(header.map((name, column) => [name, cells[column]?.trim()]));
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const column = issue?.path.map(String).join('.') ?? '?';
      const value = record[column];
      const shown = value === undefined ? 'missing' : `"${value}"`;
      throw new RetailDataError(
        `${file} row ${index + 1}, column ${column}: ${shown} ${issue?.message ?? 'is invalid'}.`,
      );
    }
    rows.push(parsed.data);
  }
  return rows;
}

/** Both files parsed, and every sales row's store known. */
export function parseRetailData(storesCsv: string, salesCsv: string): RetailData {
  const stores = parseCsv('stores.csv', storesCsv, StoreRow) as Store[];
  const known = new Set(stores.map((store) => store.store_id));
  const sales = parseCsv('historical-sales.csv', salesCsv, SalesCsvRow);
  const orphan = sales.findIndex((row) => !known.has(row.store_id));
  if (orphan >= 0) {
    throw new RetailDataError(
      `historical-sales.csv row ${orphan + 2}, column store_id: "${sales[orphan]?.store_id}" is not in stores.csv.`,
    );
  }
  if (sales.length === 0) throw new RetailDataError('historical-sales.csv: no sales rows.');
  return { stores, sales };
}

let memo: { storesCsv: string; salesCsv: string; data: RetailData } | undefined;

/** parseRetailData, remembered for the isolate while the texts are the same. */
export function retailData(storesCsv: string, salesCsv: string): RetailData {
  if (memo?.storesCsv !== storesCsv || memo.salesCsv !== salesCsv) {
    memo = { storesCsv, salesCsv, data: parseRetailData(storesCsv, salesCsv) };
  }
  return memo.data;
}

/** Forgets the memo (benchmarks measure a cold assembly with it). */
export function forgetRetailData(): void {
  memo = undefined;
}
