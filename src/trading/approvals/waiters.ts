/**
 * In-isolate wake-ups for tool calls waiting on an approval: the orchestrator's Durable Object (where
 * agent tools run) calls `wakeApproval` when it publishes a decision, and the waiting call notices
 * within WAKE_CHECK_MS instead of at its next database poll. The waker only bumps a counter; the
 * waiter checks it on its own timer, so the waiter resumes in its own I/O context (Workers forbid
 * one Durable Object's request continuing another's I/O). The row stays the source of truth.
 */
export const WAKE_CHECK_MS = 50;

const changes = new Map<string, number>();

/** The gate, before it waits: wake-ups of this approval are counted from now on. */
export function watchApproval(id: string): void {
  if (!changes.has(id)) changes.set(id, 0);
}

/** Counts a wake-up for a call waiting here; with none waiting there is nothing to remember. */
export function wakeApproval(id: string): void {
  const seen = changes.get(id);
  if (seen !== undefined) changes.set(id, seen + 1);
}

/** How many wake-ups the approval has had; compare later with `changeCount` to see a new one. */
export function changeCount(id: string): number {
  return changes.get(id) ?? 0;
}

/** Forget an approval once nobody waits for it any more. */
export function forgetApproval(id: string): void {
  changes.delete(id);
}
