import { describe, expect, it } from 'vitest';
import { filterOf } from './categories.ts';
import { describeEvent } from './describe.ts';

describe('pipeline events', () => {
  it('read as a line each, not JSON', () => {
    expect(
      describeEvent({
        type: 'pipeline_run',
        data: {
          run_id: '0123456789ab',
          kind: 'decision',
          trigger: 'manual',
          status: 'succeeded',
          summary: 'allow trade',
        },
      }),
    ).toBe('Decision pipeline run 01234567 succeeded · trigger: manual · allow trade');
    expect(
      describeEvent({
        type: 'pipeline_step',
        data: { run_id: 'r', step: 'regime', index: 0, total: 5, status: 'succeeded', duration_ms: 3.4 },
      }),
    ).toBe('Pipeline step regime succeeded · 1/5 · 3 ms');
    expect(describeEvent({ type: 'pipeline_run', data: {} })).toBe('Decision pipeline run updated');
    expect(describeEvent({ type: 'pipeline_step', data: {} })).toBe('Pipeline step ?');
  });

  it('have their own filter', () => {
    expect(filterOf({ type: 'pipeline_run', category: 'pipeline' })).toBe('Pipeline');
  });
});
