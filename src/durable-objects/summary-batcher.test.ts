import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventType, WireEvent } from '../events/types.ts';
import type { SummarizeEventsMessage } from '../summaries/message.ts';
import { SUMMARY_BATCH_DELAY_MS, SUMMARY_BATCH_EVENTS, SummaryBatcher } from './summary-batcher.ts';

const ORCHESTRATOR = '6f1c2a4e-8b3d-4c5e-9f60-7a8b9c0d1e2f';

function events(from: number, types: EventType[]): WireEvent[] {
  return types.map((type, i) => ({
    seq: from + i,
    type,
    category: 'response',
    ts: new Date(0).toISOString(),
    orchestrator_id: ORCHESTRATOR,
    data: {},
  }));
}

function setup(options: { failSends?: number } = {}) {
  const store = new Map<string, string>();
  const sent: SummarizeEventsMessage[] = [];
  let failures = options.failSends ?? 0;
  const retryLater = vi.fn();
  const deps = {
    store: {
      get: (key: string) => store.get(key),
      set: (key: string, value: string) => store.set(key, value),
    },
    orchestratorId: () => ORCHESTRATOR,
    send: async (message: SummarizeEventsMessage) => {
      if (failures-- > 0) throw new Error('queue unavailable');
      sent.push(message);
    },
    retryLater,
  };
  return { batcher: new SummaryBatcher(deps), deps, sent, retryLater };
}

const ranges = (sent: SummarizeEventsMessage[]) => sent.map((m) => [m.after_seq, m.up_to_seq]);

describe('SummaryBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('sends one message 2 s after the first summarisable event, covering everything since', async () => {
    const { batcher, sent } = setup();
    batcher.noteFlushed(events(1, ['chat_message', 'chat_typing', 'turn_started', 'text_delta']));
    batcher.noteFlushed(events(5, ['text', 'model_call', 'PreToolUse', 'PostToolUse']));
    await vi.advanceTimersByTimeAsync(SUMMARY_BATCH_DELAY_MS - 1);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([
      { kind: 'summarize_events', orchestrator_id: ORCHESTRATOR, after_seq: 0, up_to_seq: 8 },
    ]);
    expect(batcher.hasPending).toBe(false);
  });

  it('sends at once when 50 summarisable events have gathered', async () => {
    const { batcher, sent } = setup();
    batcher.noteFlushed(events(11, Array(SUMMARY_BATCH_EVENTS - 1).fill('text')));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([]);
    batcher.noteFlushed(events(60, ['tool_use', 'summary_update']));
    await vi.advanceTimersByTimeAsync(0);
    // The range starts just before the first summarisable event seen: no back-fill of older history.
    expect(ranges(sent)).toEqual([[10, 60]]);
  });

  it('ignores batches with nothing to summarise, its own summary updates included', async () => {
    const { batcher, sent } = setup();
    batcher.noteFlushed(events(1, ['summary_update', 'model_call', 'text_delta', 'orchestrator_updated']));
    await vi.advanceTimersByTimeAsync(SUMMARY_BATCH_DELAY_MS * 3);
    expect(sent).toEqual([]);
    expect(batcher.hasPending).toBe(false);
  });

  it('continues from the last range, and events noted during a send wait for their own window', async () => {
    const { batcher, sent } = setup();
    batcher.noteFlushed(events(1, ['text']));
    await vi.advanceTimersByTimeAsync(SUMMARY_BATCH_DELAY_MS);
    batcher.noteFlushed(events(2, ['text_delta', 'Stop']));
    await vi.advanceTimersByTimeAsync(SUMMARY_BATCH_DELAY_MS);
    expect(ranges(sent)).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });

  it('keeps a failed range pending for the alarm, without retrying in a tight loop', async () => {
    const { batcher, sent, retryLater } = setup({ failSends: 1 });
    batcher.noteFlushed(events(1, ['text', 'thinking']));
    await vi.advanceTimersByTimeAsync(SUMMARY_BATCH_DELAY_MS * 5);
    expect(sent).toEqual([]);
    expect(retryLater).toHaveBeenCalledTimes(1);
    expect(batcher.hasPending).toBe(true);
    await batcher.resume();
    expect(ranges(sent)).toEqual([[0, 2]]);
    expect(batcher.hasPending).toBe(false);
  });

  it('lets a new instance (after an eviction) send the range an old one left pending', async () => {
    const first = setup();
    first.batcher.noteFlushed(events(7, ['UserPromptSubmit', 'file_changes']));
    const { batcher, sent } = { batcher: new SummaryBatcher(first.deps), sent: first.sent };
    expect(batcher.hasPending).toBe(true);
    await batcher.resume();
    expect(ranges(sent)).toEqual([[6, 8]]);
    // The old instance's timer finds nothing left to send, and does not re-arm.
    await vi.advanceTimersByTimeAsync(SUMMARY_BATCH_DELAY_MS);
    expect(sent).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
