import { describe, expect, it } from 'vitest';
import { bucketFor, REQUESTS_PER_MINUTE, TokenBucket } from './rate-limit.ts';

describe('TokenBucket', () => {
  it('lets a full minute of budget through at once, then one request per refill interval', () => {
    const bucket = new TokenBucket(200, 200 / 60_000, 0);
    for (let index = 0; index < 200; index += 1) expect(bucket.take(0)).toBe(0);
    expect(bucket.remaining(0)).toBe(0);
    // One token every 300 ms.
    expect(bucket.take(0)).toBe(300);
    expect(bucket.take(100)).toBe(200);
    expect(bucket.take(300)).toBe(0);
    expect(bucket.take(300)).toBe(300);
  });

  it('never holds more than its capacity', () => {
    const bucket = new TokenBucket(200, 200 / 60_000, 0);
    bucket.take(0);
    expect(bucket.remaining(10 * 60_000)).toBe(200);
  });

  it('a clock that steps back does not mint tokens', () => {
    const bucket = new TokenBucket(2, 2 / 60_000, 1_000_000);
    bucket.take(1_000_000);
    bucket.take(1_000_000);
    expect(bucket.take(0)).toBeGreaterThan(0);
    expect(bucket.remaining(1_000_000)).toBe(0);
  });

  it('after a 429, the next token comes exactly when Alpaca said', () => {
    const bucket = new TokenBucket(200, 200 / 60_000, 0);
    bucket.drain(0, 2_000);
    expect(bucket.take(1_999)).toBe(1);
    expect(bucket.take(2_000)).toBe(0);
    expect(bucket.take(2_000)).toBe(300);
  });

  it('buckets are shared per account id across callers in the isolate', () => {
    const first = bucketFor('rate-limit-test-account', 0);
    expect(bucketFor('rate-limit-test-account', 5_000)).toBe(first);
    expect(bucketFor('rate-limit-test-other', 0)).not.toBe(first);
    expect(first.capacity).toBe(REQUESTS_PER_MINUTE);
  });
});
