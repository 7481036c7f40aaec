/**
 * The one JSON shape of a chat message: the `message` of a live `chat_message` event and each entry
 * of `GET /api/orchestrators/:id/messages`, so that a client reads both the same way. A tool use's
 * `data` uses the live `tool_use` event's names (`tool_use_id`, `name`, `input`). Pure: row in,
 * snake_case out.
 */
import type { ChatMessageRow } from '../db/chat.ts';

/** A tool use's `data`, exactly the live `tool_use` event's. */
export function toolUseData(block: { id: string; name: string; input: unknown }) {
  return { tool_use_id: block.id, name: block.name, input: block.input };
}

export function chatMessageJson(row: ChatMessageRow) {
  return {
    id: row.id,
    sender: row.sender,
    kind: row.kind,
    content: row.content,
    agent_id: row.agentId,
    turn_id: row.turnId,
    interrupted: row.interrupted,
    data: row.kind === 'tool_use' ? toolUseDataOf(row.data) : row.data,
    created_at: row.createdAt.toISOString(),
  };
}

export type ChatMessageJson = ReturnType<typeof chatMessageJson>;

/**
 * Rows written before the names were unified stored `tool_name` / `tool_input`; they read as the
 * current names, so that no client needs a second vocabulary.
 */
function toolUseDataOf(data: Record<string, unknown>): Record<string, unknown> {
  if (!('tool_name' in data) && !('tool_input' in data)) return data;
  const { tool_name: name, tool_input: input, ...rest } = data;
  return { ...rest, name: data.name ?? name, input: data.input ?? input ?? {} };
}
