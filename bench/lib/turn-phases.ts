/**
 * Cuts timed turns into the stretches between consecutive events, as the client received them, and
 * summarises each stretch over all turns. The Durable Object emits an event right after each step of
 * a turn (user message stored, turn started, model call recorded, text recorded, …), so a long
 * stretch points at the awaited work between two events: a Postgres round trip, the model call.
 */
import { percentile } from './timing.ts';
import type { TurnTiming } from './turn-runner.ts';

export interface PhaseSummary {
  from: string;
  to: string;
  p50: number;
  p99: number;
}

export function summarizePhases(turns: readonly TurnTiming[]): PhaseSummary[] {
  const stretches = new Map<string, { from: string; to: string; values: number[] }>();
  const add = (from: string, to: string, ms: number): void => {
    const key = `${from}\u0000${to}`;
    const entry = stretches.get(key) ?? { from, to, values: [] };
    entry.values.push(ms);
    stretches.set(key, entry);
  };
  for (const turn of turns) {
    add('POST sent', '202 received', turn.acceptedMs);
    add('(model requests)', 'emulator answering, summed', turn.emulatorMs);
    const seen = new Map<string, number>();
    let previous = { label: 'POST sent', atMs: 0 };
    for (const event of turn.events) {
      // Repeated types (a second model_call) get a number, so stretches line up across turns.
      const count = (seen.get(event.type) ?? 0) + 1;
      seen.set(event.type, count);
      const label = count > 1 ? `${event.type} #${count}` : event.type;
      add(previous.label, label, event.atMs - previous.atMs);
      previous = { label, atMs: event.atMs };
    }
  }
  return [...stretches.values()].map(({ from, to, values }) => ({
    from,
    to,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
  }));
}
