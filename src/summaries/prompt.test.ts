import { describe, expect, it } from 'vitest';
import {
  detailsOf,
  readSummaries,
  SUMMARY_MAX_CHARS,
  SUMMARY_TOOL_NAME,
  type SummarySubject,
  summaryPrompt,
  summaryTool,
} from './prompt.ts';

const event = (seq: number, type: SummarySubject['type'], data: Record<string, unknown>, agent?: string) => ({
  seq,
  type,
  data,
  ...(agent ? { agent_id: agent } : {}),
});

const answer = (input: unknown) => [
  { type: 'text', text: 'ignored' },
  { type: 'tool_use', name: SUMMARY_TOOL_NAME, input },
];

describe('summaryPrompt', () => {
  it('lists each event as one JSON line with seq, type, actor and details', () => {
    const prompt = summaryPrompt([
      event(3, 'chat_message', { message: { sender: 'user', content: 'Build\nthe "app"' } }),
      event(7, 'PreToolUse', { tool_name: 'write_file', tool_input: { path: 'a.txt' } }, 'agent-1'),
    ]);
    const lines = prompt.split('\n');
    expect(lines[0]).toContain(
      'Summarize each of these 2 events in one concise sentence (50-100 characters)',
    );
    expect(JSON.parse(lines.at(-2) ?? '')).toEqual({
      seq: 3,
      type: 'chat_message',
      actor: 'user',
      details: 'Build the "app"',
    });
    expect(JSON.parse(lines.at(-1) ?? '')).toEqual({
      seq: 7,
      type: 'PreToolUse',
      actor: 'command agent',
      details: 'about to run write_file with {"path":"a.txt"}',
    });
  });
});

describe('detailsOf', () => {
  it.each([
    [event(1, 'text', { text: 'Hello  there' }), 'Hello there'],
    [event(1, 'thinking', { thinking: 'Weighing options' }), 'Weighing options'],
    [event(1, 'tool_use', { name: 'list_agents', input: {} }), 'calls list_agents with {}'],
    [
      event(1, 'tool_result', { name: 'read_file', is_error: true, content: 'nope' }),
      'read_file failed: nope',
    ],
    [
      event(1, 'PostToolUse', { tool_name: 'read_file', is_error: false, result: 'ok' }),
      'read_file finished: ok',
    ],
    [event(1, 'UserPromptSubmit', { prompt: 'plan it', slash_command: 'plan' }), '/plan prompt: plan it'],
    [event(1, 'Stop', { reason: 'completed', num_turns: 2 }), '{"reason":"completed","num_turns":2}'],
    [
      event(1, 'file_changes', {
        produced: [{ path: 'a.ts', op: 'write', lines_added: 3, lines_removed: 1 }],
        consumed: [{ path: 'b.ts' }],
      }),
      'write a.ts (+3 -1); read b.ts',
    ],
  ])('%j → %s', (subject, expected) => {
    expect(detailsOf(subject)).toBe(expected);
  });

  it('cuts long details to 500 characters', () => {
    const details = detailsOf(event(1, 'text', { text: 'x'.repeat(2_000) }));
    expect(details).toHaveLength(500);
    expect(details.endsWith('…')).toBe(true);
  });
});

describe('summaryTool', () => {
  it('is an object schema with an array of {seq, summary}', () => {
    const tool = summaryTool();
    expect(tool.name).toBe(SUMMARY_TOOL_NAME);
    expect(tool.input_schema).toMatchObject({
      type: 'object',
      required: ['summaries'],
      properties: {
        summaries: {
          type: 'array',
          items: { type: 'object', required: ['seq', 'summary'] },
        },
      },
    });
    expect(JSON.stringify(tool.input_schema)).not.toContain('$schema');
  });
});

describe('readSummaries', () => {
  const asked = new Set([1, 2, 3]);

  it('takes one summary per asked seq, first answer wins, unknown seqs ignored', () => {
    const found = readSummaries(
      answer({
        summaries: [
          { seq: 2, summary: '  Agent   wrote\na.txt ' },
          { seq: 1, summary: 'User asked for a plan' },
          { seq: 2, summary: 'a second answer for 2' },
          { seq: 9, summary: 'not asked' },
          { seq: 3, summary: '   ' },
        ],
      }),
      asked,
    );
    expect([...found.entries()]).toEqual([
      [2, 'Agent wrote a.txt'],
      [1, 'User asked for a plan'],
    ]);
  });

  it('clips an over-long summary instead of dropping it', () => {
    const found = readSummaries(answer({ summaries: [{ seq: 1, summary: 'y'.repeat(300) }] }), asked);
    expect(found.get(1)).toHaveLength(SUMMARY_MAX_CHARS);
  });

  it.each([
    ['no tool call', [{ type: 'text', text: 'Here are your summaries' }]],
    ['another tool', [{ type: 'tool_use', name: 'other', input: { summaries: [] } }]],
    ['a wrong shape', answer({ summaries: [{ seq: '1', summary: 'x' }] })],
    ['no summaries field', answer({ items: [] })],
    ['a non-object input', answer('summaries')],
  ])('yields nothing for %s', (_what, content) => {
    expect(readSummaries(content, asked).size).toBe(0);
  });
});
