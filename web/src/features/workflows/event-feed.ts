/**
 * Where the swimlanes get live events from. The view takes any `EventFeed`; `console-feed.ts` adapts
 * the orchestrator view's console store (its seq-gated, frame-batched event log) to it, so the
 * workflows view opens no second WebSocket.
 */
import type { LaneEvent } from './types.ts';

export type EventListener = (events: readonly LaneEvent[]) => void;

export interface EventFeed {
  /** Calls `listener` with the events held now, then with every later batch; returns the unsubscribe. */
  subscribe(listener: EventListener): () => void;
}

/** The events after `seq` in a seq-ordered array (a binary search: the log may hold 50,000). */
export function eventsAfter<T extends { seq: number }>(events: readonly T[], seq: number): T[] {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((events[mid] as T).seq <= seq) low = mid + 1;
    else high = mid;
  }
  return events.slice(low);
}

/** A feed that anyone can push to: for tests, and for callers without a console store. */
export function createEventFeed(): EventFeed & { publish(events: readonly LaneEvent[]): void } {
  const listeners = new Set<EventListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(events) {
      if (events.length === 0) return;
      for (const listener of listeners) listener(events);
    },
  };
}
