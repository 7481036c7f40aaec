import { describe, expect, it } from 'vitest';
import { eventLine } from './format.ts';

describe('eventLine for workflow events', () => {
  it('describes a created workflow', () => {
    const data = { adw: { name: 'demo', workflow_type: 'plan_build', total_steps: 2 } };
    expect(eventLine('adw_created', data)).toBe('Workflow demo (plan_build, 2 steps) created');
  });

  it('describes status with progress, step and error', () => {
    const data = {
      status: 'failed',
      completed_steps: 1,
      total_steps: 3,
      current_step: 'build',
      error_message: 'build step ended without calling its tool',
    };
    expect(eventLine('adw_status', data)).toBe(
      'Workflow failed · 1/3 steps · at build · build step ended without calling its tool',
    );
  });

  it('describes step starts and ends', () => {
    expect(eventLine('adw_step_change', { step: 'plan', change: 'StepStart', status: 'running' })).toBe(
      'Step plan started',
    );
    const end = {
      step: 'plan',
      change: 'StepEnd',
      status: 'completed',
      agent_name: 'plan-1a2b3c4d',
      duration_ms: 1500,
    };
    expect(eventLine('adw_step_change', end)).toBe('Step plan completed · plan-1a2b3c4d · 1.5 s');
  });

  it('counts summary updates and prefers a server summary', () => {
    expect(eventLine('adw_event_summary_update', { summaries: [{ seq: 1, summary: 'x' }] })).toBe(
      '1 event summary updated',
    );
    expect(eventLine('adw_status', { status: 'completed' }, 'Done')).toBe('Done');
  });
});
