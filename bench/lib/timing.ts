/**
 * Wall-clock timing and the median of repeated measurements: the median keeps one slow run
 * (a checkpoint, a GC pause) from deciding the reported figure.
 */
import { performance } from 'node:perf_hooks';

/** Seconds `work` took, measured with the monotonic high-resolution clock. */
export async function timeSeconds(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1_000;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** The nearest-rank percentile (`p` in 0–100) of `values`, e.g. 50 for the median, 99 for p99. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}
