/** The bundled offline market's quotes (src/market-data/offline), stocks and OCC options alike. */
import { offlineQuote } from '../market-data/offline/market.ts';
import type { OfflineQuoteSource } from './offline-replay.ts';

export const offlineQuoteAt: OfflineQuoteSource = offlineQuote;
