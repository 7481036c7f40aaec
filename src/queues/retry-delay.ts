/**
 * Delay before a failed queue message is redelivered: exponential from 2 s, capped at 5 minutes,
 * with full jitter so a burst of failures does not come back as a burst.
 */
export function retryDelaySeconds(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(300, 2 ** Math.max(1, attempts));
  return Math.max(1, Math.ceil(ceiling * random()));
}
