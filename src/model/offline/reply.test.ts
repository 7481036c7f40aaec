import { describe, expect, it } from 'vitest';
import type { MessageParam, MessagesRequest } from '../wire/types.ts';
import { ORCHESTRATOR_GRAMMAR } from './grammar.ts';
import { offlineReply } from './reply.ts';

const tool = (name: string) => ({ name, input_schema: { type: 'object' as const } });
const ORCHESTRATOR_TOOLS = ['create_agent', 'command_agent', 'list_agents'].map(tool);
const AGENT_TOOLS = ['write_file', 'read_file'].map(tool);

function request(tools: ReturnType<typeof tool>[], ...messages: MessageParam[]): MessagesRequest {
  return { model: 'offline', max_tokens: 100, tools, messages };
}

function reply(req: MessagesRequest) {
  let next = 0;
  return offlineReply(req, () => `toolu_${++next}`);
}

describe('offlineReply', () => {
  it('calls every understood command in one message, after a labelled text block', () => {
    const result = reply(request(ORCHESTRATOR_TOOLS, { role: 'user', content: 'create agents a and b' }));
    expect(result.stop_reason).toBe('tool_use');
    expect(result.content).toEqual([
      { type: 'text', text: '[offline model] Calling create_agent, create_agent.', citations: null },
      {
        type: 'tool_use',
        id: 'toolu_1',
        name: 'create_agent',
        input: { name: 'a' },
        caller: { type: 'direct' },
      },
      {
        type: 'tool_use',
        id: 'toolu_2',
        name: 'create_agent',
        input: { name: 'b' },
        caller: { type: 'direct' },
      },
    ]);
  });

  it('never calls a tool the request does not offer, and says so', () => {
    const result = reply(
      request(ORCHESTRATOR_TOOLS, { role: 'user', content: 'delete builder; list agents' }),
    );
    expect(result.content.map((block) => (block.type === 'tool_use' ? block.name : block.type))).toEqual([
      'text',
      'list_agents',
    ]);
    const [text] = result.content;
    expect(text?.type === 'text' && text.text).toContain(
      "I can't delete agents: I have no delete_agent tool. My tools: create_agent, command_agent, list_agents.",
    );
  });

  it('ends the turn when no requested tool is available', () => {
    const result = reply(request(AGENT_TOOLS, { role: 'user', content: 'delete a.txt' }));
    expect(result.stop_reason).toBe('end_turn');
    expect(result.content).toHaveLength(1);
  });

  it('answers text it does not understand with a short hint, labelled as offline', () => {
    const result = reply(
      request(ORCHESTRATOR_TOOLS, { role: 'user', content: 'what is the meaning of life?' }),
    );
    expect(result).toEqual({
      stop_reason: 'end_turn',
      content: [
        {
          type: 'text',
          text:
            '[offline model] Not understood: "what is the meaning of life?". Closest commands: ' +
            '"create agent <name> [as <template>]", "create agents <a> and <b>", ' +
            '"tell <agent> to <command>". Say "help" for all of them.\n' +
            '(This is the built-in offline model, not an AI: it follows a fixed grammar.)',
          citations: null,
        },
      ],
    });
  });

  it.each(['help', 'Help!', 'what can you do?', '?', ''])('answers %j with the whole grammar', (text) => {
    const result = reply(request(ORCHESTRATOR_TOOLS, { role: 'user', content: text }));
    const [block] = result.content;
    expect(block?.type === 'text' && block.text).toBe(
      '[offline model] This is the built-in offline model, not an AI: it follows a fixed grammar ' +
        `(case-insensitive).\n\n${ORCHESTRATOR_GRAMMAR}`,
    );
    expect(result.stop_reason).toBe('end_turn');
  });

  it('uses the agent grammar when the request offers write_file', () => {
    const result = reply(
      request(AGENT_TOOLS, { role: 'user', content: [{ type: 'text', text: 'read a.txt' }] }),
    );
    expect(result.content[1]).toMatchObject({
      type: 'tool_use',
      name: 'read_file',
      input: { path: 'a.txt' },
    });
  });

  it('quotes every tool result in full, marking errors, and ends the turn', () => {
    const result = reply(
      request(
        AGENT_TOOLS,
        { role: 'user', content: 'read a.txt; read b.txt' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_a', name: 'read_file', input: { path: 'a.txt' } },
            { type: 'tool_use', id: 'toolu_b', name: 'read_file', input: { path: 'b.txt' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_a', content: 'line one\nline two' },
            { type: 'tool_result', tool_use_id: 'toolu_b', content: 'No such file: b.txt', is_error: true },
          ],
        },
      ),
    );
    expect(result).toEqual({
      stop_reason: 'end_turn',
      content: [
        {
          type: 'text',
          text:
            '[offline model] Tool results:\n- read_file:\n  line one\n  line two\n' +
            '- read_file (error): No such file: b.txt',
          citations: null,
        },
      ],
    });
  });

  it('answers a request without tools (e.g. a summary) with a labelled echo', () => {
    const result = reply(request([], { role: 'user', content: 'Summarise: the build passed.' }));
    const [text] = result.content;
    expect(text?.type === 'text' && text.text).toBe(
      '[offline model] This is the built-in offline model, not an AI. ' +
        'Received: "Summarise: the build passed.".',
    );
  });
});
