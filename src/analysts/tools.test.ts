import { describe, expect, it } from 'vitest';
import { readToolAnswer, SENTIMENT_TOOL, toolDefinition } from './tools.ts';

const answer = (input: unknown, name = 'report_sentiment') => ({
  content: [{ type: 'tool_use' as const, id: 't1', name, input, caller: { type: 'direct' as const } }],
});

describe('the analyst tools', () => {
  it('generate the input schema from the zod answer', () => {
    const tool = toolDefinition(SENTIMENT_TOOL);
    expect(tool.name).toBe('report_sentiment');
    expect(tool.input_schema).toMatchObject({
      type: 'object',
      required: ['score', 'confidence', 'explanation'],
      properties: { score: { type: 'number', minimum: -1, maximum: 1 } },
    });
  });

  it('read a valid answer and say why an invalid one is refused', () => {
    const valid = { score: 0.5, confidence: 0.5, explanation: 'ok' };
    expect(readToolAnswer(SENTIMENT_TOOL, answer(valid))).toEqual({ ok: true, value: valid });
    expect(readToolAnswer(SENTIMENT_TOOL, answer({ ...valid, score: 2 }))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('score'),
    });
    expect(readToolAnswer(SENTIMENT_TOOL, answer(valid, 'other'))).toEqual({
      ok: false,
      problem: 'no report_sentiment call',
    });
    expect(readToolAnswer(SENTIMENT_TOOL, answer({ ...valid, explanation: '  ' })).ok).toBe(false);
  });
});
