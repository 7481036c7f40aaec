/**
 * Every event of a batch ends with a summary: the model's where it gave a usable one, otherwise the
 * deterministic description (the model failed, answered badly, skipped the event, or was not asked).
 * Writing the fallback, rather than leaving the row empty, is what makes the work finish: an event
 * with a summary is never asked about again.
 */
import { describeEvent } from '../events/describe.ts';
import type { EventSummary } from './events.ts';
import type { SummarySubject } from './prompt.ts';

export function withFallbacks(
  events: readonly SummarySubject[],
  fromModel: ReadonlyMap<number, string>,
): EventSummary[] {
  return events.map((event) => ({
    seq: event.seq,
    summary: fromModel.get(event.seq) ?? describeEvent({ type: event.type, data: event.data }),
  }));
}
