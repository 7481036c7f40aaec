import { describe, expect, it } from 'vitest';
import { formatCost, formatDuration, laneTitle, liveDurationMs, stepCounter } from './format.ts';
import { adw, step } from './test-fixtures.ts';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [-5, '—'],
    [Number.NaN, '—'],
    [0, '0ms'],
    [850, '850ms'],
    [12_400, '12s'],
    [185_000, '3m 05s'],
    [3_725_000, '1h 02m'],
  ])('%s → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('liveDurationMs', () => {
  const now = Date.parse('2026-11-21T10:01:00.000Z');

  it('ticks from started_at while the workflow runs', () => {
    const running = adw({ status: 'in_progress', started_at: '2026-11-21T10:00:00.000Z' });
    expect(liveDurationMs(running, now)).toBe(60_000);
    expect(liveDurationMs(running, now + 5_000)).toBe(65_000);
  });

  it('is the final duration once it ended', () => {
    const done = adw({
      status: 'completed',
      started_at: '2026-11-21T10:00:00.000Z',
      completed_at: '2026-11-21T10:00:30.000Z',
      duration_ms: 30_000,
    });
    expect(liveDurationMs(done, now)).toBe(30_000);
    expect(liveDurationMs({ ...done, duration_ms: null }, now)).toBe(30_000);
  });

  it('is nothing before the start, or for a workflow cancelled before it started', () => {
    expect(liveDurationMs(adw(), now)).toBeNull();
    expect(liveDurationMs(adw({ status: 'cancelled' }), now)).toBeNull();
  });
});

describe('stepCounter', () => {
  it('counts done steps and shows skipped ones apart', () => {
    expect(stepCounter(adw({ completed_steps: 1 }))).toBe('1/3 steps');
    const skipped = adw({
      completed_steps: 3,
      total_steps: 4,
      steps: [step(0, 'plan', 'completed'), step(3, 'fix', 'skipped')],
    });
    expect(stepCounter(skipped)).toBe('3/4 steps, 1 skipped');
  });
});

describe('formatCost and laneTitle', () => {
  it('formats costs', () => {
    expect(formatCost(0)).toBe('$0.00');
    expect(formatCost(0.0042)).toBe('$0.0042');
    expect(formatCost(1.234)).toBe('$1.23');
  });

  it('titles lanes', () => {
    expect(laneTitle('_workflow')).toBe('Workflow');
    expect(laneTitle('plan')).toBe('Plan');
    expect(laneTitle('code_review')).toBe('Code review');
  });
});
