/**
 * Who gets which quotes: each socket only the symbols it follows, all of a flush's quotes for it in
 * one frame. Pure.
 */
import type { WireQuote } from './wire.ts';

/** What a quote socket carries across hibernation (its WebSocket attachment). */
export interface QuoteSocketState {
  accountId: string;
  broker: 'offline' | 'alpaca';
  symbols: string[];
}

export function framesFor<Socket>(
  sockets: ReadonlyArray<{ socket: Socket; symbols: readonly string[] }>,
  quotes: readonly WireQuote[],
): Array<{ socket: Socket; quotes: WireQuote[] }> {
  if (quotes.length === 0) return [];
  const bySymbol = new Map(quotes.map((quote) => [quote.symbol, quote]));
  const frames: Array<{ socket: Socket; quotes: WireQuote[] }> = [];
  for (const { socket, symbols } of sockets) {
    const mine: WireQuote[] = [];
    for (const symbol of symbols) {
      const quote = bySymbol.get(symbol);
      if (quote) mine.push(quote);
    }
    if (mine.length > 0) frames.push({ socket, quotes: mine });
  }
  return frames;
}
