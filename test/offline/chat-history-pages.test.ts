/**
 * Chat history after a few exchanges with the offline model, through GET …/messages: newest first,
 * user and orchestrator entries (text and tool calls), the offline label on every orchestrator text,
 * and `next_before` paging that yields the same history as one big page.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/api.ts';
import { ask } from '../helpers/conversation.ts';
import { createOrchestrator } from '../helpers/orchestrators.ts';
import { openStream } from '../helpers/stream.ts';

interface ChatJson {
  id: string;
  sender: string;
  kind: string;
  content: string;
  turn_id: string | null;
  data: Record<string, unknown>;
  created_at: string;
}

interface PageJson {
  messages: ChatJson[];
  next_before: string | null;
}

async function page(id: string, limit: number, before: string | null): Promise<PageJson> {
  const cursor = before ? `&before=${encodeURIComponent(before)}` : '';
  const response = await call(`/api/orchestrators/${id}/messages?limit=${limit}${cursor}`);
  expect(response.status).toBe(200);
  return (await response.json()) as PageJson;
}

/** Follows next_before to the end; returns the pages' sizes and their messages in order. */
async function walk(id: string, limit: number): Promise<{ sizes: number[]; messages: ChatJson[] }> {
  const sizes: number[] = [];
  const messages: ChatJson[] = [];
  let before: string | null = null;
  do {
    const next: PageJson = await page(id, limit, before);
    sizes.push(next.messages.length);
    messages.push(...next.messages);
    before = next.next_before;
  } while (before !== null && sizes.length < 100);
  return { sizes, messages };
}

const USER_MESSAGES = ['create agent pager', 'list agents', 'status of pager'];

describe('chat history with the offline model', () => {
  it('pages newest first with next_before, matching one big page', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    for (const message of USER_MESSAGES) await ask(id, stream, message);
    stream.close();

    const all = await page(id, 200, null);
    expect(all.next_before).toBeNull();
    // Each exchange: the user's text, "Calling …", the tool call, and the summary of its result.
    expect(all.messages).toHaveLength(USER_MESSAGES.length * 4);
    const oldestFirst = [...all.messages].reverse();
    expect(oldestFirst.filter((m) => m.sender === 'user').map((m) => m.content)).toEqual(USER_MESSAGES);
    expect(oldestFirst.slice(0, 4).map((m) => `${m.sender}:${m.kind}`)).toEqual([
      'user:text',
      'orchestrator:text',
      'orchestrator:tool_use',
      'orchestrator:text',
    ]);
    const toolUses = oldestFirst.filter((m) => m.kind === 'tool_use');
    expect(toolUses.map((m) => m.data.name)).toEqual(['create_agent', 'list_agents', 'check_agent_status']);
    expect(toolUses[0]?.data.input).toEqual({ name: 'pager' });
    for (const text of all.messages.filter((m) => m.sender === 'orchestrator' && m.kind === 'text')) {
      expect(text.content.startsWith('[offline model] '), text.content).toBe(true);
    }
    const times = all.messages.map((m) => Date.parse(m.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const ids = all.messages.map((m) => m.id);
    for (const limit of [5, 4, 1]) {
      const walked = await walk(id, limit);
      expect(
        walked.messages.map((m) => m.id),
        `limit ${limit}`,
      ).toEqual(ids);
      const full = Math.floor(ids.length / limit);
      const rest = ids.length % limit;
      // Pages are full until the last; an exactly full last page is followed by an empty one.
      expect(walked.sizes).toEqual([...Array<number>(full).fill(limit), rest]);
    }
  });
});
