/**
 * Subscription bookkeeping: what one socket follows after a subscribe or unsubscribe message, the
 * union every upstream must carry, and what changed in it. Pure.
 */
import { MAX_SYMBOLS_PER_SOCKET, type SubscriptionMessage } from './client-messages.ts';

export type SubscriptionResult =
  | { ok: true; symbols: string[]; added: string[] }
  | { ok: false; error: string; details?: unknown };

/** A socket's symbols after `message`; a subscribe that would pass the per-socket limit changes nothing. */
export function applySubscription(
  current: readonly string[],
  message: SubscriptionMessage,
  maxSymbols = MAX_SYMBOLS_PER_SOCKET,
): SubscriptionResult {
  if (message.type === 'unsubscribe') {
    const removing = new Set(message.symbols);
    return { ok: true, symbols: current.filter((symbol) => !removing.has(symbol)), added: [] };
  }
  const have = new Set(current);
  const added = message.symbols.filter((symbol) => !have.has(symbol));
  if (current.length + added.length > maxSymbols) {
    return {
      ok: false,
      error: `A socket may follow at most ${maxSymbols} symbols; unsubscribe from some first.`,
      details: { subscribed: current.length, adding: added.length, max: maxSymbols },
    };
  }
  return { ok: true, symbols: [...current, ...added], added };
}

export function unionOf(lists: Iterable<readonly string[]>): Set<string> {
  const union = new Set<string>();
  for (const list of lists) for (const symbol of list) union.add(symbol);
  return union;
}

export function changes(
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
): { added: string[]; removed: string[] } {
  return {
    added: [...after].filter((symbol) => !before.has(symbol)),
    removed: [...before].filter((symbol) => !after.has(symbol)),
  };
}
