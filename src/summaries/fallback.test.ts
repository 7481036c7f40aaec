import { describe, expect, it } from 'vitest';
import { withFallbacks } from './fallback.ts';

describe('withFallbacks', () => {
  it('keeps the model’s summaries and describes every other event deterministically', () => {
    const events = [
      { seq: 4, type: 'PreToolUse' as const, data: { tool_name: 'read_file' } },
      { seq: 5, type: 'text' as const, data: { text: 'All done.' } },
    ];
    expect(withFallbacks(events, new Map([[5, 'The orchestrator reports the work is finished']]))).toEqual([
      { seq: 4, summary: 'Using tool: read_file' },
      { seq: 5, summary: 'The orchestrator reports the work is finished' },
    ]);
  });
});
