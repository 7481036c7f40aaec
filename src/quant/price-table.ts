/**
 * A wide table of daily closes: one date column and one close column per ticker, the shape the
 * original pipeline read from its prices CSV. Dates are `YYYY-MM-DD`, strictly ascending; every close
 * is a positive finite number (gaps are the caller's to fill, so no calculation silently skips a day).
 */
import { QuantInputError } from './errors.ts';

export interface PriceTable {
  dates: string[];
  /** ticker → closes, one per date. */
  closes: Record<string, number[]>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (checked arithmetically: this runs once per bar). */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || !ISO_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

/** Checks the table's shape and values; throws a QuantInputError naming the first problem. */
export function validatePriceTable(table: PriceTable, field = 'prices'): void {
  table.dates.forEach((date, index) => {
    if (!isIsoDate(date))
      throw new QuantInputError(`${field}.dates[${index}]`, `must be YYYY-MM-DD (got "${date}")`);
    const previous = table.dates[index - 1];
    if (previous !== undefined && previous >= date)
      throw new QuantInputError(
        `${field}.dates[${index}]`,
        `must come after ${previous} (dates strictly ascending)`,
      );
  });
  for (const [ticker, closes] of Object.entries(table.closes)) {
    if (closes.length !== table.dates.length)
      throw new QuantInputError(
        `${field}.closes.${ticker}`,
        `has ${closes.length} closes for ${table.dates.length} dates (one close per date)`,
      );
    closes.forEach((close, index) => {
      if (!Number.isFinite(close) || close <= 0)
        throw new QuantInputError(
          `${field}.closes.${ticker}[${index}]`,
          `must be a positive finite close (got ${close})`,
        );
    });
  }
}

/** Builds a table from per-symbol bars that share the same dates (e.g. the bundled sample bars). */
export function priceTableFromBars(
  barsBySymbol: Record<string, readonly { date: string; close: number }[]>,
): PriceTable {
  const symbols = Object.keys(barsBySymbol);
  const first = symbols[0] === undefined ? [] : (barsBySymbol[symbols[0]] ?? []);
  const dates = first.map((bar) => bar.date);
  const closes: Record<string, number[]> = {};
  for (const symbol of symbols) {
    const bars = barsBySymbol[symbol] ?? [];
    if (bars.length !== dates.length || bars.some((bar, index) => bar.date !== dates[index]))
      throw new QuantInputError(`bars.${symbol}`, 'must have the same dates as the other symbols');
    closes[symbol] = bars.map((bar) => bar.close);
  }
  return { dates, closes };
}

/** The last `count` rows of the table (all rows when it is shorter). */
export function tailOfTable(table: PriceTable, count: number): PriceTable {
  const start = Math.max(0, table.dates.length - count);
  const closes: Record<string, number[]> = {};
  for (const [ticker, values] of Object.entries(table.closes)) closes[ticker] = values.slice(start);
  return { dates: table.dates.slice(start), closes };
}
