import { describe, expect, it } from 'vitest';
import { createEventFeed, eventsAfter } from './event-feed.ts';
import { event } from './test-fixtures.ts';

describe('eventsAfter', () => {
  const log = [1, 2, 5, 9].map((seq) => ({ seq }));

  it.each([
    [0, [1, 2, 5, 9]],
    [2, [5, 9]],
    [3, [5, 9]],
    [9, []],
    [12, []],
  ])('after %i → %o', (seq, expected) => {
    expect(eventsAfter(log, seq).map((e) => e.seq)).toEqual(expected);
  });
});

describe('createEventFeed', () => {
  it('delivers to subscribers until they unsubscribe', () => {
    const feed = createEventFeed();
    const seen: number[] = [];
    const stop = feed.subscribe((events) => seen.push(...events.map((e) => e.seq)));
    feed.publish([event(1, 'text')]);
    stop();
    feed.publish([event(2, 'text')]);
    expect(seen).toEqual([1]);
  });
});
