/**
 * The expertise routes: a person writes a document (versions by author `user`, with diffs and line
 * counts), reads it, lists the domains and pages the history; live clients get `expertise_updated`.
 */
import { describe, expect, it } from 'vitest';
import { call } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { openStream } from './helpers/stream.ts';

const expertsOf = (id: string) => `/api/orchestrators/${id}/experts`;

interface Doc {
  domain: string;
  version: number;
  lines: number;
  max_lines: number;
  content: string;
}
interface History {
  domain: string;
  versions: {
    version: number;
    diff: string;
    lines_added: number;
    lines_removed: number;
    author: string;
    reason: string | null;
  }[];
  next_before: number | null;
}

async function put(id: string, domain: string, body: Record<string, unknown>): Promise<Response> {
  return call(`${expertsOf(id)}/${domain}`, { method: 'PUT', json: body });
}

describe('expertise documents over REST', () => {
  it('creates, updates and reads a document, with each version’s diff, author and reason', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id);
    const created = await put(id, 'websocket', {
      content: '# WebSocket\n- server: src/ws.ts\n',
      reason: 'first notes',
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      domain: 'websocket',
      version: 1,
      lines: 2,
      max_lines: 1000,
    });

    const updated = await put(id, 'websocket', {
      content: '# WebSocket\n- server: src/server/ws.ts\n- client: web/socket.ts\n',
      reason: 'moved the server',
      max_lines: 10,
    });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ version: 2, lines: 3, max_lines: 10 });
    const same = await put(id, 'websocket', {
      content: '# WebSocket\n- server: src/server/ws.ts\n- client: web/socket.ts\n',
    });
    expect(same.status).toBe(200);
    expect(((await same.json()) as Doc).version).toBe(2);

    const doc = (await (await call(`${expertsOf(id)}/websocket`)).json()) as Doc;
    expect(doc.content).toBe('# WebSocket\n- server: src/server/ws.ts\n- client: web/socket.ts\n');

    const list = await (await call(expertsOf(id))).json();
    expect(list).toMatchObject({ experts: [{ domain: 'websocket', version: 2, lines: 3, max_lines: 10 }] });

    const history = (await (await call(`${expertsOf(id)}/websocket/versions`)).json()) as History;
    expect(
      history.versions.map((v) => [v.version, v.author, v.reason, v.lines_added, v.lines_removed]),
    ).toEqual([
      [2, 'user', 'moved the server', 2, 1],
      [1, 'user', 'first notes', 2, 0],
    ]);
    expect(history.versions[0]?.diff).toContain(
      '-- server: src/ws.ts\n+- server: src/server/ws.ts\n+- client: web/socket.ts',
    );
    expect(history.next_before).toBeNull();

    const event = await stream.waitFor(
      (e) => e.type === 'expertise_updated' && e.data.version === 2,
      'the update event',
    );
    expect(event.data).toMatchObject({
      domain: 'websocket',
      author: 'user',
      reason: 'moved the server',
      lines_added: 2,
      lines_removed: 1,
    });
    expect(String(event.data.diff)).toContain('+- client: web/socket.ts');
    expect(event.category).toBe('file');
    stream.close();
  });

  it('pages the history newest first with next_before', async () => {
    const id = await createOrchestrator();
    for (const n of [1, 2, 3]) expect((await put(id, 'database', { content: `fact ${n}\n` })).ok).toBe(true);
    const first = (await (await call(`${expertsOf(id)}/database/versions?limit=2`)).json()) as History;
    expect(first.versions.map((v) => v.version)).toEqual([3, 2]);
    expect(first.next_before).toBe(2);
    const second = (await (
      await call(`${expertsOf(id)}/database/versions?limit=2&before=2`)
    ).json()) as History;
    expect(second.versions.map((v) => v.version)).toEqual([1]);
    expect(second.next_before).toBeNull();
  });

  it('lists the domains in name order, and an orchestrator with none has an empty list', async () => {
    const id = await createOrchestrator();
    expect(await (await call(expertsOf(id))).json()).toEqual({ experts: [] });
    await put(id, 'websocket', { content: 'a\n' });
    await put(id, 'database', { content: 'b\nc\n' });
    const list = (await (await call(expertsOf(id))).json()) as { experts: Doc[] };
    expect(list.experts.map((e) => [e.domain, e.lines])).toEqual([
      ['database', 2],
      ['websocket', 1],
    ]);
  });
});
