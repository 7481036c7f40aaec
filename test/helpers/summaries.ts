/**
 * Event summaries in tests: scripting the summariser (its requests use the scope
 * `<orchestrator id>:summaries`), waiting until every summarisable event has its `summary_update`,
 * and applying those updates to earlier events the way a client does.
 */
import { runInDurableObject } from 'cloudflare:test';
import { Meta } from '../../src/durable-objects/hub-store.ts';
import { SummaryBatcher } from '../../src/durable-objects/summary-batcher.ts';
import type { WireEvent } from '../../src/events/types.ts';
import type { EventSummary } from '../../src/summaries/events.ts';
import { isSummarizable } from '../../src/summaries/events.ts';
import { type EmulatorStep, scriptModel } from './emulator.ts';
import { hubOf } from './orchestrators.ts';
import type { StreamClient } from './stream.ts';

export const summariesScope = (orchestratorId: string) => `${orchestratorId}:summaries`;

/** The summariser's answer: a `record_summaries` tool call with these summaries. */
export function summaryAnswer(summaries: EventSummary[], extra: Partial<EmulatorStep> = {}): EmulatorStep {
  return { tool_uses: [{ name: 'record_summaries', input: { summaries } }], ...extra } as EmulatorStep;
}

/**
 * Makes the orchestrator's summary calls free (zero tokens; every event gets its deterministic
 * summary), for tests that assert exact cost totals while summaries run in the background.
 */
export function scriptFreeSummaries(orchestratorId: string, calls = 10): Promise<void> {
  const free = summaryAnswer([], { usage: { input_tokens: 0, output_tokens: 0 } });
  return scriptModel(summariesScope(orchestratorId), Array(calls).fill(free));
}

/** The summaries broadcast so far, by seq. */
export function broadcastSummaries(events: readonly WireEvent[]): Map<number, string> {
  const found = new Map<number, string>();
  for (const event of events) {
    if (event.type !== 'summary_update') continue;
    for (const { seq, summary } of event.data.summaries as EventSummary[]) found.set(seq, summary);
  }
  return found;
}

/** Resolves once every summarisable event the stream has seen has had its summary broadcast. */
export async function summariesSettled(stream: StreamClient): Promise<void> {
  await stream.waitFor(() => {
    const summarised = broadcastSummaries(stream.events);
    return stream.events.filter(isSummarizable).every((event) => summarised.has(event.seq));
  }, 'a summary for every summarisable event');
}

/** The events as a client shows them after applying every `summary_update` it received. */
export function withSummaries(events: readonly WireEvent[]): WireEvent[] {
  const summaries = broadcastSummaries(events);
  return events.map((event) => {
    const summary = summaries.get(event.seq);
    return summary === undefined ? event : { ...event, summary };
  });
}

/**
 * Whether the orchestrator's object has persisted events it has not asked summaries for yet (a
 * request due, or on its way to the queue), read from the bounds it keeps in its storage. Right after
 * `flushEvents` (every event in Postgres and reported to it), false means it asks for nothing more
 * until a new summarisable event is emitted.
 */
export function summariesPending(orchestratorId: string): Promise<boolean> {
  return runInDurableObject(hubOf(orchestratorId), (_hub, state) => {
    const batcher = new SummaryBatcher({
      store: new Meta(state.storage.sql),
      orchestratorId: () => orchestratorId,
      send: () => Promise.reject(new Error('read only')),
      retryLater: () => {},
    });
    return batcher.hasPending;
  });
}
