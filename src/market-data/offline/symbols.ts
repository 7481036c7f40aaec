/**
 * What a symbol means to the offline market: a bundled stock/ETF, an option listed on one (a listed
 * expiry, a strike on the grid), or neither, with the reason in words a trader understands.
 */
import { type OccContract, OccSymbolError, parseOccSymbol } from '../../trading/options/occ-symbol.ts';
import { expiryInstant } from '../../trading/options/time-to-expiry.ts';
import { listedExpiries } from './expiries.ts';
import { OFFLINE_SYMBOLS, type OfflineInstrument, offlineInstrument } from './instruments.ts';
import { isStrikeOnGrid } from './strikes.ts';

const LOOKS_LIKE_OCC = /\d{6}[CP]\d{8}$/;

export type OfflineSymbol =
  | { kind: 'stock'; symbol: string; instrument: OfflineInstrument }
  | { kind: 'option'; symbol: string; instrument: OfflineInstrument; contract: OccContract; expired: boolean }
  | { kind: 'unknown'; symbol: string; reason: string };

/**
 * Resolves a symbol at `at`. An option whose expiry has passed resolves (it may still be held until
 * settlement) with `expired: true`; a future expiry must be one the market lists.
 */
export function resolveOfflineSymbol(symbol: string, at: Date): OfflineSymbol {
  const compact = symbol.trim().replace(/ +/, '');
  if (!LOOKS_LIKE_OCC.test(compact)) {
    const instrument = offlineInstrument(compact);
    return instrument
      ? { kind: 'stock', symbol: compact, instrument }
      : { kind: 'unknown', symbol, reason: `unknown symbol ${symbol}: ${knownSymbols()}` };
  }
  let contract: OccContract;
  try {
    contract = parseOccSymbol(compact);
  } catch (error) {
    if (error instanceof OccSymbolError) return { kind: 'unknown', symbol, reason: error.message };
    throw error;
  }
  const instrument = offlineInstrument(contract.root);
  if (!instrument) {
    return { kind: 'unknown', symbol, reason: `no options on ${contract.root}: ${knownSymbols()}` };
  }
  if (!isStrikeOnGrid(instrument.strikes, contract.strike, instrument.referencePrice)) {
    return {
      kind: 'unknown',
      symbol,
      reason: `${symbol}: ${contract.root} lists no ${contract.strike} strike (strikes are multiples of ${instrument.strikes.fineStep})`,
    };
  }
  const expired = at.getTime() >= expiryInstant(contract.expiry).getTime();
  if (!expired && !listedExpiries(at).includes(contract.expiry)) {
    return {
      kind: 'unknown',
      symbol,
      reason: `${symbol}: ${contract.root} lists no ${contract.expiry} expiry (weekly Fridays for 8 weeks, monthly third Fridays for 6 months)`,
    };
  }
  return { kind: 'option', symbol: compact, instrument, contract, expired };
}

function knownSymbols(): string {
  return `the offline market quotes ${OFFLINE_SYMBOLS.join(', ')} and their options`;
}
