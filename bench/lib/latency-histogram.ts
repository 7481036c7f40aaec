/**
 * A fixed-bucket latency histogram (0.1 ms buckets up to 30 s): recording is one array increment, so
 * 100 clients can record every event they receive without the measuring costing more than the thing
 * measured; percentiles are exact to the bucket width. Serialisable for IPC as its non-empty buckets.
 */

const BUCKET_MS = 0.1;
const BUCKETS = 300_000;

export interface HistogramData {
  /** [bucket index, count] for every non-empty bucket. */
  buckets: [number, number][];
  count: number;
  maxMs: number;
  /** Latencies below zero (a clock step), recorded as zero. */
  negative: number;
}

export class LatencyHistogram {
  readonly #counts = new Uint32Array(BUCKETS);
  #count = 0;
  #maxMs = 0;
  #negative = 0;

  record(ms: number): void {
    if (ms < 0) this.#negative += 1;
    const value = Math.max(0, ms);
    const index = Math.min(BUCKETS - 1, Math.floor(value / BUCKET_MS));
    this.#counts[index] = (this.#counts[index] ?? 0) + 1;
    this.#count += 1;
    if (value > this.#maxMs) this.#maxMs = value;
  }

  toData(): HistogramData {
    const buckets: [number, number][] = [];
    this.#counts.forEach((count, index) => {
      if (count > 0) buckets.push([index, count]);
    });
    return { buckets, count: this.#count, maxMs: this.#maxMs, negative: this.#negative };
  }
}

/** The latency at percentile `p` (0–100): the upper edge of the bucket holding that rank. */
export function histogramPercentile(data: HistogramData, p: number): number {
  if (data.count === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * data.count));
  let seen = 0;
  for (const [index, count] of data.buckets) {
    seen += count;
    if (seen >= rank) return Math.min((index + 1) * BUCKET_MS, data.maxMs);
  }
  return data.maxMs;
}
