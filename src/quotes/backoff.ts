/**
 * When to try the upstream again after losing it: exponential backoff with "equal jitter" (half the
 * step fixed, half random), so a fleet of objects that lost the stream together does not come back
 * in lockstep, yet none retries sooner than half its step. Pure: randomness is passed in.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

/** The wait before reconnect number `attempt` (0 for the first retry); `random` returns [0, 1). */
export function reconnectDelay(
  attempt: number,
  random: () => number,
  policy: BackoffPolicy = RECONNECT_BACKOFF,
): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(step / 2 + random() * (step / 2));
}
