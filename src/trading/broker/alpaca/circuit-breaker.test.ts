import { describe, expect, it } from 'vitest';
import { breakerFor, CircuitBreaker } from './circuit-breaker.ts';

describe('CircuitBreaker', () => {
  it('opens on the fifth failure within 60 s and refuses until the cool-down ends', () => {
    const breaker = new CircuitBreaker(5, 60_000, 30_000);
    for (let second = 0; second < 4; second += 1) breaker.failure(second * 1000, '503');
    expect(breaker.state(4_000)).toBe('closed');
    expect(breaker.admit(4_000)).toEqual({ allowed: true, trial: false });
    breaker.failure(4_000, '503 again');
    expect(breaker.state(4_000)).toBe('open');
    expect(breaker.admit(10_000)).toEqual({ allowed: false, retryAtMs: 34_000 });
    expect(breaker.lastError).toBe('503 again');
  });

  it('failures older than the window do not count', () => {
    const breaker = new CircuitBreaker(5, 60_000, 30_000);
    for (let index = 0; index < 4; index += 1) breaker.failure(index, 'x');
    expect(breaker.recentFailures(60_000)).toBe(3);
    breaker.failure(61_000, 'x');
    expect(breaker.state(61_000)).toBe('closed');
    expect(breaker.recentFailures(61_000)).toBe(1);
  });

  it('half-open lets exactly one trial through; success closes and forgets the failures', () => {
    const breaker = new CircuitBreaker(2, 60_000, 30_000);
    breaker.failure(0, 'x');
    breaker.failure(0, 'x');
    expect(breaker.state(30_000)).toBe('half_open');
    expect(breaker.admit(30_000)).toEqual({ allowed: true, trial: true });
    expect(breaker.admit(30_001)).toEqual({ allowed: false, retryAtMs: 30_002 });
    breaker.success();
    expect(breaker.state(30_001)).toBe('closed');
    expect(breaker.recentFailures(30_001)).toBe(0);
  });

  it('a failed trial opens the circuit for another cool-down', () => {
    const breaker = new CircuitBreaker(2, 60_000, 30_000);
    breaker.failure(0, 'x');
    breaker.failure(0, 'x');
    expect(breaker.admit(30_000)).toMatchObject({ allowed: true, trial: true });
    breaker.failure(30_500, 'still down');
    expect(breaker.state(30_500)).toBe('open');
    expect(breaker.retryAtMs()).toBe(60_500);
  });

  it('a 4xx answer to the trial still proves the broker is up', () => {
    const breaker = new CircuitBreaker(1, 60_000, 30_000);
    breaker.failure(0, 'x');
    expect(breaker.admit(30_000)).toMatchObject({ trial: true });
    breaker.neutral();
    expect(breaker.state(30_000)).toBe('closed');
  });

  it('breakers are per account id, shared by every caller in the isolate', () => {
    expect(breakerFor('breaker-test-a')).toBe(breakerFor('breaker-test-a'));
    expect(breakerFor('breaker-test-a')).not.toBe(breakerFor('breaker-test-b'));
  });
});
