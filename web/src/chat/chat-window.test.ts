import { describe, expect, it } from 'vitest';
import {
  CHAT_PAGE,
  createFrameScheduler,
  followsAfterScroll,
  isNearBottom,
  keepDistanceFromBottom,
  scrollsUp,
  showEarlier,
  windowStartAfter,
} from './chat-window.ts';

describe('chat window', () => {
  it('holds the newest page while following, dropping older bubbles off the top', () => {
    expect(windowStartAfter(0, 10, true)).toBe(0);
    expect(windowStartAfter(0, CHAT_PAGE + 5, true)).toBe(5);
    expect(windowStartAfter(5, 4_000, true)).toBe(4_000 - CHAT_PAGE);
    expect(windowStartAfter(0, 100, true, 20)).toBe(80);
  });

  it('stops moving while the reader has scrolled up: new bubbles are added, none removed', () => {
    expect(windowStartAfter(3_940, 4_100, false)).toBe(3_940);
    expect(windowStartAfter(0, 4_100, false)).toBe(0);
  });

  it('shows the newest page of a list replaced by a shorter one', () => {
    expect(windowStartAfter(3_940, 100, false)).toBe(100 - CHAT_PAGE);
    expect(windowStartAfter(3_940, 0, true)).toBe(0);
  });

  it('pages earlier messages in, down to the first', () => {
    expect(showEarlier(3_940)).toBe(3_940 - CHAT_PAGE);
    expect(showEarlier(10)).toBe(0);
    expect(showEarlier(0)).toBe(0);
  });

  it('keeps the reader where they were after earlier messages are added above', () => {
    const before = { scrollTop: 0, scrollHeight: 3_000, clientHeight: 600 };
    expect(keepDistanceFromBottom(before, 7_000)).toBe(4_000);
    expect(keepDistanceFromBottom({ ...before, scrollTop: 120 }, 7_000)).toBe(4_120);
  });

  it('resumes following at the bottom; stops only when the reader scrolls away from it', () => {
    expect(isNearBottom({ scrollTop: 2_390, scrollHeight: 3_000, clientHeight: 600 })).toBe(true);
    expect(isNearBottom({ scrollTop: 2_000, scrollHeight: 3_000, clientHeight: 600 })).toBe(false);
    const bottom = { scrollTop: 2_400, scrollHeight: 3_000, clientHeight: 600 };
    const above = { scrollTop: 2_000, scrollHeight: 3_500, clientHeight: 600 };
    expect(followsAfterScroll(bottom, false, true)).toBe(true);
    expect(followsAfterScroll(bottom, false, false)).toBe(true);
    // Bubbles arrived below (or dropped off the top) before auto-scroll caught up: still following.
    expect(followsAfterScroll(above, true, false)).toBe(true);
    expect(followsAfterScroll(above, false, false)).toBe(false);
    // The reader dragged the scrollbar up.
    expect(followsAfterScroll(above, true, true)).toBe(false);
  });

  it('tells scrolling up from down', () => {
    expect(scrollsUp({ deltaY: -100 })).toBe(true);
    expect(scrollsUp({ deltaY: 100 })).toBe(false);
    expect(scrollsUp({ key: 'PageUp' })).toBe(true);
    expect(scrollsUp({ key: 'End' })).toBe(false);
  });

  it('runs a scheduled task once per frame however often it is scheduled', () => {
    const frames: (() => void)[] = [];
    let runs = 0;
    const scheduler = createFrameScheduler(
      () => runs++,
      (callback) => frames.push(callback),
      (handle) => {
        frames[handle - 1] = () => {};
      },
    );
    for (let i = 0; i < 50; i++) scheduler.schedule();
    expect(frames).toHaveLength(1);
    frames[0]?.();
    expect(runs).toBe(1);
    scheduler.schedule();
    expect(frames).toHaveLength(2);
    scheduler.cancel();
    frames[1]?.();
    expect(runs).toBe(1);
    scheduler.schedule();
    expect(frames).toHaveLength(3);
  });
});
