import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type EventType } from '../events/types.ts';
import { isSummarizable, SUMMARIZABLE_TYPES } from './events.ts';

describe('isSummarizable', () => {
  it('picks the events a person reads, and never summary updates or streaming noise', () => {
    const picked = (Object.keys(EVENT_TYPES) as EventType[]).filter((type) => isSummarizable({ type }));
    expect(picked.sort()).toEqual([...SUMMARIZABLE_TYPES].sort());
    for (const type of [
      'text_delta',
      'model_call',
      'chat_typing',
      'turn_started',
      'summary_update',
    ] as const) {
      expect(isSummarizable({ type })).toBe(false);
    }
  });

  it('skips an event that already has a summary', () => {
    expect(isSummarizable({ type: 'text', summary: 'Said hello' })).toBe(false);
    expect(isSummarizable({ type: 'text' })).toBe(true);
  });
});
