/**
 * Option contracts (trading API) and market data (data API): chains with Greeks and implied
 * volatility, latest quotes for stocks and options, each drained across Alpaca's next_page_token.
 */
import type { ChainQuery, ContractQuery, OptionChainEntry, OptionContractInfo, Quote } from '../types.ts';
import type { AlpacaClient } from './client.ts';
import { toChainEntry, toContractInfo, toQuote } from './mapping.ts';
import { drainByToken } from './paging.ts';
import { splitSymbols } from './symbols.ts';
import { wireLatestQuotes, wireOptionContracts, wireOptionSnapshots } from './wire-schemas.ts';

export const CONTRACT_PAGE_SIZE = 1_000;
export const SNAPSHOT_PAGE_SIZE = 1_000;
/** Symbols per latest-quotes request: keeps the query string well under URL limits. */
const QUOTE_BATCH = 100;

export function marketDataApi(client: AlpacaClient) {
  async function optionContracts(query: ContractQuery): Promise<OptionContractInfo[]> {
    const contracts = await drainByToken('GET /v2/options/contracts', async (pageToken) => {
      const page = await client.get(
        client.trading('/v2/options/contracts', {
          underlying_symbols: query.underlying,
          expiration_date_gte: query.expiryFrom,
          expiration_date_lte: query.expiryTo,
          type: query.type,
          strike_price_gte: query.strikeFrom,
          strike_price_lte: query.strikeTo,
          limit: CONTRACT_PAGE_SIZE,
          page_token: pageToken,
        }),
        wireOptionContracts,
      );
      return { items: page.option_contracts ?? [], next: page.next_page_token };
    });
    return contracts.map(toContractInfo);
  }

  async function optionChain(query: ChainQuery): Promise<OptionChainEntry[]> {
    const entries = await drainByToken('GET /v1beta1/options/snapshots', async (pageToken) => {
      const page = await client.get(
        client.data(`/v1beta1/options/snapshots/${encodeURIComponent(query.underlying)}`, {
          feed: client.feeds.option,
          expiration_date_gte: query.expiryFrom,
          expiration_date_lte: query.expiryTo,
          type: query.type,
          strike_price_gte: query.strikeFrom,
          strike_price_lte: query.strikeTo,
          limit: SNAPSHOT_PAGE_SIZE,
          page_token: pageToken,
        }),
        wireOptionSnapshots,
      );
      return {
        items: Object.entries(page.snapshots ?? {}).map(([symbol, snapshot]) =>
          toChainEntry(symbol, snapshot),
        ),
        next: page.next_page_token,
      };
    });
    return entries.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  }

  async function latestQuotes(symbols: readonly string[]): Promise<Quote[]> {
    const { stocks, options } = splitSymbols(symbols);
    const quotes = new Map<string, Quote>();
    const fetchBatch = async (url: string) => {
      const page = await client.get(url, wireLatestQuotes);
      for (const [symbol, quote] of Object.entries(page.quotes)) quotes.set(symbol, toQuote(symbol, quote));
    };
    for (const batch of chunks(stocks, QUOTE_BATCH)) {
      await fetchBatch(
        client.data('/v2/stocks/quotes/latest', { symbols: batch.join(','), feed: client.feeds.stock }),
      );
    }
    for (const batch of chunks(options, QUOTE_BATCH)) {
      await fetchBatch(
        client.data('/v1beta1/options/quotes/latest', {
          symbols: batch.join(','),
          feed: client.feeds.option,
        }),
      );
    }
    // In the order asked for; a symbol Alpaca has no quote for is simply absent.
    return [...new Set(symbols)].flatMap((symbol) => {
      const quote = quotes.get(symbol);
      return quote ? [quote] : [];
    });
  }

  return { optionContracts, optionChain, latestQuotes };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
