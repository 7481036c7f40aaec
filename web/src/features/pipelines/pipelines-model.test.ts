import { describe, expect, it } from 'vitest';
import { applyPipelineEvent, formatInZone, nextRunLine, type Run, stepSquares } from './pipelines-model.ts';

const run = (over: Partial<Run> = {}): Run => ({
  id: 'r1',
  schedule_id: 's1',
  kind: 'decision',
  trigger: 'schedule',
  scheduled_for: '2026-12-07T14:35:00.000Z',
  status: 'queued',
  execution_log: [],
  created_at: '2026-12-07T14:35:01.000Z',
  ...over,
});

describe('times in the schedule zone and the local one', () => {
  it('formats an instant in New York across the DST change', () => {
    expect(formatInZone('2026-12-07T14:35:00Z', 'America/New_York')).toBe('2026-12-07 09:35');
    expect(formatInZone('2026-07-07T13:35:00Z', 'America/New_York')).toBe('2026-07-07 09:35');
  });
  it('adds the local time only when the zones differ', () => {
    expect(nextRunLine('2026-12-07T14:35:00Z', 'America/New_York', 'Europe/Berlin')).toBe(
      '2026-12-07 09:35 New York (2026-12-07 15:35 local)',
    );
    expect(nextRunLine('2026-12-07T14:35:00Z', 'America/New_York', 'America/New_York')).toBe(
      '2026-12-07 09:35 New York',
    );
  });
  it('leaves a non-date as it is', () => {
    expect(formatInZone('soon', 'UTC')).toBe('soon');
  });
});

describe('applyPipelineEvent', () => {
  it('adds a run first seen in an event, newest first', () => {
    const older = run({ id: 'r0', scheduled_for: '2026-12-04T14:35:00.000Z' });
    const runs = applyPipelineEvent([older], {
      type: 'pipeline_run',
      data: {
        run_id: 'r1',
        schedule_id: 's1',
        kind: 'decision',
        trigger: 'manual',
        status: 'queued',
        scheduled_for: '2026-12-07T14:35:00.000Z',
      },
    });
    expect(runs.map((r) => [r.id, r.status, r.trigger])).toEqual([
      ['r1', 'queued', 'manual'],
      ['r0', 'queued', 'schedule'],
    ]);
  });

  it('walks queued → running with step squares → succeeded', () => {
    let runs = [run()];
    runs = applyPipelineEvent(runs, {
      type: 'pipeline_step',
      data: { run_id: 'r1', step: 'regime', index: 0, total: 3, status: 'succeeded', duration_ms: 4 },
    });
    expect(runs[0]?.status).toBe('running');
    expect(stepSquares(runs[0] as Run)).toEqual([
      { step: 'regime', status: 'succeeded' },
      { step: 'step 2', status: 'pending' },
      { step: 'step 3', status: 'pending' },
    ]);
    runs = applyPipelineEvent(runs, {
      type: 'pipeline_step',
      data: { run_id: 'r1', step: 'regime', status: 'succeeded', duration_ms: 5 },
    });
    expect(runs[0]?.execution_log).toEqual([{ step: 'regime', status: 'succeeded', duration_ms: 5 }]);
    runs = applyPipelineEvent(runs, {
      type: 'pipeline_run',
      data: { run_id: 'r1', status: 'failed', error: 'no bars' },
    });
    expect(runs[0]).toMatchObject({ status: 'failed', error: 'no bars' });
  });

  it('ignores other events and events without a run id', () => {
    const runs = [run()];
    expect(
      applyPipelineEvent(runs, { type: 'adw_status', data: { run_id: 'r1', status: 'failed' } }),
    ).toEqual(runs);
    expect(applyPipelineEvent(runs, { type: 'pipeline_run', data: { status: 'failed' } })).toEqual(runs);
  });

  it('never revives an ended run from an older event', () => {
    const ended = run({
      status: 'succeeded',
      execution_log: [{ step: 'regime', status: 'succeeded', duration_ms: 4 }],
    });
    let runs = applyPipelineEvent([ended], {
      type: 'pipeline_run',
      data: { run_id: 'r1', status: 'running' },
    });
    runs = applyPipelineEvent(runs, {
      type: 'pipeline_step',
      data: { run_id: 'r1', step: 'regime', status: 'running' },
    });
    expect(runs[0]).toMatchObject({
      status: 'succeeded',
      execution_log: [{ step: 'regime', status: 'succeeded' }],
    });
  });

  it('keeps the last known status when an event carries an unknown one', () => {
    const runs = applyPipelineEvent([run({ status: 'running' })], {
      type: 'pipeline_run',
      data: { run_id: 'r1', status: 'exploded' },
    });
    expect(runs[0]?.status).toBe('running');
  });
});
