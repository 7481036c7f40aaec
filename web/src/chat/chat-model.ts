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

/**
 * One chat message as a bubble: the one path for history entries and live events alike, since the
 * server sends both in the same shape (a tool use's `data` is `{tool_use_id, name, input}` in both).
 * Tool results and agents' messages stay out of the chat (they are in the stream).
 */
export function bubbleFromMessage(message: ChatMessage): Bubble | null {
  if (message.kind === 'tool_result' || message.sender === 'agent') return null;
  const base = {
    id: message.id,
    role: message.sender === 'user' ? ('user' as const) : ('orchestrator' as const),
    at: message.created_at,
  };
  if (message.kind === 'tool_use') {
    const name = typeof message.data.name === 'string' ? message.data.name : message.content;
    return { ...base, kind: 'tool_use', content: name, tool: { name, input: message.data.input ?? {} } };
  }
  return { ...base, kind: message.kind, content: message.content };
}

/** History pages come newest first. */
export function bubblesFromHistory(messages: readonly ChatMessage[]): Bubble[] {
  const bubbles: Bubble[] = [];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    const bubble = message && bubbleFromMessage(message);
    if (bubble) bubbles.push(bubble);
  }
  return bubbles;
}

const SENDERS = new Set<string>(['user', 'orchestrator', 'agent']);
const KINDS = new Set<string>(['text', 'thinking', 'tool_use', 'tool_result']);

/** A live `chat_message` event's message (the history's shape), or null when it is not one. */
function chatMessageOf(event: WireEvent): ChatMessage | null {
  const value = event.data.message;
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Partial<Record<keyof ChatMessage, unknown>>;
  if (typeof message.id !== 'string' || typeof message.content !== 'string') return null;
  const sender = typeof message.sender === 'string' && SENDERS.has(message.sender) ? message.sender : 'user';
  const kind = typeof message.kind === 'string' && KINDS.has(message.kind) ? message.kind : 'text';
  return {
    id: message.id,
    sender: sender as ChatMessage['sender'],
    kind: kind as ChatMessage['kind'],
    content: message.content,
    agent_id: typeof message.agent_id === 'string' ? message.agent_id : null,
    turn_id: typeof message.turn_id === 'string' ? message.turn_id : null,
    interrupted: message.interrupted === true,
    data:
      typeof message.data === 'object' && message.data !== null ? (message.data as ChatMessage['data']) : {},
    created_at: typeof message.created_at === 'string' ? message.created_at : event.ts,
  };
}

/** The orchestrator's live text, thinking or tool use as the message the history stores for it. */
function responseMessageOf(event: WireEvent, kind: 'text' | 'thinking' | 'tool_use'): ChatMessage {
  const data = event.data;
  const content = kind === 'text' ? data.text : kind === 'thinking' ? data.thinking : (data.name ?? 'tool');
  return {
    id: `seq-${event.seq}`,
    sender: 'orchestrator',
    kind,
    content: typeof content === 'string' ? content : String(content ?? ''),
    agent_id: null,
    turn_id: null,
    interrupted: false,
    data: kind === 'tool_use' ? data : {},
    created_at: event.ts,
  };
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
        const message = chatMessageOf(event);
        if (!message || state.bubbles.some((bubble) => bubble.id === message.id)) break;
        const bubble = bubbleFromMessage(message);
        if (!bubble) break;
        const optimistic = state.bubbles.find(
          (item) => item.pending && item.role === bubble.role && item.content === bubble.content,
        );
        if (optimistic) {
          optimistic.id = bubble.id;
          optimistic.pending = false;
        } else {
          state.bubbles.push(bubble);
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
        const bubble = bubbleFromMessage(responseMessageOf(event, event.type));
        const last = state.bubbles.at(-1);
        if (
          bubble &&
          !(
            last &&
            last.role === 'orchestrator' &&
            last.kind === bubble.kind &&
            last.content === bubble.content
          )
        ) {
          state.bubbles.push(bubble);
        }
        if (event.type === 'text') state.streaming = null;
        changed = true;
        break;
      }
      case 'tool_use': {
        const bubble = bubbleFromMessage(responseMessageOf(event, 'tool_use'));
        if (bubble) state.bubbles.push(bubble);
        state.streaming = null;
        changed = true;
        break;
      }
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
