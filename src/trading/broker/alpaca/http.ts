/**
 * One Alpaca request, end to end: the circuit breaker's admission, a token from the account's
 * rate-limit bucket (waiting when the wait is short), the fetch with a timeout and the auth headers,
 * the answer validated against its schema, and retries with exponential backoff and jitter for 429,
 * 5xx and network failures. Only idempotent requests retry blindly; a non-idempotent one (placing or
 * canceling an order) retries only through `recover`, which first asks Alpaca whether the lost attempt
 * landed.
 */
import type { z } from 'zod';
import { BrokerError, type BrokerHealth } from '../types.ts';
import { breakerFor, type CircuitBreaker } from './circuit-breaker.ts';
import { errorForStatus, isRetryableStatus, redact, retryAfterMs, upstreamMessage } from './errors.ts';
import { bucketFor, REQUESTS_PER_MINUTE, type TokenBucket } from './rate-limit.ts';

export interface HttpOptions {
  accountId: string;
  credentials: { keyId: string; secretKey: string };
  fetch: typeof fetch;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter source. */
  random: () => number;
  /** Attempts per request, the first included. */
  maxAttempts: number;
  requestTimeoutMs: number;
  /** Waiting this long or less for a rate-limit token is better than failing. */
  maxRateLimitWaitMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
}

export const HTTP_DEFAULTS = {
  maxAttempts: 4,
  requestTimeoutMs: 15_000,
  maxRateLimitWaitMs: 5_000,
  backoffBaseMs: 250,
  backoffCapMs: 5_000,
} as const;

export interface AlpacaRequest<T> {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  body?: unknown;
  /** Validates a 2xx body; a 204 is validated as `null`. */
  schema: z.ZodType<T>;
  /** Safe to send again as is (GETs; a repeated DELETE of an order is refused, so it uses `recover`). */
  idempotent: boolean;
  /**
   * For a non-idempotent request: before each retry, find out whether the failed attempt took effect
   * (e.g. look the order up by its client_order_id). A value ends the request with that value.
   */
  recover?: () => Promise<T | undefined>;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: BrokerError; retryable: boolean };

export function backoffMs(
  attempt: number,
  options: Pick<HttpOptions, 'backoffBaseMs' | 'backoffCapMs' | 'random'>,
): number {
  const exponential = Math.min(options.backoffCapMs, options.backoffBaseMs * 2 ** (attempt - 1));
  // "Equal jitter": never less than half the step, so retries spread out without hammering.
  return Math.round(exponential / 2 + options.random() * (exponential / 2));
}

export class AlpacaHttp {
  private readonly breaker: CircuitBreaker;
  private readonly bucket: TokenBucket;

  constructor(private readonly options: HttpOptions) {
    this.breaker = breakerFor(options.accountId);
    this.bucket = bucketFor(options.accountId, options.now().getTime());
  }

  private nowMs(): number {
    return this.options.now().getTime();
  }

  private scrub(text: string): string {
    return redact(text, [this.options.credentials.keyId, this.options.credentials.secretKey]);
  }

  health(): BrokerHealth {
    const now = this.nowMs();
    const circuit = this.breaker.state(now);
    const retryAt = this.breaker.retryAtMs();
    return {
      circuit,
      recentFailures: this.breaker.recentFailures(now),
      retryAt: circuit === 'closed' || retryAt === null ? null : new Date(retryAt).toISOString(),
      lastError: this.breaker.lastError,
      requestsRemaining: Math.max(0, this.bucket.remaining(now)),
    };
  }

  async request<T>(request: AlpacaRequest<T>): Promise<T> {
    const where = `${request.method} ${new URL(request.url).pathname}`;
    const retries = request.idempotent || request.recover !== undefined;
    for (let attempt = 1; ; attempt += 1) {
      if (attempt > 1 && request.recover) {
        const recovered = await request.recover();
        if (recovered !== undefined) return recovered;
      }
      const result = await this.attempt(request, where);
      if (result.ok) return result.value;
      if (!result.retryable || !retries || attempt >= this.options.maxAttempts) throw result.error;
      let delay = backoffMs(attempt, this.options);
      if (result.error.code === 'rate_limited' && result.error.retryAfterMs !== undefined) {
        // Alpaca said when: wait that long if it is short, else hand the wait to the caller.
        if (result.error.retryAfterMs > this.options.maxRateLimitWaitMs) throw result.error;
        delay = Math.max(delay, result.error.retryAfterMs);
      }
      await this.options.sleep(delay);
    }
  }

  private async admit(where: string): Promise<boolean> {
    const openUntil = this.breaker.retryAtMs();
    if (this.breaker.state(this.nowMs()) === 'open' && openUntil !== null) {
      throw this.circuitOpen(where, openUntil);
    }
    for (;;) {
      const wait = this.bucket.take(this.nowMs());
      if (wait === 0) break;
      if (wait > this.options.maxRateLimitWaitMs) {
        throw new BrokerError(
          `Alpaca ${where}: the account's ${REQUESTS_PER_MINUTE} requests/min budget is spent; retry in ${Math.ceil(wait / 1000)} s`,
          'rate_limited',
          undefined,
          wait,
        );
      }
      await this.options.sleep(wait);
    }
    const admission = this.breaker.admit(this.nowMs());
    if (!admission.allowed) throw this.circuitOpen(where, admission.retryAtMs);
    return admission.trial;
  }

  private circuitOpen(where: string, retryAtMs: number): BrokerError {
    const retryAt = new Date(retryAtMs).toISOString();
    return new BrokerError(
      `Alpaca ${where}: circuit open after repeated failures (${this.breaker.lastError ?? 'unknown'}); next try at ${retryAt}`,
      'circuit_open',
      undefined,
      Math.max(0, retryAtMs - this.nowMs()),
    );
  }

  private async attempt<T>(request: AlpacaRequest<T>, where: string): Promise<Attempt<T>> {
    await this.admit(where);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.requestTimeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(request.url, {
        method: request.method,
        headers: {
          'APCA-API-KEY-ID': this.options.credentials.keyId,
          'APCA-API-SECRET-KEY': this.options.credentials.secretKey,
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: controller.signal,
      });
      text = await response.text();
    } catch (error) {
      const reason = controller.signal.aborted
        ? `no answer within ${this.options.requestTimeoutMs} ms`
        : `network error: ${error instanceof Error ? error.message : String(error)}`;
      const message = this.scrub(`Alpaca ${where}: ${reason}`);
      this.breaker.failure(this.nowMs(), message);
      return { ok: false, error: new BrokerError(message, 'unavailable'), retryable: true };
    } finally {
      clearTimeout(timer);
    }

    if (response.ok) {
      this.breaker.success();
      return this.parse(request.schema, response.status, text, where);
    }
    const waitMs = retryAfterMs(response.headers.get('retry-after'), this.nowMs());
    const error = errorForStatus(response.status, this.scrub(upstreamMessage(text)), where, waitMs);
    if (!isRetryableStatus(response.status)) {
      this.breaker.neutral();
      return { ok: false, error, retryable: false };
    }
    this.breaker.failure(this.nowMs(), error.message);
    if (response.status === 429) this.bucket.drain(this.nowMs(), this.nowMs() + (waitMs ?? 1_000));
    return { ok: false, error, retryable: true };
  }

  private parse<T>(schema: z.ZodType<T>, status: number, text: string, where: string): Attempt<T> {
    let json: unknown = null;
    if (status !== 204 && text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        return this.invalid(where, 'the body is not JSON');
      }
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.invalid(
        where,
        `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unexpected shape'}`,
      );
    }
    return { ok: true, value: parsed.data };
  }

  private invalid<T>(where: string, detail: string): Attempt<T> {
    return {
      ok: false,
      error: new BrokerError(`Alpaca ${where}: unexpected response (${detail})`, 'invalid_response'),
      retryable: false,
    };
  }
}
