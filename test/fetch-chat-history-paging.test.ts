/**
 * GET /orchestrators/:id/messages pages through the whole history with `next_before`: every message
 * exactly once, newest first, whatever the timestamps. Postgres keeps `created_at` to the
 * microsecond, and a turn's messages are often written within the same millisecond, so the rows
 * here are stored with microsecond-apart times to pin the cursor down.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, withDatabase } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';

interface Page {
  messages: Array<{ id: string; content: string; created_at: string }>;
  next_before: string | null;
}

async function page(id: string, limit: number, before?: string | null): Promise<Page> {
  const query = `limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`;
  const response = await call(`/api/orchestrators/${id}/messages?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

async function allPages(id: string, limit: number): Promise<string[]> {
  const contents: string[] = [];
  let before: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const next: Page = await page(id, limit, before);
    contents.push(...next.messages.map((m) => m.content));
    if (!next.next_before) return contents;
    before = next.next_before;
  }
  throw new Error('paging did not end');
}

/** Stores `count` user messages `m0…`, `step` apart, starting at `start` (a timestamptz literal). */
async function storeMessages(id: string, count: number, start: string, step: string): Promise<void> {
  await withDatabase((db) =>
    db.execute(sql`
      insert into chat_messages (orchestrator_id, sender, kind, content, created_at)
      select ${id}::uuid, 'user', 'text', 'm' || n, ${start}::timestamptz + n * ${step}::interval
      from generate_series(0, ${count - 1}) as n`),
  );
}

const newestFirst = (count: number) => Array.from({ length: count }, (_, n) => `m${count - 1 - n}`);

describe('chat history paging with next_before', () => {
  it('returns every message once when messages are a millisecond or more apart', async () => {
    const id = await createOrchestrator();
    await storeMessages(id, 7, '2026-03-01T10:00:00.000Z', '3 milliseconds');
    for (const limit of [1, 2, 3, 7, 50]) {
      expect(await allPages(id, limit), `limit ${limit}`).toEqual(newestFirst(7));
    }
  });

  it('ends with next_before null, after an empty page when the last page was exactly full', async () => {
    const id = await createOrchestrator();
    await storeMessages(id, 4, '2026-03-01T10:00:00.000Z', '1 second');
    const first = await page(id, 2);
    const second = await page(id, 2, first.next_before);
    expect(second.messages.map((m) => m.content)).toEqual(['m1', 'm0']);
    expect(second.next_before).not.toBeNull();
    expect(await page(id, 2, second.next_before)).toEqual({ messages: [], next_before: null });
  });

  it('returns every message once when several share a millisecond', async () => {
    const id = await createOrchestrator();
    // 6 messages 150 µs apart: m0–m5 span 0.75 ms, so most pages end inside a millisecond.
    await storeMessages(id, 6, '2026-03-01T10:00:00.000100Z', '150 microseconds');
    expect(await allPages(id, 50)).toEqual(newestFirst(6));
    for (const limit of [1, 2, 4]) {
      expect(await allPages(id, limit), `limit ${limit}`).toEqual(newestFirst(6));
    }
  });
});
