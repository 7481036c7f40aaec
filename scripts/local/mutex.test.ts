import { afterEach, describe, expect, it, vi } from 'vitest';
import { Mutex, type Release } from './mutex.ts';

/** Lets pending promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Mutex', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('grants the lock immediately when free', async () => {
    const mutex = new Mutex();
    const release = await mutex.acquire(10);
    expect(typeof release).toBe('function');
    release();
    await expect(mutex.acquire(10)).resolves.toBeTypeOf('function');
  });

  it('hands the lock to waiters in FIFO order, one at a time', async () => {
    const mutex = new Mutex();
    const first = await mutex.acquire(1_000);
    const order: number[] = [];
    const holders = [1, 2, 3, 4].map((n) =>
      mutex.acquire(1_000).then(async (release) => {
        order.push(n);
        await settle();
        order.push(-n);
        release();
      }),
    );
    await settle();
    expect(order).toEqual([]);
    first();
    await Promise.all(holders);
    expect(order).toEqual([1, -1, 2, -2, 3, -3, 4, -4]);
  });

  it('rejects a waiter after its timeout, and never gives it the lock afterwards', async () => {
    vi.useFakeTimers();
    const mutex = new Mutex();
    const holder = await mutex.acquire(50);
    let timedOutGotLock = false;
    const timedOut = mutex.acquire(50).then(
      (release) => {
        timedOutGotLock = true;
        return release;
      },
      (error: unknown) => error,
    );
    const patient = mutex.acquire(10_000);

    await vi.advanceTimersByTimeAsync(60);
    const error = await timedOut;
    expect(error).toBeInstanceOf(Error);
    expect(error instanceof Error ? error.message : '').toMatch(/busy: .* over 50 ms/);

    let patientRelease: Release | undefined;
    void patient.then((release) => {
      patientRelease = release;
    });
    holder();
    await vi.advanceTimersByTimeAsync(0);
    // The lock skips the timed-out waiter and goes straight to the next one.
    expect(patientRelease).toBeTypeOf('function');
    expect(timedOutGotLock).toBe(false);
    patientRelease?.();
    await expect(mutex.acquire(0)).resolves.toBeTypeOf('function');
    expect(timedOutGotLock).toBe(false);
  });

  it('a timeout does not fire once the lock was granted', async () => {
    vi.useFakeTimers();
    const mutex = new Mutex();
    const holder = await mutex.acquire(50);
    const waiter = mutex.acquire(50);
    await vi.advanceTimersByTimeAsync(20);
    holder();
    const release = await waiter;
    await vi.advanceTimersByTimeAsync(100);
    // Still held by the waiter: a newcomer has to wait and times out.
    const newcomer = mutex.acquire(10).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(20);
    expect(await newcomer).toBeInstanceOf(Error);
    release();
  });

  it('release is idempotent: a second call does not release the next holder', async () => {
    vi.useFakeTimers();
    const mutex = new Mutex();
    const first = await mutex.acquire(10);
    const second = mutex.acquire(1_000);
    first();
    const secondRelease = await second;
    first();
    first();
    // If the repeated calls had released the lock, this would be granted at once.
    const third = mutex.acquire(30).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(40);
    expect(await third).toBeInstanceOf(Error);

    secondRelease();
    secondRelease();
    const fourth = await mutex.acquire(10);
    // Releasing twice while nobody waits must not leave a second holder able to sneak in.
    const fifth = mutex.acquire(30).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(40);
    expect(await fifth).toBeInstanceOf(Error);
    fourth();
  });
});
