/**
 * The stream's memory: events in seq order in one plain array (never made reactive: 50,000 of
 * them would cost a proxy each). Lookups by seq are binary searches.
 */
import type { WireEvent } from '../stream/wire.ts';

export class EventLog {
  readonly events: WireEvent[] = [];

  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  /** Appends events newer than the last one (callers pass them through a SeqGate already). */
  append(events: readonly WireEvent[]): number {
    let added = 0;
    for (const event of events) {
      if (event.seq <= this.lastSeq) continue;
      this.events.push(event);
      added++;
    }
    return added;
  }

  indexOf(seq: number): number {
    let low = 0;
    let high = this.events.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const at = this.events[mid]?.seq ?? 0;
      if (at === seq) return mid;
      if (at < seq) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** `summary_update`: one-line summaries for earlier events, patched in place. */
  applySummaries(summaries: readonly { seq: number; summary: string }[]): number {
    let patched = 0;
    for (const { seq, summary } of summaries) {
      const index = this.indexOf(seq);
      const event = this.events[index];
      if (event) {
        this.events[index] = { ...event, summary };
        patched++;
      }
    }
    return patched;
  }

  distinctSeqCount(): number {
    return new Set(this.events.map((event) => event.seq)).size;
  }
}

export function summariesOf(event: WireEvent): { seq: number; summary: string }[] {
  const list = event.data.summaries;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (item): item is { seq: number; summary: string } =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as { seq?: unknown }).seq === 'number' &&
      typeof (item as { summary?: unknown }).summary === 'string',
  );
}
