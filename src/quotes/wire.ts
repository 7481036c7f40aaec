/**
 * What quote clients receive, on the socket and from REST alike: `{symbol, bid, ask, mid, time}` with
 * numbers, and the socket's control frames. Pure.
 */
import type { Quote } from '../trading/broker/types.ts';

export interface WireQuote {
  symbol: string;
  bid: number;
  ask: number;
  /** (bid + ask) / 2, to a hundredth of a cent. */
  mid: number;
  /** ISO 8601: when the quote was made (the exchange's time upstream, the replay's clock offline). */
  time: string;
}

/**
 * `connected`: live quotes from the broker's stream. `reconnecting`: the stream is down (or not up
 * yet) and being retried with backoff; quotes resume by themselves. `replay`: an offline account,
 * quotes replayed from the bundled market data.
 */
export type UpstreamStatus = 'connected' | 'reconnecting' | 'replay';

export type ServerFrame =
  | { type: 'quotes'; quotes: WireQuote[] }
  | { type: 'status'; upstream: UpstreamStatus; message?: string }
  | { type: 'subscribed'; symbols: string[] }
  | { type: 'error'; message: string; details?: unknown };

export function toWireQuote(quote: Quote): WireQuote {
  return {
    symbol: quote.symbol,
    bid: quote.bid,
    ask: quote.ask,
    mid: Math.round(((quote.bid + quote.ask) / 2) * 10_000) / 10_000,
    time: quote.time,
  };
}

/** Two quotes a client would see as the same update: a new timestamp on the same prices is not news. */
export function sameQuote(a: WireQuote, b: WireQuote): boolean {
  return a.bid === b.bid && a.ask === b.ask;
}
