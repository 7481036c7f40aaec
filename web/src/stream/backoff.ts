/**
 * Reconnect delays: exponential with full jitter (a random delay between 0 and the exponential
 * ceiling), so that many consoles cut off at once do not reconnect in lockstep.
 */
export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}, random = Math.random): number {
  const { baseMs = 500, capMs = 10_000 } = options;
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
