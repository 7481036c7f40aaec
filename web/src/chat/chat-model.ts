/**
 * The chat column: the message history, then the orchestrator's own live events (no agent_id) as
 * bubbles: streaming text from text_delta, final text, thinking, tool use; typing from turn events.
 */
import type { ChatMessage } from '../api/client.ts';
import type { WireEvent } from '../stream/wire.ts';

export type BubbleKind = 'text' | 'thinking' | 'tool_use';

export interface Bubble {
  id: string;
  role: 'user' | 'orchestrator';
  kind: BubbleKind;
  content: string;
  /** A tool use's name and input. */
  tool?: { name: string; input: unknown };
  pending?: boolean;
  failed?: string;
  at: string;
}

export interface ChatState {
  bubbles: Bubble[];
  /** Text being streamed, by model call. */
  streaming: { callId: string; attempt: number; text: string } | null;
  typing: boolean;
  /** Events up to this seq are already in the history page. */
  historySeq: number;
}

export function emptyChat(): ChatState {
  return { bubbles: [], streaming: null, typing: false, historySeq: 0 };
}

/** History pages come newest first; tool results stay out of the chat (they are in the stream). */
export function bubblesFromHistory(messages: readonly ChatMessage[]): Bubble[] {
  return [...messages]
    .reverse()
    .filter((message) => message.kind !== 'tool_result' && message.sender !== 'agent')
    .map((message) => ({
      id: message.id,
      role: message.sender === 'user' ? 'user' : 'orchestrator',
      kind: message.kind === 'tool_result' ? 'text' : message.kind,
      content: message.content,
      ...(message.kind === 'tool_use'
        ? { tool: { name: String(message.data.name ?? message.content), input: message.data.input } }
        : {}),
      at: message.created_at,
    }));
}

export function addOptimistic(state: ChatState, id: string, content: string, at: string): void {
  state.bubbles.push({ id, role: 'user', kind: 'text', content, pending: true, at });
}

/** Applies events; returns whether the chat changed. */
export function applyChatEvents(state: ChatState, events: readonly WireEvent[]): boolean {
  let changed = false;
  for (const event of events) {
    if (event.agent_id || event.seq <= state.historySeq) continue;
    const data = event.data;
    switch (event.type) {
      case 'chat_message': {
        const message = data.message as { id?: string; sender?: string; content?: string } | undefined;
        if (!message?.id || typeof message.content !== 'string') break;
        if (state.bubbles.some((bubble) => bubble.id === message.id)) break;
        const role = message.sender === 'user' ? 'user' : 'orchestrator';
        const optimistic = state.bubbles.find(
          (bubble) => bubble.pending && bubble.role === role && bubble.content === message.content,
        );
        if (optimistic) {
          optimistic.id = message.id;
          optimistic.pending = false;
        } else {
          state.bubbles.push({ id: message.id, role, kind: 'text', content: message.content, at: event.ts });
        }
        changed = true;
        break;
      }
      case 'text_delta': {
        const callId = String(data.call_id ?? '');
        const attempt = Number(data.attempt ?? 0);
        const text = typeof data.text === 'string' ? data.text : '';
        if (!state.streaming || state.streaming.callId !== callId || state.streaming.attempt !== attempt) {
          state.streaming = { callId, attempt, text };
        } else {
          state.streaming.text += text;
        }
        changed = true;
        break;
      }
      case 'text':
      case 'thinking': {
        const content = String(event.type === 'text' ? (data.text ?? '') : (data.thinking ?? ''));
        const last = state.bubbles.at(-1);
        if (!(last && last.role === 'orchestrator' && last.kind === event.type && last.content === content)) {
          state.bubbles.push({
            id: `seq-${event.seq}`,
            role: 'orchestrator',
            kind: event.type,
            content,
            at: event.ts,
          });
        }
        if (event.type === 'text') state.streaming = null;
        changed = true;
        break;
      }
      case 'tool_use':
        state.bubbles.push({
          id: `seq-${event.seq}`,
          role: 'orchestrator',
          kind: 'tool_use',
          content: String(data.name ?? 'tool'),
          tool: { name: String(data.name ?? 'tool'), input: data.input },
          at: event.ts,
        });
        state.streaming = null;
        changed = true;
        break;
      case 'chat_typing':
        state.typing = data.is_typing === true;
        changed = true;
        break;
      case 'turn_started':
        state.typing = true;
        changed = true;
        break;
      case 'turn_completed':
      case 'turn_interrupted':
      case 'turn_failed':
        state.typing = false;
        state.streaming = null;
        changed = true;
        break;
    }
  }
  return changed;
}
