/**
 * When a Messages API call is worth retrying, and how long to wait. Pure, so the rules are tested
 * without a network: 429 (rate limited), 529 (overloaded), 5xx, 408/409 and transport failures
 * (connection reset, a stream cut mid-way) are transient; other 4xx are the request's fault.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/** What the loop knows about a failed call: the HTTP status if any, and the response headers. */
export interface CallFailure {
  status?: number | undefined;
  headers?: Headers | undefined;
  /** True when no HTTP status arrived at all: refused, reset, timed out, or the stream was cut. */
  transport: boolean;
}

/** What a thrown SDK error says about the failure (an `APIError` carries the status and headers). */
export function describeFailure(error: unknown): CallFailure {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: unknown }).status;
    const headers = (error as { headers?: unknown }).headers;
    if (typeof status === 'number') {
      return { status, headers: headers instanceof Headers ? headers : undefined, transport: false };
    }
  }
  // No status: the request never got an answer, or the stream broke off mid-way.
  return { transport: true };
}

export function isRetryable(failure: CallFailure): boolean {
  if (failure.transport) return true;
  const status = failure.status;
  if (status === undefined) return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1). A server-sent
 * `retry-after` (seconds or an HTTP date) or `retry-after-ms` wins, capped at the policy's maximum;
 * otherwise exponential backoff with full jitter.
 */
export function retryDelayMs(
  attempt: number,
  failure: CallFailure,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
  now: number = Date.now(),
): number {
  const serverDelay = serverRequestedDelayMs(failure.headers, now);
  if (serverDelay !== undefined) return Math.min(policy.maxDelayMs, serverDelay);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

function serverRequestedDelayMs(headers: Headers | undefined, now: number): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
