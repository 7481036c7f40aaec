import { describe, expect, it } from 'vitest';
import { applyStatus, applyStepChange, mergeRead } from './adw-updates.ts';
import type { FilterCategory } from './event-icons.ts';
import { adw, event } from './test-fixtures.ts';
import type { Adw } from './types.ts';
import { visibleWindow, WorkflowBoard } from './workflow-board.ts';

const ALL = new Set<FilterCategory>(['response', 'tool', 'thinking', 'hook', 'system']);

describe('WorkflowBoard', () => {
  it('lists workflows newest first', () => {
    const board = new WorkflowBoard();
    board.upsert(adw({ id: 'old', created_at: '2026-11-21T09:00:00.000Z' }));
    board.upsert(adw({ id: 'new', created_at: '2026-11-21T11:00:00.000Z' }));
    board.upsert(adw({ id: 'mid', created_at: '2026-11-21T10:00:00.000Z' }));
    expect(board.list().map((a) => a.id)).toEqual(['new', 'mid', 'old']);
  });

  it('adds a workflow from adw_created', () => {
    const board = new WorkflowBoard();
    const result = board.ingest([event(5, 'adw_created', { data: { adw: adw({ id: 'a1' }) } })]);
    expect(board.get('a1')?.name).toBe('first');
    expect(result.changed.has('a1')).toBe(true);
    expect(result.unknown.size).toBe(0);
  });

  it('groups events into lanes: Workflow first, then the steps in definition order', () => {
    const board = new WorkflowBoard();
    board.upsert(adw());
    board.ingest([
      event(3, 'text', { adw_step: 'build' }),
      event(1, 'adw_event', { data: { event_type: 'SystemInfo' } }),
      event(2, 'tool_use', { adw_step: 'plan' }),
    ]);
    const lanes = board.lanes('a1');
    expect(lanes.map((lane) => lane.title)).toEqual(['Workflow', 'Plan', 'Build', 'Review']);
    expect(lanes.map((lane) => lane.events.map((e) => e.seq))).toEqual([[1], [2], [3], []]);
  });

  it('keeps each event once and each lane in seq order whatever the arrival order', () => {
    const board = new WorkflowBoard();
    board.upsert(adw());
    board.ingest([event(10, 'text', { adw_step: 'plan' }), event(12, 'text', { adw_step: 'plan' })]);
    board.ingest([event(11, 'text', { adw_step: 'plan' }), event(10, 'text', { adw_step: 'plan' })]);
    board.ingest([event(9, 'text', { adw_step: 'plan' }), event(12, 'text', { adw_step: 'plan' })]);
    expect(board.lanes('a1')[1]?.events.map((e) => e.seq)).toEqual([9, 10, 11, 12]);
    expect(board.eventCount('a1')).toBe(4);
  });

  it('ignores events of no workflow', () => {
    const board = new WorkflowBoard();
    const result = board.ingest([{ ...event(1, 'text'), adw_id: undefined }]);
    expect(result.changed.size).toBe(0);
  });

  it('reports workflows it has events of but no object for', () => {
    const board = new WorkflowBoard();
    const result = board.ingest([event(1, 'adw_status', { adw_id: 'x9', data: { status: 'in_progress' } })]);
    expect([...result.unknown]).toEqual(['x9']);
  });

  it('applies adw_status and asks for a re-read when the workflow ends', () => {
    const board = new WorkflowBoard();
    board.upsert(adw());
    const started = board.ingest([
      event(1, 'adw_status', {
        data: { status: 'in_progress', current_step: 'plan', started_at: '2026-11-21T10:00:00.000Z' },
      }),
    ]);
    expect(board.get('a1')?.status).toBe('in_progress');
    expect(started.refresh.size).toBe(0);
    const failed = board.ingest([
      event(2, 'adw_status', {
        data: { status: 'failed', error_step: 'plan', error_message: 'no plan', duration_ms: 5 },
      }),
    ]);
    expect(board.get('a1')).toMatchObject({ status: 'failed', error_step: 'plan', error_message: 'no plan' });
    expect([...failed.refresh]).toEqual(['a1']);
  });

  it('applies StepStart / StepEnd to the step', () => {
    const board = new WorkflowBoard();
    board.upsert(adw());
    board.ingest([
      event(1, 'adw_step_change', {
        adw_step: 'plan',
        ts: '2026-11-21T10:00:01.000Z',
        data: { step: 'plan', step_index: 0, change: 'StepStart', status: 'running', agent_name: 'plan-a1' },
      }),
    ]);
    expect(board.get('a1')?.steps[0]).toMatchObject({
      status: 'running',
      agent_name: 'plan-a1',
      started_at: '2026-11-21T10:00:01.000Z',
    });
    expect(board.get('a1')?.current_step).toBe('plan');
    const ended = board.ingest([
      event(2, 'adw_step_change', {
        adw_step: 'plan',
        data: { step: 'plan', step_index: 0, change: 'StepEnd', status: 'completed', duration_ms: 900 },
      }),
    ]);
    expect(board.get('a1')?.steps[0]).toMatchObject({ status: 'completed', duration_ms: 900 });
    expect([...ended.refresh]).toEqual(['a1']);
  });

  it('adds a step agent’s model call cost to its workflow', () => {
    const board = new WorkflowBoard();
    board.upsert(adw());
    board.ingest([
      event(1, 'model_call', {
        adw_step: 'plan',
        data: { cost_usd: 0.25, input_tokens: 10, output_tokens: 5 },
      }),
    ]);
    expect(board.get('a1')).toMatchObject({ cost_usd: 0.25, tokens: 15 });
    expect(board.get('a1')?.steps[0]?.cost_usd).toBe(0.25);
  });

  it('patches summaries by seq from summary updates', () => {
    const board = new WorkflowBoard();
    board.upsert(adw());
    board.ingest([event(4, 'text', { adw_step: 'plan' })]);
    const result = board.ingest([
      event(9, 'adw_event_summary_update', {
        adw_step: undefined,
        data: { summaries: [{ seq: 4, summary: 'Said hi' }] },
      }),
    ]);
    expect(board.lanes('a1')[1]?.events[0]?.summary).toBe('Said hi');
    expect([...result.changed]).toEqual(['a1']);
    expect(board.eventCount('a1')).toBe(1);
  });

  it('a REST read replaces live patches but keeps the position', () => {
    const board = new WorkflowBoard();
    board.upsert(adw());
    board.ingest([event(1, 'adw_status', { data: { status: 'in_progress' } })]);
    board.upsert(adw({ status: 'completed', cost_usd: 1 }));
    expect(board.list()).toHaveLength(1);
    expect(board.get('a1')).toMatchObject({ status: 'completed', cost_usd: 1 });
  });
});

describe('visibleWindow', () => {
  const events = [
    event(1, 'adw_step_change', { data: { change: 'StepStart' } }),
    event(2, 'text'),
    event(3, 'tool_use'),
    event(4, 'text'),
    event(5, 'thinking'),
  ];

  it('shows the newest events up to the cap and counts the rest', () => {
    expect(visibleWindow(events, ALL, 3)).toMatchObject({ hidden: 2 });
    expect(visibleWindow(events, ALL, 3).shown.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(visibleWindow(events, ALL, 10).hidden).toBe(0);
  });

  it('applies the filters and keeps step markers', () => {
    const only = visibleWindow(events, new Set<FilterCategory>(['response']), 10);
    expect(only.shown.map((e) => e.seq)).toEqual([1, 2, 4]);
  });

  it('stays cheap with thousands of events', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => event(i + 1, i % 2 ? 'text' : 'tool_use'));
    const started = performance.now();
    const window = visibleWindow(many, new Set<FilterCategory>(['tool']), 200);
    expect(window.shown).toHaveLength(200);
    expect(window.hidden).toBe(9_800);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('adw-updates', () => {
  it('ignores malformed fields and never mutates its input', () => {
    const input = adw();
    const next = applyStatus(input, { status: 'bogus', completed_steps: 'two', error_message: 'x' });
    expect(next.status).toBe('pending');
    expect(next.completed_steps).toBe(0);
    expect(next.error_message).toBe('x');
    expect(input.error_message).toBeNull();
  });

  it('marks a skipped step without a completion time', () => {
    const next = applyStepChange(
      adw(),
      { step: 'review', step_index: 2, change: 'StepEnd', status: 'skipped' },
      't',
    );
    expect(next.steps[2]).toMatchObject({ status: 'skipped', completed_at: null });
  });

  it('leaves the workflow alone for a step it does not have', () => {
    const input = adw();
    expect(applyStepChange(input, { step: 'deploy', step_index: 9, change: 'StepStart' }, 't')).toBe(input);
  });
});

describe('mergeRead', () => {
  it('takes costs and step outputs from a read but keeps newer live statuses', () => {
    const live = adw({
      status: 'in_progress',
      steps: [
        { ...adw().steps[0], status: 'completed' } as Adw['steps'][number],
        { ...adw().steps[1], status: 'running' } as Adw['steps'][number],
      ],
    });
    const read = adw({
      status: 'in_progress',
      cost_usd: 0.5,
      tokens: 99,
      steps: [
        {
          ...adw().steps[0],
          status: 'completed',
          cost_usd: 0.5,
          output: { plan_path: 'specs/x.md' },
        } as Adw['steps'][number],
        { ...adw().steps[1], status: 'pending' } as Adw['steps'][number],
      ],
    });
    const merged = mergeRead(live, read);
    expect(merged).toMatchObject({ cost_usd: 0.5, tokens: 99 });
    expect(merged.steps[0]?.output).toEqual({ plan_path: 'specs/x.md' });
    expect(merged.steps[1]?.status).toBe('running');
  });

  it('takes the whole read once the workflow is over', () => {
    const read = adw({ status: 'completed', completed_steps: 3 });
    expect(mergeRead(adw({ status: 'in_progress' }), read)).toBe(read);
  });
});

describe('streaming pieces', () => {
  it('leaves text_delta out of the lanes (the text event carries the whole reply)', () => {
    const board = new WorkflowBoard();
    board.upsert(adw());
    board.ingest([event(1, 'text_delta', { adw_step: 'plan' }), event(2, 'text', { adw_step: 'plan' })]);
    expect(board.lanes('a1')[1]?.events.map((e) => e.type)).toEqual(['text']);
  });
});
