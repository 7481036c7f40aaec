import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from './retry-delay.ts';

describe('retryDelaySeconds', () => {
  it.each([
    [1, 2],
    [2, 4],
    [5, 32],
    [9, 300],
    [50, 300],
  ])('after attempt %i waits at most %i s', (attempts, ceiling) => {
    expect(retryDelaySeconds(attempts, () => 1)).toBe(ceiling);
    expect(retryDelaySeconds(attempts, () => 0)).toBe(1);
    const jittered = retryDelaySeconds(attempts, () => 0.5);
    expect(jittered).toBeGreaterThanOrEqual(1);
    expect(jittered).toBeLessThanOrEqual(ceiling);
  });
});
