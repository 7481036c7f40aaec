/**
 * Live quotes for offline accounts: the bundled market data is a deterministic function of symbol and
 * time, so "streaming" it means asking it again on a timer for the symbols someone follows. A quote
 * that did not change since the last tick is dropped later by the throttle.
 */
import type { Quote } from '../trading/broker/types.ts';

/** The offline market's quote for `symbol` at `at`; undefined for a symbol it has no data for. */
export type OfflineQuoteSource = (symbol: string, at: Date) => Quote | undefined;

export const REPLAY_TICK_MS = 500;

export interface OfflineReplayDeps {
  quoteAt: OfflineQuoteSource;
  clock: () => number;
  onQuotes: (quotes: Quote[]) => void;
  tickMs?: number;
}

export class OfflineReplay {
  readonly #deps: OfflineReplayDeps;
  #symbols = new Set<string>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(deps: OfflineReplayDeps) {
    this.#deps = deps;
  }

  /** Whether the bundled data knows `symbol` at all. */
  knows(symbol: string): boolean {
    return this.#deps.quoteAt(symbol, new Date(this.#deps.clock())) !== undefined;
  }

  setSymbols(symbols: ReadonlySet<string>): void {
    this.#symbols = new Set(symbols);
    if (this.#symbols.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    this.#timer ??= setInterval(() => this.tick(), this.#deps.tickMs ?? REPLAY_TICK_MS);
  }

  /** Quotes for every followed symbol at the clock's time. */
  tick(): void {
    const at = new Date(this.#deps.clock());
    const quotes: Quote[] = [];
    for (const symbol of this.#symbols) {
      const quote = this.#deps.quoteAt(symbol, at);
      if (quote) quotes.push(quote);
    }
    if (quotes.length > 0) this.#deps.onQuotes(quotes);
  }

  stop(): void {
    this.setSymbols(new Set());
  }
}
