/**
 * The offline market as the paper broker and the desk read it: quotes for stocks and OCC options,
 * marks for valuing positions, and option chains with IV and Greeks, all computed on the fly from
 * the bundled instruments (nothing is stored, nothing is fetched).
 */
import type {
  ChainQuery,
  ContractQuery,
  OptionChainEntry,
  OptionContractInfo,
  Quote,
} from '../../trading/broker/types.ts';
import { formatOccSymbol } from '../../trading/options/occ-symbol.ts';
import { expiryInstant } from '../../trading/options/time-to-expiry.ts';
import { listedExpiries } from './expiries.ts';
import { offlineInstrument } from './instruments.ts';
import { optionChainEntry } from './option-quotes.ts';
import { underlyingMid } from './price-path.ts';
import { stockQuote } from './stock-quotes.ts';
import { listedStrikes } from './strikes.ts';
import { resolveOfflineSymbol } from './symbols.ts';

/** The latest quote of a stock or live option; undefined for unknown or expired symbols. */
export function offlineQuote(symbol: string, at: Date): Quote | undefined {
  const resolved = resolveOfflineSymbol(symbol, at);
  if (resolved.kind === 'stock') return stockQuote(resolved.symbol, at);
  if (resolved.kind === 'option' && !resolved.expired) {
    return optionChainEntry(resolved.instrument, resolved.symbol, resolved.contract, at)?.quote ?? undefined;
  }
  return undefined;
}

/**
 * What a position is worth per share at `at`: the quote's mid, or for an option past its expiry its
 * intrinsic value at the underlying's price at the expiry instant (what settlement pays).
 */
export function offlineMark(symbol: string, at: Date): number | undefined {
  const resolved = resolveOfflineSymbol(symbol, at);
  if (resolved.kind === 'option' && resolved.expired) {
    const { contract } = resolved;
    return intrinsicAt(contract.type, contract.strike, settlementPrice(contract.root, contract.expiry));
  }
  const quote = offlineQuote(symbol, at);
  return quote ? (quote.bid + quote.ask) / 2 : undefined;
}

/** The underlying's price at an expiry's 16:00 New York close, rounded to the cent. */
export function settlementPrice(underlying: string, expiry: string): number {
  const mid = underlyingMid(underlying, expiryInstant(expiry));
  if (mid === undefined) throw new RangeError(`no offline prices for ${underlying}`);
  return Math.round(mid * 100) / 100;
}

export function intrinsicAt(type: 'call' | 'put', strike: number, underlyingPrice: number): number {
  return Math.max(0, type === 'call' ? underlyingPrice - strike : strike - underlyingPrice);
}

interface ListedContract {
  symbol: string;
  info: OptionContractInfo;
}

function listedContracts(query: ContractQuery, at: Date): ListedContract[] {
  const instrument = offlineInstrument(query.underlying);
  const spot = underlyingMid(query.underlying, at);
  if (!instrument || spot === undefined) return [];
  const expiries = listedExpiries(at).filter(
    (expiry) =>
      (query.expiryFrom === undefined || expiry >= query.expiryFrom) &&
      (query.expiryTo === undefined || expiry <= query.expiryTo),
  );
  const strikes = listedStrikes(instrument.strikes, spot).filter(
    (strike) =>
      (query.strikeFrom === undefined || strike >= query.strikeFrom) &&
      (query.strikeTo === undefined || strike <= query.strikeTo),
  );
  const types = query.type ? [query.type] : (['call', 'put'] as const);
  const contracts: ListedContract[] = [];
  for (const expiry of expiries) {
    for (const type of types) {
      for (const strike of strikes) {
        const symbol = formatOccSymbol({ root: instrument.symbol, expiry, type, strike });
        contracts.push({
          symbol,
          info: {
            symbol,
            underlying: instrument.symbol,
            expiry,
            type,
            strike,
            multiplier: 100,
            tradable: true,
            openInterest: null,
          },
        });
      }
    }
  }
  return contracts;
}

/** Listed contracts (by expiry, then type, then strike); empty for an unknown underlying. */
export function offlineContracts(query: ContractQuery, at: Date): OptionContractInfo[] {
  return listedContracts(query, at).map((contract) => contract.info);
}

/** Quotes, IV and Greeks of the listed contracts matching the query. */
export function offlineChain(query: ChainQuery, at: Date): OptionChainEntry[] {
  const instrument = offlineInstrument(query.underlying);
  if (!instrument) return [];
  return listedContracts(query, at).flatMap(({ info, symbol }) => {
    const entry = optionChainEntry(
      instrument,
      symbol,
      { root: info.underlying, expiry: info.expiry, type: info.type, strike: info.strike },
      at,
    );
    return entry ? [entry] : [];
  });
}
