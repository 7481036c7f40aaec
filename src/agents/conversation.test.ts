import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { nextUserTurn } from './conversation.ts';

const none = () => undefined;

describe('nextUserTurn', () => {
  it('starts a conversation', () => {
    expect(nextUserTurn([], 'hi', none)).toEqual({
      append: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
  });

  it('appends after a finished assistant turn', () => {
    const history: MessageParam[] = [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: [{ type: 'text', text: 'b' }] },
    ];
    expect(nextUserTurn(history, 'c', none).append).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'c' }] },
    ]);
  });

  it('folds into a user message the model never answered', () => {
    const result = nextUserTurn([{ role: 'user', content: 'first' }], 'second', none);
    expect(result.append).toEqual([]);
    expect(result.replaceLast).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'first' },
        { type: 'text', text: 'second' },
      ],
    });
  });

  it('answers tool calls an interrupt left open, reusing stored results', () => {
    const history: MessageParam[] = [
      { role: 'user', content: 'go' },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 't1', name: 'list_agents', input: {} },
          { type: 'tool_use', id: 't2', name: 'create_agent', input: { name: 'x' } },
        ],
      },
    ];
    const stored = (id: string) =>
      id === 't1'
        ? ({ type: 'tool_result', tool_use_id: 't1', content: 'No agents yet.' } as const)
        : undefined;
    const [message] = nextUserTurn(history, 'stop that', stored).append;
    expect(message?.content).toEqual([
      { type: 'tool_result', tool_use_id: 't1', content: 'No agents yet.' },
      expect.objectContaining({ type: 'tool_result', tool_use_id: 't2', is_error: true }),
      { type: 'text', text: 'stop that' },
    ]);
  });
});
