/**
 * Runs `task` now and then every `everyMs` while the component lives and the page is visible; one
 * run at a time (the next waits for the previous to finish), again at once when the page comes back.
 */
import { onBeforeUnmount, onMounted } from 'vue';

export function usePolling(task: () => Promise<void>, everyMs: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let stopped = false;

  async function tick(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped || running) return;
    running = true;
    try {
      await task();
    } finally {
      running = false;
      if (!stopped && document.visibilityState === 'visible') timer = setTimeout(tick, everyMs);
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
