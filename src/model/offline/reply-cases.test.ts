/** offlineReply end to end on requests: missing tools, agent reports, pronouns across messages. */
import { describe, expect, it } from 'vitest';
import { formatAgentReports } from '../../orchestrator/agent-report.ts';
import type { MessageParam, MessagesRequest } from '../wire/types.ts';
import { offlineReply } from './reply.ts';

const tool = (name: string) => ({ name, input_schema: { type: 'object' as const } });
const ORCHESTRATOR_TOOLS = ['create_agent', 'command_agent', 'list_agents'].map(tool);
const READ_ONLY_TOOLS = ['list_files', 'read_file', 'search_files'].map(tool);

function reply(tools: ReturnType<typeof tool>[], ...messages: MessageParam[]) {
  const request: MessagesRequest = { model: 'offline', max_tokens: 100, tools, messages };
  let next = 0;
  return offlineReply(request, () => `toolu_${++next}`);
}

function textOf(result: ReturnType<typeof reply>): string {
  const [first] = result.content;
  return first?.type === 'text' ? first.text : '';
}

describe('an agent without the tool a command needs', () => {
  it.each([
    ['write notes/x.md: hi', "I can't write files: I have no write_file tool."],
    ['edit a.md: replace x with y', "I can't edit files: I have no edit_file tool."],
    ['delete a.md', "I can't delete files: I have no delete_file tool."],
  ])('%j: says so and lists its tools, calling nothing', (command, line) => {
    const result = reply(READ_ONLY_TOOLS, { role: 'user', content: command });
    expect(result.stop_reason).toBe('end_turn');
    expect(result.content).toHaveLength(1);
    expect(textOf(result)).toBe(`[offline model] ${line} My tools: list_files, read_file, search_files.`);
  });

  it('does what it can and says what it cannot', () => {
    const result = reply(READ_ONLY_TOOLS, { role: 'user', content: 'read a.md; write b.md: x' });
    expect(result.content.map((b) => (b.type === 'tool_use' ? b.name : b.type))).toEqual([
      'text',
      'read_file',
    ]);
    expect(textOf(result)).toBe(
      "[offline model] Calling read_file.\nI can't write files: I have no write_file tool. " +
        'My tools: list_files, read_file, search_files.',
    );
  });
});

describe('agent reports reaching the orchestrator', () => {
  it('answers in chat with each outcome and ends the turn', () => {
    const notice = formatAgentReports([
      {
        agent: 'scout',
        status: 'completed',
        command: 'read a.md',
        result: 'line one\nline two',
        filesChanged: [],
      },
      { agent: 'critic', status: 'failed', command: 'x', result: 'Model error', filesChanged: ['b.md'] },
    ]);
    const result = reply(ORCHESTRATOR_TOOLS, { role: 'user', content: notice });
    expect(result).toEqual({
      stop_reason: 'end_turn',
      content: [
        {
          type: 'text',
          text:
            '[offline model] scout finished:\nline one\nline two\nNo files changed.\n\n' +
            'critic failed: Model error\nFiles changed: b.md.',
          citations: null,
        },
      ],
    });
  });

  it('also answers a command typed beside the notice', () => {
    const notice = formatAgentReports([
      { agent: 'scout', status: 'interrupted', command: 'x', result: '', filesChanged: [] },
    ]);
    const result = reply(ORCHESTRATOR_TOOLS, { role: 'user', content: `${notice}\nlist agents` });
    expect(result.stop_reason).toBe('tool_use');
    expect(textOf(result)).toBe(
      '[offline model] scout was interrupted.\nNo files changed.\n\n[offline model] Calling list_agents.',
    );
    expect(result.content[1]).toMatchObject({ type: 'tool_use', name: 'list_agents' });
  });
});

describe('pronouns across messages', () => {
  it('"ask it to …" commands the agent the previous message created', () => {
    const result = reply(
      ORCHESTRATOR_TOOLS,
      { role: 'user', content: 'create an agent called scout' },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 't1', name: 'create_agent', input: { name: 'scout' } }],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 't1', content: 'Created agent scout.' }],
      },
      { role: 'assistant', content: 'Done.' },
      { role: 'user', content: 'ask it to list files' },
    );
    expect(result.content[1]).toMatchObject({
      type: 'tool_use',
      name: 'command_agent',
      input: { agent_name: 'scout', command: 'list files' },
    });
  });
});
