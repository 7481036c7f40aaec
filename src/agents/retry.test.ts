import { describe, expect, it } from 'vitest';
import { isRetryable, retryDelayMs } from './retry.ts';

describe('isRetryable', () => {
  it.each([
    [{ transport: true }, true],
    [{ transport: false, status: 429 }, true],
    [{ transport: false, status: 529 }, true],
    [{ transport: false, status: 500 }, true],
    [{ transport: false, status: 503 }, true],
    [{ transport: false, status: 408 }, true],
    [{ transport: false, status: 400 }, false],
    [{ transport: false, status: 401 }, false],
    [{ transport: false, status: 404 }, false],
    [{ transport: false, status: 413 }, false],
    [{ transport: false }, false],
  ])('%j → %s', (failure, expected) => {
    expect(isRetryable(failure)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 30_000 };

  it('honours retry-after in seconds, as an HTTP date, and retry-after-ms, capped', () => {
    const now = Date.UTC(2026, 0, 1);
    const headers = (init: Record<string, string>) => ({
      transport: false,
      status: 429,
      headers: new Headers(init),
    });
    expect(retryDelayMs(1, headers({ 'retry-after': '7' }), policy, () => 0, now)).toBe(7_000);
    expect(
      retryDelayMs(1, headers({ 'retry-after': new Date(now + 4_000).toUTCString() }), policy, () => 0, now),
    ).toBe(4_000);
    expect(
      retryDelayMs(1, headers({ 'retry-after-ms': '250', 'retry-after': '9' }), policy, () => 0, now),
    ).toBe(250);
    expect(retryDelayMs(1, headers({ 'retry-after': '3600' }), policy, () => 0, now)).toBe(30_000);
  });

  it('backs off exponentially with jitter between half and all of the ceiling', () => {
    const failure = { transport: true };
    expect(retryDelayMs(1, failure, policy, () => 1)).toBe(1_000);
    expect(retryDelayMs(3, failure, policy, () => 1)).toBe(4_000);
    expect(retryDelayMs(3, failure, policy, () => 0)).toBe(2_000);
    expect(retryDelayMs(20, failure, policy, () => 1)).toBe(30_000);
  });

  it('ignores a malformed retry-after', () => {
    const failure = { transport: false, status: 529, headers: new Headers({ 'retry-after': 'soon' }) };
    expect(retryDelayMs(2, failure, policy, () => 1)).toBe(2_000);
  });
});
