/**
 * Runs `task` now and then every `everyMs` while the component lives and the page is visible; one
 * run at a time (the next waits for the previous to finish), again at once when the page comes back.
 * A run that fails (the task resolves `false` or throws) stretches the wait, doubling up to
 * MAX_BACKOFF times the period, so a broker or server in trouble is not asked again every few
 * seconds by every open tab; the first run that succeeds restores the period.
 */
import { onBeforeUnmount, onMounted } from 'vue';

/** The longest wait, as a multiple of the period. */
export const MAX_BACKOFF = 8;

/** The wait before the next run after `failures` failed runs in a row. */
export function pollDelay(everyMs: number, failures: number): number {
  return everyMs * Math.min(2 ** Math.max(0, failures), MAX_BACKOFF);
}

export function usePolling(task: () => Promise<boolean>, everyMs: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let stopped = false;
  let failures = 0;

  async function tick(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped || running) return;
    running = true;
    try {
      failures = (await task()) === false ? failures + 1 : 0;
    } catch (error) {
      // The task's own error display is its business; a throw must not end the polling or go unhandled.
      console.error('polling task failed', error);
      failures += 1;
    } finally {
      running = false;
      if (!stopped && document.visibilityState === 'visible') {
        timer = setTimeout(tick, pollDelay(everyMs, failures));
      }
    }
  }

  function onVisible(): void {
    if (document.visibilityState === 'visible') void tick();
  }

  onMounted(() => {
    document.addEventListener('visibilitychange', onVisible);
    void tick();
  });
  onBeforeUnmount(() => {
    stopped = true;
    if (timer) clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  });
  /** Runs it now (after a change the reader made), keeping the rhythm afterwards. */
  return { now: tick };
}
