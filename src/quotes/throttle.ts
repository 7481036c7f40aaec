/**
 * Per-symbol rate limiting with "latest value wins": a quote offered while its symbol was sent less
 * than `minIntervalMs` ago waits, and a newer quote for the same symbol replaces the waiting one. A
 * symbol that has been quiet goes out at the next flush. Time is passed in, never read: pure.
 */
import { sameQuote, type WireQuote } from './wire.ts';

/** At most this many updates per second per symbol reach a socket. */
export const DEFAULT_MAX_UPDATES_PER_SECOND = 4;

export class QuoteThrottle {
  readonly minIntervalMs: number;
  readonly #pending = new Map<string, WireQuote>();
  readonly #lastSentAt = new Map<string, number>();
  readonly #lastSent = new Map<string, WireQuote>();

  constructor(maxUpdatesPerSecond = DEFAULT_MAX_UPDATES_PER_SECOND) {
    if (!(maxUpdatesPerSecond > 0)) throw new RangeError('maxUpdatesPerSecond must be positive');
    this.minIntervalMs = 1_000 / maxUpdatesPerSecond;
  }

  /** Holds `quote` for the next flush; a quote equal to the one last sent is not news and is dropped. */
  offer(quote: WireQuote): void {
    const last = this.#lastSent.get(quote.symbol);
    if (last && sameQuote(last, quote)) {
      this.#pending.delete(quote.symbol);
      return;
    }
    this.#pending.set(quote.symbol, quote);
  }

  /** The pending quotes whose symbols may be sent at `now`, now counted as sent. */
  take(now: number): WireQuote[] {
    const due: WireQuote[] = [];
    for (const [symbol, quote] of this.#pending) {
      if (now < this.#dueAt(symbol)) continue;
      due.push(quote);
      this.#pending.delete(symbol);
      this.#lastSentAt.set(symbol, now);
      this.#lastSent.set(symbol, quote);
    }
    return due;
  }

  /** When the earliest pending quote may go out (undefined: nothing pending). */
  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const symbol of this.#pending.keys()) {
      const at = this.#dueAt(symbol);
      if (next === undefined || at < next) next = at;
    }
    return next;
  }

  /** The last quote sent for `symbol`, for a socket that subscribes to it now. */
  latest(symbol: string): WireQuote | undefined {
    return this.#lastSent.get(symbol);
  }

  /** Drops everything about symbols nobody subscribes to any more. */
  forget(symbols: Iterable<string>): void {
    for (const symbol of symbols) {
      this.#pending.delete(symbol);
      this.#lastSentAt.delete(symbol);
      this.#lastSent.delete(symbol);
    }
  }

  #dueAt(symbol: string): number {
    const last = this.#lastSentAt.get(symbol);
    return last === undefined ? Number.NEGATIVE_INFINITY : last + this.minIntervalMs;
  }
}
