import { describe, expect, it } from 'vitest';
import { SummarizeEventsMessage, summarizeEventsMessage } from './message.ts';

const id = '6f1c2a4e-8b3d-4c5e-9f60-7a8b9c0d1e2f';

describe('SummarizeEventsMessage', () => {
  it('accepts what summarizeEventsMessage builds: ids and a range, no payload', () => {
    const message = summarizeEventsMessage(id, 10, 25);
    expect(message).toEqual({ kind: 'summarize_events', orchestrator_id: id, after_seq: 10, up_to_seq: 25 });
    expect(SummarizeEventsMessage.safeParse(message).success).toBe(true);
  });

  it.each([
    ['an empty range', { after_seq: 5, up_to_seq: 5 }],
    ['a negative bound', { after_seq: -1, up_to_seq: 5 }],
    ['a fractional seq', { after_seq: 0, up_to_seq: 1.5 }],
    ['a bad id', { orchestrator_id: 'nope' }],
    ['another kind', { kind: 'run_step' }],
  ])('refuses %s', (_what, change) => {
    expect(SummarizeEventsMessage.safeParse({ ...summarizeEventsMessage(id, 0, 3), ...change }).success).toBe(
      false,
    );
  });
});
