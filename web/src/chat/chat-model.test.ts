import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../stream/wire.ts';
import { addOptimistic, applyChatEvents, bubblesFromHistory, emptyChat } from './chat-model.ts';

let seq = 0;
const ev = (type: string, data: Record<string, unknown>, extra: Partial<WireEvent> = {}): WireEvent => ({
  seq: ++seq,
  type,
  category: 'response',
  ts: '2026-01-01T00:00:00Z',
  orchestrator_id: 'o',
  data,
  ...extra,
});

describe('chat model', () => {
  it('confirms an optimistic message, streams text, and ends the typing indicator', () => {
    const chat = emptyChat();
    addOptimistic(chat, 'local-1', 'hello', 'now');
    applyChatEvents(chat, [
      ev('chat_message', { message: { id: 'm1', sender: 'user', content: 'hello' } }),
      ev('turn_started', {}),
      ev('text_delta', { call_id: 'c1', attempt: 1, text: 'Hi ' }),
      ev('text_delta', { call_id: 'c1', attempt: 1, text: 'there' }),
    ]);
    expect(chat.bubbles).toHaveLength(1);
    expect(chat.bubbles[0]).toMatchObject({ id: 'm1', pending: false });
    expect(chat.typing).toBe(true);
    expect(chat.streaming?.text).toBe('Hi there');
    applyChatEvents(chat, [
      ev('thinking', { thinking: 'hmm' }),
      ev('tool_use', { name: 'create_agent', input: { name: 'a' } }),
      ev('text', { text: 'Hi there' }),
      ev('turn_completed', {}),
    ]);
    expect(chat.bubbles.map((b) => b.kind)).toEqual(['text', 'thinking', 'tool_use', 'text']);
    expect(chat.streaming).toBeNull();
    expect(chat.typing).toBe(false);
  });

  it('ignores agent events and events already in the history page', () => {
    const chat = emptyChat();
    chat.historySeq = seq + 1;
    applyChatEvents(chat, [ev('text', { text: 'old' })]);
    applyChatEvents(chat, [ev('text', { text: 'agent' }, { agent_id: 'a1' })]);
    expect(chat.bubbles).toEqual([]);
  });

  it('orders history oldest first and leaves tool results out', () => {
    const base = { agent_id: null, turn_id: null, interrupted: false, data: {}, created_at: 't' };
    const bubbles = bubblesFromHistory([
      { ...base, id: '3', sender: 'orchestrator', kind: 'tool_result', content: 'ok' },
      { ...base, id: '2', sender: 'orchestrator', kind: 'text', content: 'b' },
      { ...base, id: '1', sender: 'user', kind: 'text', content: 'a' },
    ]);
    expect(bubbles.map((b) => [b.id, b.role])).toEqual([
      ['1', 'user'],
      ['2', 'orchestrator'],
    ]);
  });

  it('draws a tool use the same from the history page as it drew live', () => {
    const input = { name: 'alpha', template: 'builder' };
    const data = { tool_use_id: 'toolu_1', name: 'create_agent', input };
    const live = emptyChat();
    applyChatEvents(live, [ev('tool_use', data, { ts: '2026-01-01T00:00:05Z' })]);
    // The history entry the server stores for the same block: the live event's data, verbatim.
    const reloaded = bubblesFromHistory([
      {
        id: 'h1',
        sender: 'orchestrator',
        kind: 'tool_use',
        content: 'create_agent',
        agent_id: null,
        turn_id: 't1',
        interrupted: false,
        data,
        created_at: '2026-01-01T00:00:05Z',
      },
    ]);
    const { id: _liveId, ...liveBubble } = live.bubbles[0] ?? {};
    const { id: _historyId, ...historyBubble } = reloaded[0] ?? {};
    expect(historyBubble).toEqual(liveBubble);
    expect(historyBubble).toMatchObject({ kind: 'tool_use', tool: { name: 'create_agent', input } });
  });

  it('reads a live chat_message in the history shape', () => {
    const chat = emptyChat();
    const message = {
      id: 'm9',
      sender: 'user',
      kind: 'text',
      content: 'status of alpha',
      agent_id: null,
      turn_id: 't9',
      interrupted: false,
      data: {},
      created_at: '2026-01-01T00:00:09Z',
    } as const;
    applyChatEvents(chat, [ev('chat_message', { message })]);
    expect(chat.bubbles).toEqual(bubblesFromHistory([message]));
  });
});
