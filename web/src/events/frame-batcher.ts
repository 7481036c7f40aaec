/**
 * Collects items and hands them over once per animation frame: at 200 events/s the stores and the
 * DOM change at most 60 times a second, whatever the number of socket frames.
 */
export interface FrameBatcher<T> {
  push(items: readonly T[]): void;
  /** Hands over what is pending now (e.g. before a synchronous read in a test hook). */
  flush(): void;
}

export function createFrameBatcher<T>(
  deliver: (items: T[]) => void,
  schedule: (callback: () => void) => void = (callback) => requestAnimationFrame(() => callback()),
): FrameBatcher<T> {
  let pending: T[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    deliver(items);
  };
  return {
    push(items) {
      if (items.length === 0) return;
      for (const item of items) pending.push(item);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}
