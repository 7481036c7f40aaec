import { evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, expectError, wsTicket } from './helpers/api.ts';
import { createOrchestrator, hubOf } from './helpers/orchestrators.ts';
import { nextMessage } from './helpers/stream.ts';

async function open(
  path: string,
  headers: Record<string, string> = {},
  token: string | null = undefined as never,
) {
  const response = await call(path, {
    headers: { Upgrade: 'websocket', ...headers },
    ...(token === null ? { token } : {}),
  });
  return response;
}

describe('the orchestrator WebSocket', () => {
  it('upgrades with a bearer token and greets the client', async () => {
    const id = await createOrchestrator();
    const response = await open(`/api/orchestrators/${id}/ws`);
    expect(response.status).toBe(101);
    const socket = response.webSocket;
    if (!socket) throw new Error('no WebSocket in the 101 response');
    const greeting = nextMessage(socket);
    socket.accept();
    expect(JSON.parse(await greeting)).toMatchObject({ type: 'connection_established', orchestrator_id: id });
    socket.close(1000, 'done');
  });

  it('upgrades with a ticket from POST /api/auth/ws-ticket', async () => {
    const id = await createOrchestrator();
    const { ticket } = await wsTicket();
    const response = await open(`/api/orchestrators/${id}/ws?ticket=${encodeURIComponent(ticket)}`, {}, null);
    expect(response.status).toBe(101);
    response.webSocket?.accept();
    response.webSocket?.close(1000);
  });

  it('refuses an upgrade without credentials and one for an unknown orchestrator', async () => {
    const id = await createOrchestrator();
    await expectError(await open(`/api/orchestrators/${id}/ws`, {}, null), 401, 'unauthorized');
    await expectError(await open(`/api/orchestrators/${crypto.randomUUID()}/ws`), 404, 'not_found');
  });

  it('answers ping without waking the object, keeps sockets across eviction, refuses commands', async () => {
    const id = await createOrchestrator();
    const response = await open(`/api/orchestrators/${id}/ws`);
    const socket = response.webSocket;
    if (!socket) throw new Error('no WebSocket in the 101 response');
    const greeting = nextMessage(socket);
    socket.accept();
    await greeting;

    const stub = hubOf(id);
    await evictDurableObject(stub);
    const pong = nextMessage(socket);
    socket.send('ping');
    expect(await pong).toBe('pong');

    const refusal = nextMessage(socket);
    socket.send(JSON.stringify({ type: 'adw_broadcast', broadcast_type: 'adw_created' }));
    expect(JSON.parse(await refusal)).toMatchObject({ type: 'error' });
    expect((await stub.status(id)).connections).toBe(1);
    socket.close(1000);
  });
});
