import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../wire/types.ts';
import { lastCreatedAgents } from './pronouns.ts';

const create = (id: string, name: string) => ({
  type: 'tool_use' as const,
  id,
  name: 'create_agent',
  input: { name },
});

describe('lastCreatedAgents', () => {
  it('names the agents of the latest message that created any, leaving out failed creations', () => {
    const request: MessagesRequest = {
      model: 'offline',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'create agent old' },
        { role: 'assistant', content: [create('t1', 'old')] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'Created.' }] },
        { role: 'assistant', content: 'Done.' },
        { role: 'user', content: 'create agents a, b and old' },
        { role: 'assistant', content: [create('t2', 'a'), create('t3', 'b'), create('t4', 'old')] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't2', content: 'Created.' },
            { type: 'tool_result', tool_use_id: 't3', content: 'Created.' },
            { type: 'tool_result', tool_use_id: 't4', content: 'Name taken.', is_error: true },
          ],
        },
        { role: 'assistant', content: 'Done.' },
        { role: 'user', content: 'ask them to list files' },
      ],
    };
    expect(lastCreatedAgents(request)).toEqual(['a', 'b']);
  });

  it('is empty before any creation', () => {
    expect(
      lastCreatedAgents({ model: 'offline', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] }),
    ).toEqual([]);
  });
});
