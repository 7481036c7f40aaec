/**
 * In-isolate wake-ups for tool calls waiting on an approval: the orchestrator's Durable Object (where
 * agent tools run) calls `wakeApproval` when it publishes a decision, so the waiting call answers at
 * once instead of at its next poll. Polling stays the fallback (the row is the source of truth).
 */
const waiting = new Map<string, Set<() => void>>();

export function onApprovalChange(id: string, wake: () => void): () => void {
  const set = waiting.get(id) ?? new Set<() => void>();
  set.add(wake);
  waiting.set(id, set);
  return () => {
    set.delete(wake);
    if (set.size === 0) waiting.delete(id);
  };
}

export function wakeApproval(id: string): void {
  for (const wake of waiting.get(id) ?? []) wake();
}
