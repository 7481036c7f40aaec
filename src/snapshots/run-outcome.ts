/**
 * A snapshot run's result from its underlyings' outcomes: one underlying failing does not lose the
 * others. The run succeeded if any underlying was stored (the detail says which were not) and failed
 * only when every one failed.
 */
import type { SnapshotRunStatus } from '../db/schema-trading.ts';

export interface StoredUnderlying {
  contracts: number;
  /** Rows whose Greeks came from the provider, were computed, or could not be had. */
  provider: number;
  computed: number;
  none: number;
  /** Chain entries whose symbol could not be read. */
  skipped: number;
  underlying_price: number | null;
}

export type UnderlyingOutcome = StoredUnderlying | { error: string };

export interface RunOutcome {
  status: Exclude<SnapshotRunStatus, 'running'>;
  contracts: number;
  detail: Record<string, UnderlyingOutcome>;
  error: string | null;
}

export function runOutcome(outcomes: ReadonlyMap<string, UnderlyingOutcome>): RunOutcome {
  const detail: Record<string, UnderlyingOutcome> = {};
  let contracts = 0;
  const failures: string[] = [];
  for (const [underlying, outcome] of outcomes) {
    detail[underlying] = outcome;
    if ('error' in outcome) failures.push(`${underlying}: ${outcome.error}`);
    else contracts += outcome.contracts;
  }
  const allFailed = outcomes.size > 0 && failures.length === outcomes.size;
  return {
    status: allFailed || outcomes.size === 0 ? 'failed' : 'succeeded',
    contracts,
    detail,
    error:
      outcomes.size === 0
        ? 'no underlyings to snapshot'
        : failures.length === 0
          ? null
          : allFailed
            ? `every underlying failed: ${failures.join('; ')}`
            : `${failures.length} of ${outcomes.size} underlyings failed: ${failures.join('; ')}`,
  };
}
