/**
 * In-isolate wake-ups for tool calls waiting on an approval: the orchestrator's Durable Object (where
 * agent tools run) calls `wakeApproval` when it publishes a decision, and the waiting call notices
 * within WAKE_CHECK_MS instead of at its next database poll. The waker only bumps a counter; the
 * waiter checks it on its own timer, so the waiter resumes in its own I/O context (Workers forbid
 * one Durable Object's request continuing another's I/O). The row stays the source of truth.
 */
export const WAKE_CHECK_MS = 50;

const changes = new Map<string, number>();

export function wakeApproval(id: string): void {
  changes.set(id, (changes.get(id) ?? 0) + 1);
}

/** How many wake-ups the approval has had; compare later with `changeCount` to see a new one. */
export function changeCount(id: string): number {
  return changes.get(id) ?? 0;
}

/** Forget an approval once nobody waits for it any more. */
export function forgetApproval(id: string): void {
  changes.delete(id);
}
