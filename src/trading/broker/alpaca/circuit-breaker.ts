/**
 * A circuit breaker per broker account: 5 failures (5xx, 429, network errors, timeouts) within 60 s
 * open it; while open every request fails fast; after the cool-down one trial request is let through
 * (half-open): success closes the circuit, failure opens it for another cool-down. A 4xx other than
 * 429 is the caller's problem, not the broker's, and counts as neither failure nor success.
 * Breakers live at module scope, keyed by account id, like the rate-limit buckets.
 */
import type { CircuitState } from '../types.ts';

export const FAILURE_THRESHOLD = 5;
export const FAILURE_WINDOW_MS = 60_000;
export const COOL_DOWN_MS = 30_000;

export type Admission = { allowed: true; trial: boolean } | { allowed: false; retryAtMs: number };

export class CircuitBreaker {
  private failures: number[] = [];
  private openedUntilMs: number | null = null;
  private trialInFlight = false;
  lastError: string | null = null;

  constructor(
    readonly threshold = FAILURE_THRESHOLD,
    readonly windowMs = FAILURE_WINDOW_MS,
    readonly coolDownMs = COOL_DOWN_MS,
  ) {}

  state(nowMs: number): CircuitState {
    if (this.openedUntilMs === null) return 'closed';
    return nowMs < this.openedUntilMs ? 'open' : 'half_open';
  }

  /** Failures inside the window ending now. */
  recentFailures(nowMs: number): number {
    this.failures = this.failures.filter((at) => nowMs - at < this.windowMs);
    return this.failures.length;
  }

  retryAtMs(): number | null {
    return this.openedUntilMs;
  }

  /** Call before a request; a trial must be followed by `success` or `failure`. */
  admit(nowMs: number): Admission {
    const state = this.state(nowMs);
    if (state === 'closed') return { allowed: true, trial: false };
    if (state === 'half_open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return { allowed: true, trial: true };
    }
    // Open, or half-open with its one trial already out: try again after the cool-down.
    return { allowed: false, retryAtMs: Math.max(this.openedUntilMs ?? nowMs, nowMs + 1) };
  }

  success(): void {
    if (this.openedUntilMs !== null) {
      this.openedUntilMs = null;
      this.failures = [];
    }
    this.trialInFlight = false;
  }

  failure(nowMs: number, message: string): void {
    this.lastError = message;
    this.failures.push(nowMs);
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    if (wasTrial || this.state(nowMs) === 'half_open' || this.recentFailures(nowMs) >= this.threshold) {
      this.openedUntilMs = nowMs + this.coolDownMs;
    }
  }

  /** A request ended without telling anything about the broker's health (a 4xx, an abort). */
  neutral(): void {
    if (this.trialInFlight) {
      // The trial reached the broker and got an answer: the broker is up.
      this.success();
    }
  }
}

const breakers = new Map<string, CircuitBreaker>();

export function breakerFor(accountId: string): CircuitBreaker {
  let breaker = breakers.get(accountId);
  if (!breaker) {
    breaker = new CircuitBreaker();
    breakers.set(accountId, breaker);
  }
  return breaker;
}
