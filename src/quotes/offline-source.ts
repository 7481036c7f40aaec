/** The bundled offline market's quotes, for the offline replay (src/market-data/offline). */
import { stockQuote } from '../market-data/offline/stock-quotes.ts';
import type { OfflineQuoteSource } from './offline-replay.ts';
import { symbolKind } from './symbols.ts';

export const offlineQuoteAt: OfflineQuoteSource = (symbol, at) =>
  symbolKind(symbol) === 'stock' ? stockQuote(symbol, at) : undefined;
