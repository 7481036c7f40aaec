import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../wire/types.ts';
import { RESULT_QUOTE_LIMIT, summarizeToolResults } from './tool-results.ts';

function answered(...results: Array<{ name: string; content: string; is_error?: boolean }>) {
  const request: MessagesRequest = {
    model: 'offline',
    max_tokens: 100,
    messages: [
      { role: 'user', content: 'go' },
      {
        role: 'assistant',
        content: results.map((r, index) => ({ type: 'tool_use', id: `t${index}`, name: r.name, input: {} })),
      },
    ],
  };
  const blocks = results.map((r, index) => ({
    type: 'tool_result' as const,
    tool_use_id: `t${index}`,
    content: r.content,
    ...(r.is_error ? { is_error: true } : {}),
  }));
  return summarizeToolResults(request, blocks);
}

describe('summarizeToolResults', () => {
  it('quotes a multi-line result whole: every agent of a list', () => {
    const agents = '- alpha [idle]\n- beta [idle]\n- gamma [running]';
    expect(answered({ name: 'list_agents', content: agents })).toBe(
      '[offline model] Tool results:\n- list_agents:\n  - alpha [idle]\n  - beta [idle]\n  - gamma [running]',
    );
  });

  it('keeps one-line results on the tool line, marks errors, and names empty output', () => {
    expect(
      answered(
        { name: 'create_agent', content: 'Created agent scout.' },
        { name: 'delete_agent', content: 'No agent named "x".', is_error: true },
        { name: 'list_files', content: '  ' },
      ),
    ).toBe(
      '[offline model] Tool results:\n- create_agent: Created agent scout.\n' +
        '- delete_agent (error): No agent named "x".\n- list_files: (no output)',
    );
  });

  it('shortens a result beyond the limit, saying how much was left out', () => {
    const text = answered({ name: 'read_file', content: 'x'.repeat(RESULT_QUOTE_LIMIT + 25) });
    expect(text).toBe(
      `[offline model] Tool results:\n- read_file: ${'x'.repeat(RESULT_QUOTE_LIMIT)}… (25 more characters)`,
    );
  });
});
