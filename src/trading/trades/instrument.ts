/** What a fill's symbol trades: an OCC option (× 100) or a stock (× 1). */
import { OccSymbolError, parseOccSymbol } from '../options/occ-symbol.ts';
import { TradeInputError } from './errors.ts';
import type { Instrument } from './types.ts';

const TICKER = /^[A-Z][A-Z0-9.]{0,9}$/;
// Anything this long with a C/P in the middle was meant as an OCC symbol: report its defect rather
// than silently treating it as a stock ticker.
const LOOKS_LIKE_OCC = /\d{6}[CP]\d{8}$/;

export function instrumentOf(symbol: string): Instrument {
  const compact = symbol.trim();
  if (LOOKS_LIKE_OCC.test(compact)) {
    try {
      const contract = parseOccSymbol(compact);
      return {
        kind: 'option',
        symbol: compact.replace(/ +/, ''),
        underlying: contract.root,
        expiry: contract.expiry,
        type: contract.type,
        strike: contract.strike,
        multiplier: 100,
      };
    } catch (error) {
      if (error instanceof OccSymbolError) throw new TradeInputError(error.message);
      throw error;
    }
  }
  if (!TICKER.test(compact)) {
    throw new TradeInputError(`${JSON.stringify(symbol)} is neither an OCC option symbol nor a stock ticker`);
  }
  return { kind: 'stock', symbol: compact, underlying: compact, multiplier: 1 };
}

/** Intrinsic value per share of an option at an underlying price: what assignment or exercise settles at. */
export function intrinsicValue(instrument: Instrument, underlyingPrice: number): number {
  if (instrument.kind !== 'option') return underlyingPrice;
  return instrument.type === 'call'
    ? Math.max(0, underlyingPrice - instrument.strike)
    : Math.max(0, instrument.strike - underlyingPrice);
}
