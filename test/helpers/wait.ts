/** Waiting on something a test can observe (a row, a recorded request), never on the clock alone. */
import { vi } from 'vitest';

/** As long as the stream helper waits for an event. */
export const WAIT_LIMIT_MS = 15_000;

/**
 * Resolves with the first truthy value `probe` returns, asking again every 25 ms; fails with `what`
 * after WAIT_LIMIT_MS.
 */
export function until<T>(
  probe: () => Promise<T | false | null | undefined> | T | false | null | undefined,
  what: string,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (!value) throw new Error(`timed out waiting for ${what}`);
      return value;
    },
    { timeout: WAIT_LIMIT_MS, interval: 25 },
  );
}
