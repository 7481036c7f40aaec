/** The WebSocket's wire format (README, "The WebSocket"): one control frame, then events. */
import type { components } from '../api/schema.d.ts';

/** An event, as the server's OpenAPI document describes it (the same shape on REST and the socket). */
export type WireEvent = components['schemas']['Event'];

export type Frame =
  | { kind: 'control'; lastSeq: number }
  | { kind: 'events'; events: WireEvent[] }
  | { kind: 'pong' }
  | { kind: 'invalid' };

export function isWireEvent(value: unknown): value is WireEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Partial<WireEvent>;
  return (
    typeof event.seq === 'number' &&
    typeof event.type === 'string' &&
    typeof event.data === 'object' &&
    event.data !== null
  );
}

/** A text frame: the control message, one event object, an array of events, or `pong`. */
export function parseFrame(text: string): Frame {
  if (text === 'pong') return { kind: 'pong' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid' };
  }
  if (Array.isArray(value)) return { kind: 'events', events: value.filter(isWireEvent) };
  if (isWireEvent(value)) return { kind: 'events', events: [value] };
  const control = value as { type?: unknown; last_seq?: unknown } | null;
  if (control?.type === 'connection_established') {
    return { kind: 'control', lastSeq: typeof control.last_seq === 'number' ? control.last_seq : 0 };
  }
  return { kind: 'invalid' };
}

/**
 * Keeps only events newer than the last one seen, in seq order, and remembers the newest: replays
 * after a reconnect may overlap what the history page or the previous socket already delivered.
 */
export class SeqGate {
  constructor(public lastSeq = 0) {}

  admit(events: readonly WireEvent[]): WireEvent[] {
    const fresh: WireEvent[] = [];
    let sorted = true;
    for (let i = 1; i < events.length; i++) {
      if ((events[i]?.seq ?? 0) < (events[i - 1]?.seq ?? 0)) sorted = false;
    }
    const ordered = sorted ? events : [...events].sort((a, b) => a.seq - b.seq);
    for (const event of ordered) {
      if (event.seq <= this.lastSeq) continue;
      this.lastSeq = event.seq;
      fresh.push(event);
    }
    return fresh;
  }
}
