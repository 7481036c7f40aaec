/**
 * Bad input to the live stream (GET /orchestrators/:id/ws) and to the workspace file routes gets the
 * one error shape with the request id of the response, and records nothing.
 */
import { describe, expect, it } from 'vitest';
import { call, expectError, wsTicket } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { expectNothingRecorded, issuePaths, recordedState } from './helpers/recorded-state.ts';
import { nextMessage } from './helpers/stream.ts';

const upgrade = { Upgrade: 'websocket' };
const wsOf = (id: string) => `/api/orchestrators/${id}/ws`;

describe('GET /api/orchestrators/:id/ws refuses what it cannot serve', () => {
  it('426 for a plain GET, with an Upgrade header telling what to do', async () => {
    const id = await createOrchestrator();
    const response = await call(wsOf(id));
    await expectError(response, 426, 'bad_request');
    expect(response.headers.get('Upgrade')).toBe('websocket');
  });

  it.each([['after_seq=-1'], ['after_seq=abc'], ['after_seq=1.5']])(
    '422 for %s, even on an upgrade',
    async (query) => {
      const id = await createOrchestrator();
      const before = await recordedState(id);
      const response = await call(`${wsOf(id)}?${query}`, { headers: upgrade });
      const body = await expectError(response, 422, 'validation_failed');
      expect(issuePaths(body.error.details)).toContain('query.after_seq');
      await expectNothingRecorded(id, before);
    },
  );

  it('422 for an id that is not a UUID, 404 for an unknown orchestrator', async () => {
    const invalid = await expectError(
      await call(wsOf('not-a-uuid'), { headers: upgrade }),
      422,
      'validation_failed',
    );
    expect(issuePaths(invalid.error.details)).toContain('param.id');
    await expectError(await call(wsOf(crypto.randomUUID()), { headers: upgrade }), 404, 'not_found');
  });

  it('401 without credentials, with a forged ticket, and for a ticket on a non-upgrade request', async () => {
    const id = await createOrchestrator();
    await expectError(await call(wsOf(id), { headers: upgrade, token: null }), 401, 'unauthorized');
    await expectError(
      await call(`${wsOf(id)}?ticket=forged.ticket`, { headers: upgrade, token: null }),
      401,
      'unauthorized',
    );
    // Tickets exist for browsers' WebSocket upgrades only; they authenticate nothing else.
    const ticket = encodeURIComponent((await wsTicket()).ticket);
    await expectError(await call(`${wsOf(id)}?ticket=${ticket}`, { token: null }), 401, 'unauthorized');
    await expectError(
      await call(`/api/orchestrators/${id}/events?ticket=${ticket}`, { token: null }),
      401,
      'unauthorized',
    );
  });

  it('accepts a ticket on an upgrade, replaying from after_seq', async () => {
    const id = await createOrchestrator();
    const ticket = encodeURIComponent((await wsTicket()).ticket);
    const response = await call(`${wsOf(id)}?ticket=${ticket}&after_seq=0`, {
      headers: upgrade,
      token: null,
    });
    expect(response.status).toBe(101);
    const socket = response.webSocket;
    if (!socket) throw new Error('no WebSocket in the 101 response');
    const greeting = nextMessage(socket);
    socket.accept();
    expect(JSON.parse(await greeting)).toMatchObject({
      type: 'connection_established',
      orchestrator_id: id,
      last_seq: 0,
      replay_after: 0,
    });
    socket.close(1000, 'done');
  });
});

describe('the workspace file routes refuse bad paths and versions', () => {
  it.each([
    ['files/..%2F..%2Fetc%2Fpasswd', 'param.path'],
    ['files/..%2Fsecret.txt', 'param.path'],
    ['files/docs%2F..%2F..%2Fsecret.txt', 'param.path'],
    ['files/a%5Cb.txt', 'param.path'],
    ['files/a%00b', 'param.path'],
    ['history/..%2Fsecret.txt', 'param.path'],
    ['files/notes.md?version=0', 'query.version'],
    ['files/notes.md?version=-1', 'query.version'],
    ['files/notes.md?version=two', 'query.version'],
    ['files/notes.md?version=1.5', 'query.version'],
    ['history/notes.md?limit=0', 'query.limit'],
    ['history/notes.md?before=0', 'query.before'],
    ['files?prefix=..%2Fup', 'query.prefix'],
    ['files?limit=5001', 'query.limit'],
  ])('422 for %s', async (route, path) => {
    const id = await createOrchestrator();
    const before = await recordedState(id);
    const response = await call(`/api/orchestrators/${id}/${route}`);
    const body = await expectError(response, 422, 'validation_failed');
    expect(issuePaths(body.error.details)).toContain(path);
    await expectNothingRecorded(id, before);
  });

  it.each([
    ['files/notes.md'],
    ['files/notes.md?version=1'],
    ['files/deep/dir/file.ts'],
    ['history/notes.md'],
  ])('404 for an unknown file: %s', async (route) => {
    const id = await createOrchestrator();
    const body = await expectError(await call(`/api/orchestrators/${id}/${route}`), 404, 'not_found');
    expect(body.error.message).toMatch(/notes\.md|file\.ts/);
  });

  it('404 for an unknown orchestrator, 422 for a bad id, 401 without credentials', async () => {
    const unknown = crypto.randomUUID();
    for (const route of ['files', 'files/a.txt', 'history/a.txt', 'workspace.zip']) {
      await expectError(await call(`/api/orchestrators/${unknown}/${route}`), 404, 'not_found');
      await expectError(await call(`/api/orchestrators/nope/${route}`), 422, 'validation_failed');
      await expectError(
        await call(`/api/orchestrators/${unknown}/${route}`, { token: null }),
        401,
        'unauthorized',
      );
    }
  });
});
