import { describe, expect, it } from 'vitest';
import { resolveSelection, selectedSeqIn, tabStopSeq } from './selection.ts';
import { adw, event } from './test-fixtures.ts';
import { WorkflowBoard } from './workflow-board.ts';

describe('swimlane selection by identity', () => {
  it('marks the selected seq only in its own workflow card', () => {
    const selection = { adwId: 'a1', seq: 7 };
    expect(selectedSeqIn(selection, 'a1')).toBe(7);
    // Another card with an event at the same position (or even the same seq) is not selected.
    expect(selectedSeqIn(selection, 'a2')).toBeNull();
    expect(selectedSeqIn(null, 'a1')).toBeNull();
  });

  it('keeps pointing at the same event when a newer workflow is listed first and events arrive', () => {
    const board = new WorkflowBoard();
    board.upsert(adw({ id: 'a1', created_at: '2026-11-21T10:00:00.000Z' }));
    board.ingest([event(2, 'tool_use', { adw_step: 'plan' }), event(3, 'text', { adw_step: 'plan' })]);
    const selection = { adwId: 'a1', seq: 3 };
    expect(resolveSelection(board, selection)?.event.type).toBe('text');

    board.upsert(adw({ id: 'a2', name: 'second', created_at: '2026-11-21T11:00:00.000Z' }));
    board.ingest([
      event(4, 'tool_use', { adw_id: 'a2', adw_step: 'plan' }),
      event(5, 'text', { adw_id: 'a2', adw_step: 'plan' }),
      event(1, 'adw_event', { adw_step: 'plan' }),
    ]);
    expect(board.list()[0]?.id).toBe('a2');
    const resolved = resolveSelection(board, selection);
    expect(resolved?.adw.id).toBe('a1');
    expect(resolved?.event.seq).toBe(3);
  });

  it('resolves nothing once the event or workflow is gone', () => {
    const board = new WorkflowBoard();
    board.upsert(adw());
    expect(resolveSelection(board, { adwId: 'a1', seq: 99 })).toBeNull();
    expect(resolveSelection(board, { adwId: 'zz', seq: 1 })).toBeNull();
  });

  it('gives the lane tab stop to the selected square, else the newest', () => {
    expect(tabStopSeq([1, 4, 9], 4)).toBe(4);
    expect(tabStopSeq([1, 4, 9], 5)).toBe(9);
    expect(tabStopSeq([1, 4, 9], null)).toBe(9);
    expect(tabStopSeq([], null)).toBeUndefined();
  });
});
