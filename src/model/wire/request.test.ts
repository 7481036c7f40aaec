import { describe, expect, it } from 'vitest';
import {
  lastUserMessage,
  messageText,
  parseMessagesRequest,
  toolNameFor,
  toolNames,
  toolResults,
  toolResultText,
} from './request.ts';
import type { MessagesRequest } from './types.ts';

const valid = { model: 'claude-sonnet-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

describe('parseMessagesRequest', () => {
  it.each<[string, unknown, string]>([
    ['a non-object body', [], 'body: Input should be a valid dictionary'],
    ['no model', { ...valid, model: undefined }, 'model: Field required'],
    ['zero max_tokens', { ...valid, max_tokens: 0 }, 'max_tokens: Input should be a positive integer'],
    ['no messages', { ...valid, messages: undefined }, 'messages: Field required'],
    ['empty messages', { ...valid, messages: [] }, 'messages: at least one message is required'],
    ['a bad role', { ...valid, messages: [{ role: 'robot', content: 'x' }] }, 'messages.0: role'],
    ['a bad content', { ...valid, messages: [{ role: 'user', content: [1] }] }, 'messages.0: content'],
    ['a numeric system', { ...valid, system: 3 }, 'system: Input should be'],
    ['tools not a list', { ...valid, tools: {} }, 'tools: Input should be a valid list'],
    ['a non-object tool', { ...valid, tools: ['x'] }, 'tools.0: Input should be a valid dictionary'],
    ['a string stream flag', { ...valid, stream: 'yes' }, 'stream: Input should be a valid boolean'],
    ['a string metadata', { ...valid, metadata: 'x' }, 'metadata: Input should be a valid dictionary'],
  ])('refuses %s', (_name, body, message) => {
    const parsed = parseMessagesRequest(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('accepts a full request', () => {
    const body = {
      ...valid,
      system: [{ type: 'text', text: 'be brief' }],
      tools: [{ name: 'read_file', input_schema: { type: 'object' } }],
      stream: true,
      metadata: { user_id: 'orch-1' },
    };
    expect(parseMessagesRequest(body)).toEqual({ ok: true, request: body });
  });
});

describe('conversation helpers', () => {
  const request: MessagesRequest = {
    model: 'm',
    max_tokens: 10,
    tools: [{ name: 'read_file', input_schema: { type: 'object' } }],
    messages: [
      { role: 'user', content: 'read a.txt' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'ok' },
          { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'a.txt' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'hello' }] },
          { type: 'text', text: 'and then?' },
        ],
      },
    ],
  };

  it('find the last user turn, its text and its tool results', () => {
    const last = lastUserMessage(request);
    if (!last) throw new Error('no user message');
    expect(messageText(last)).toBe('and then?');
    const [result] = toolResults(last);
    if (!result) throw new Error('no tool result');
    expect(toolResultText(result)).toBe('hello');
    expect(toolNameFor(request, result.tool_use_id)).toBe('read_file');
    expect(toolNameFor(request, 'toolu_unknown')).toBeUndefined();
    expect([...toolNames(request)]).toEqual(['read_file']);
  });
});
