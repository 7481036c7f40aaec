import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF, pollDelay } from './use-polling.ts';

describe('pollDelay', () => {
  it('keeps the period while runs succeed and doubles it per failure in a row, up to the cap', () => {
    expect(pollDelay(10_000, 0)).toBe(10_000);
    expect(pollDelay(10_000, 1)).toBe(20_000);
    expect(pollDelay(10_000, 2)).toBe(40_000);
    expect(pollDelay(10_000, 3)).toBe(10_000 * MAX_BACKOFF);
    expect(pollDelay(10_000, 50)).toBe(10_000 * MAX_BACKOFF);
    expect(pollDelay(4_000, 1_000)).toBe(4_000 * MAX_BACKOFF);
  });
});
