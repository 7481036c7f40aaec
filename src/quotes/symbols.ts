/**
 * Which symbols a quote socket may ask for, and which of Alpaca's two streams carries each: stock and
 * ETF tickers come from the stock stream, OCC option symbols from the option stream. Pure.
 */
import { OccSymbolError, parseOccSymbol } from '../trading/options/occ-symbol.ts';

export type SymbolKind = 'stock' | 'option';

/** Tickers as Alpaca writes them: letters, digits, and a `.` or `/` class suffix (BRK.B). */
const TICKER = /^[A-Z][A-Z0-9]{0,5}([./][A-Z]{1,2})?$/;
/** Long enough to hold any OCC symbol, short enough to refuse garbage before parsing it. */
const MAX_SYMBOL_LENGTH = 21;

/** Uppercased and trimmed; `undefined` when it is neither a ticker nor a valid OCC option symbol. */
export function normalizeSymbol(raw: string): string | undefined {
  const symbol = raw.trim().toUpperCase();
  if (symbol.length === 0 || symbol.length > MAX_SYMBOL_LENGTH) return undefined;
  if (TICKER.test(symbol)) return symbol;
  try {
    parseOccSymbol(symbol);
    return symbol.replace(/ +/, '');
  } catch (error) {
    if (error instanceof OccSymbolError) return undefined;
    throw error;
  }
}

export function symbolKind(symbol: string): SymbolKind {
  return TICKER.test(symbol) ? 'stock' : 'option';
}
