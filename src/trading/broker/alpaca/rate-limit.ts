/**
 * Alpaca allows about 200 requests a minute per account. A token bucket per account (capacity 200,
 * refilled continuously at 200/min) keeps the desk under it. Buckets live at module scope, keyed by
 * the account id, so every broker instance in this isolate (one is opened per request) draws from the
 * same one. Another isolate has its own buckets; Alpaca's 429 with Retry-After covers that gap.
 */

export const REQUESTS_PER_MINUTE = 200;

export class TokenBucket {
  private tokens: number;
  private updatedAtMs: number;

  constructor(
    readonly capacity: number,
    /** Tokens added per millisecond. */
    readonly refillPerMs: number,
    nowMs: number,
  ) {
    this.tokens = capacity;
    this.updatedAtMs = nowMs;
  }

  private refill(nowMs: number): void {
    const elapsed = Math.max(0, nowMs - this.updatedAtMs);
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerMs);
    this.updatedAtMs = Math.max(this.updatedAtMs, nowMs);
  }

  /**
   * Takes a token now (returns 0), or says how long until one is free (returns the wait in ms, taking
   * nothing). A caller that decides to wait calls again afterwards.
   */
  take(nowMs: number): number {
    this.refill(nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.refillPerMs);
  }

  /** Whole tokens left now. */
  remaining(nowMs: number): number {
    this.refill(nowMs);
    return Math.floor(this.tokens);
  }

  /** Alpaca said 429: whatever this bucket believed, the next token comes at `untilMs`, not before. */
  drain(nowMs: number, untilMs: number): void {
    this.refill(nowMs);
    this.tokens = Math.min(this.tokens, 1 - Math.max(0, untilMs - nowMs) * this.refillPerMs);
  }
}

const buckets = new Map<string, TokenBucket>();

export function bucketFor(accountId: string, nowMs: number): TokenBucket {
  let bucket = buckets.get(accountId);
  if (!bucket) {
    bucket = new TokenBucket(REQUESTS_PER_MINUTE, REQUESTS_PER_MINUTE / 60_000, nowMs);
    buckets.set(accountId, bucket);
  }
  return bucket;
}
