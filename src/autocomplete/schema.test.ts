import type { Message } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { AUTOCOMPLETE_TOOL_NAME, readCompletions, suggestCompletionsTool } from './schema.ts';

const answer = (input: unknown, name = AUTOCOMPLETE_TOOL_NAME): Pick<Message, 'content'> => ({
  content: [{ type: 'tool_use', id: 'toolu_1', name, input, caller: { type: 'direct' } }],
});
const three = [
  { completion: ' agent builder', reasoning: 'a template' },
  { completion: ' agents a and b', reasoning: 'two at once' },
  { completion: ' an agent called x', reasoning: 'named' },
];

describe('the suggest_completions tool', () => {
  it('has a JSON schema generated from the answer schema', () => {
    const tool = suggestCompletionsTool();
    expect(tool.name).toBe(AUTOCOMPLETE_TOOL_NAME);
    expect(tool.input_schema).toMatchObject({
      type: 'object',
      required: ['completions'],
      properties: { completions: { type: 'array', maxItems: 3 } },
    });
  });
});

describe('readCompletions', () => {
  it('returns valid completions, reasons trimmed', () => {
    const read = readCompletions(
      answer({ completions: three.map((c) => ({ ...c, reasoning: ` ${c.reasoning} ` })) }),
    );
    expect(read).toEqual({ ok: true, completions: three });
  });

  it.each([
    [
      'no tool call',
      { content: [{ type: 'text', text: 'hi', citations: null }] },
      'no suggest_completions call',
    ],
    ['another tool', answer({ completions: three }, 'other'), 'no suggest_completions call'],
    ['no completions', answer({}), 'completions'],
    [
      'four completions',
      answer({ completions: [...three, { completion: 'x y', reasoning: 'r' }] }),
      'completions',
    ],
    [
      'a blank completion',
      answer({ completions: [{ completion: '  ', reasoning: 'r' }] }),
      'completions.0.completion',
    ],
    [
      'a two-line completion',
      answer({ completions: [{ completion: 'a\nb', reasoning: 'r' }] }),
      'completions.0.completion',
    ],
    ['a missing reason', answer({ completions: [{ completion: 'a b' }] }), 'completions.0.reasoning'],
    [
      'a repeated completion',
      answer({ completions: [three[0], { ...three[0], completion: ' Agent builder ' }] }),
      'repeated',
    ],
  ])('refuses %s, saying where', (_label, message, where) => {
    const read = readCompletions(message as Pick<Message, 'content'>);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toContain(where);
  });
});
