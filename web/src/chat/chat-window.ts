/**
 * The chat column renders a window of the newest bubbles, not all of them: a busy orchestrator emits
 * thousands, and laying them all out on every event (auto-scroll reads scrollHeight) cost whole frames.
 *
 * The window is [start, total). While the reader follows the newest message it holds the newest
 * CHAT_PAGE bubbles (older ones drop off the top as new ones arrive); once they scroll up it stops
 * moving (new bubbles are added below, none removed), and "Show earlier messages" pages older ones in.
 * Auto-scroll runs at most once per animation frame, only while following.
 */

/** Bubbles rendered while following, and how many more "Show earlier messages" adds. */
export const CHAT_PAGE = 60;

/** How close to the bottom (px) still counts as "at the bottom". */
export const BOTTOM_SLACK_PX = 24;

/** The first rendered bubble after the list grew or shrank to `total`. */
export function windowStartAfter(start: number, total: number, following: boolean, page = CHAT_PAGE): number {
  const newest = Math.max(0, total - page);
  // The list was replaced by a shorter one (a history reload): show its newest page.
  if (start > total) return newest;
  // Following: trim to the newest page (never re-add older ones the reader paged in and left).
  return following ? Math.max(start, newest) : start;
}

/** The first rendered bubble after "Show earlier messages". */
export function showEarlier(start: number, page = CHAT_PAGE): number {
  return Math.max(0, start - page);
}

export interface ScrollMetrics {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

export function isNearBottom(metrics: ScrollMetrics, slack = BOTTOM_SLACK_PX): boolean {
  return metrics.scrollHeight - metrics.scrollTop - metrics.clientHeight <= slack;
}

/**
 * Whether the reader follows after a scroll event. Reaching the bottom resumes following; only a scroll
 * the reader drives (scrollbar drag, touch) away from it stops it. Other scrolls leave it as it was:
 * content arriving or dropping off the top moves the list too, and must not stop following (wheel turns
 * and keys stop it before they scroll, see scrollsUp).
 */
export function followsAfterScroll(
  metrics: ScrollMetrics,
  following: boolean,
  readerDriven: boolean,
): boolean {
  if (isNearBottom(metrics)) return true;
  return readerDriven ? false : following;
}

/** Keys and wheel turns that scroll up: the reader means to stop following at once. */
export function scrollsUp(input: { deltaY: number } | { key: string }): boolean {
  return 'deltaY' in input ? input.deltaY < 0 : ['ArrowUp', 'PageUp', 'Home'].includes(input.key);
}

/** scrollTop that keeps the same distance from the bottom after content was added above. */
export function keepDistanceFromBottom(before: ScrollMetrics, scrollHeightAfter: number): number {
  return Math.max(0, scrollHeightAfter - (before.scrollHeight - before.scrollTop));
}

export interface FrameScheduler {
  /** Runs the task in the next animation frame; any number of calls before it runs make one run. */
  schedule(): void;
  cancel(): void;
}

export function createFrameScheduler(
  task: () => void,
  requestFrame: (callback: () => void) => number,
  cancelFrame: (handle: number) => void,
): FrameScheduler {
  let handle: number | null = null;
  return {
    schedule() {
      if (handle !== null) return;
      handle = requestFrame(() => {
        handle = null;
        task();
      });
    },
    cancel() {
      if (handle !== null) cancelFrame(handle);
      handle = null;
    },
  };
}
