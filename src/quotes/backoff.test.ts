import { describe, expect, it } from 'vitest';
import { RECONNECT_BACKOFF, reconnectDelay } from './backoff.ts';

describe('reconnect backoff', () => {
  it('doubles from 500 ms to a 30 s ceiling, within [step/2, step]', () => {
    const low = Array.from({ length: 9 }, (_, attempt) => reconnectDelay(attempt, () => 0));
    const high = Array.from({ length: 9 }, (_, attempt) => reconnectDelay(attempt, () => 0.999_999));
    expect(low).toEqual([250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
    expect(high).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('spreads objects that lost the stream together', () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const delays = new Set(Array.from({ length: 20 }, () => reconnectDelay(3, random)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });

  it('stays at the ceiling for absurd attempt counts', () => {
    expect(reconnectDelay(10_000, () => 0.999_999)).toBe(RECONNECT_BACKOFF.maxMs);
  });
});
