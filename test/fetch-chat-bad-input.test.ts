/**
 * Bad input to the chat routes (POST/GET /orchestrators/:id/messages, POST …/interrupt) gets the one
 * error shape with the request id of the response, and writes nothing: no chat message is stored and
 * no event is appended to the orchestrator's stream.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { chatMessages } from '../src/db/schema.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { expectNothingRecorded, issuePaths, recordedState } from './helpers/recorded-state.ts';

const messagesOf = (id: string) => `/api/orchestrators/${id}/messages`;

async function storedChatRows(orchestratorId: string): Promise<number> {
  const rows = await withDatabase((db) =>
    db.select().from(chatMessages).where(eq(chatMessages.orchestratorId, orchestratorId)),
  );
  return rows.length;
}

describe('POST /api/orchestrators/:id/messages refuses bad bodies and stores nothing', () => {
  it.each([
    ['a missing message', {}, 'body.message'],
    ['an empty message', { message: '' }, 'body.message'],
    ['a whitespace-only message', { message: ' \n\t ' }, 'body.message'],
    ['a message of the wrong type', { message: 42 }, 'body.message'],
    ['a message that is an array', { message: ['create agent a'] }, 'body.message'],
    ['a message over 100 000 characters', { message: 'x'.repeat(100_001) }, 'body.message'],
    ['an extra field', { message: 'list agents', urgent: true }, 'body'],
    ['an array body', ['list agents'], 'body'],
    ['a null body', null, 'body'],
  ])('422 for %s, naming %s', async (_label, payload, path) => {
    const id = await createOrchestrator();
    const before = await recordedState(id);
    const response = await call(messagesOf(id), { method: 'POST', json: payload });
    const body = await expectError(response, 422, 'validation_failed');
    expect(issuePaths(body.error.details)).toContain(path);
    expect(body.error.message).toContain(path);
    await expectNothingRecorded(id, before);
  });

  it('400 for a body that is not JSON', async () => {
    const id = await createOrchestrator();
    const before = await recordedState(id);
    const response = await call(messagesOf(id), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"message": "list agents"',
    });
    await expectError(response, 400, 'malformed_json');
    await expectNothingRecorded(id, before);
  });

  it('400 for an empty body declared as JSON', async () => {
    const id = await createOrchestrator();
    const before = await recordedState(id);
    const response = await call(messagesOf(id), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '',
    });
    await expectError(response, 400, 'malformed_json');
    await expectNothingRecorded(id, before);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['no content type', null],
  ])('415 for a JSON body sent as %s', async (_label, contentType) => {
    const id = await createOrchestrator();
    const before = await recordedState(id);
    const headers = new Headers();
    if (contentType) headers.set('Content-Type', contentType);
    const response = await call(messagesOf(id), {
      method: 'POST',
      headers,
      body: new TextEncoder().encode(JSON.stringify({ message: 'list agents' })),
    });
    await expectError(response, 415, 'unsupported_media_type');
    await expectNothingRecorded(id, before);
  });

  it('413 for a body over the 1 MiB limit', async () => {
    const id = await createOrchestrator();
    const before = await recordedState(id);
    const response = await call(messagesOf(id), {
      method: 'POST',
      json: { message: 'x'.repeat(1_100_000) },
    });
    const body = await expectError(response, 413, 'payload_too_large');
    expect(body.error.details).toEqual({ max_bytes: 1_048_576 });
    await expectNothingRecorded(id, before);
  });

  it('404 for an unknown orchestrator, with no chat row stored for it', async () => {
    const unknown = crypto.randomUUID();
    const response = await call(messagesOf(unknown), { method: 'POST', json: { message: 'list agents' } });
    await expectError(response, 404, 'not_found');
    expect(await storedChatRows(unknown)).toBe(0);
  });

  it('409 for an archived orchestrator', async () => {
    const id = await createOrchestrator();
    expect((await call(`/api/orchestrators/${id}/archive`, { method: 'POST' })).status).toBe(200);
    const before = await recordedState(id);
    const response = await call(messagesOf(id), { method: 'POST', json: { message: 'list agents' } });
    await expectError(response, 409, 'conflict');
    await expectNothingRecorded(id, before);
    expect(await storedChatRows(id)).toBe(0);
  });

  it('422 for an id that is not a UUID', async () => {
    const response = await call(messagesOf('not-a-uuid'), { method: 'POST', json: { message: 'hi' } });
    const body = await expectError(response, 422, 'validation_failed');
    expect(issuePaths(body.error.details)).toContain('param.id');
  });

  it.each([
    ['no credentials', null],
    ['a wrong token', 'not-a-configured-token'],
  ])('401 with %s, before the body is looked at', async (_label, token) => {
    const id = await createOrchestrator();
    const before = await recordedState(id);
    const response = await call(messagesOf(id), {
      method: 'POST',
      token,
      headers: { 'Content-Type': 'application/json' },
      body: 'not json',
    });
    await expectError(response, 401, 'unauthorized');
    await expectNothingRecorded(id, before);
  });
});

describe('GET /api/orchestrators/:id/messages refuses bad paging', () => {
  it.each([
    ['limit=0', 'query.limit'],
    ['limit=201', 'query.limit'],
    ['limit=abc', 'query.limit'],
    ['limit=1.5', 'query.limit'],
    ['before=yesterday', 'query.before'],
    ['before=2026-01-01T00:00:00.000Z', 'query.before'],
    [`before=${encodeURIComponent('|00000000-0000-4000-8000-000000000000')}`, 'query.before'],
    // Shaped like a cursor, but neither half is one: the server must say so, not fail.
    [`before=${encodeURIComponent('not-a-date|00000000-0000-4000-8000-000000000000')}`, 'query.before'],
    [`before=${encodeURIComponent(`2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`)}`, 'query.before'],
  ])('422 for %s', async (query, path) => {
    const id = await createOrchestrator();
    const response = await call(`${messagesOf(id)}?${query}`);
    const body = await expectError(response, 422, 'validation_failed');
    expect(issuePaths(body.error.details)).toContain(path);
  });

  it('404 for an unknown orchestrator, 422 for a bad id, 401 without credentials', async () => {
    await expectError(await call(messagesOf(crypto.randomUUID())), 404, 'not_found');
    await expectError(await call(messagesOf('nope')), 422, 'validation_failed');
    await expectError(await call(messagesOf(crypto.randomUUID()), { token: null }), 401, 'unauthorized');
  });
});

describe('POST /api/orchestrators/:id/interrupt', () => {
  const interruptOf = (id: string) => `/api/orchestrators/${id}/interrupt`;

  it('404 for an unknown orchestrator, 422 for a bad id, 401 without credentials', async () => {
    await expectError(await call(interruptOf(crypto.randomUUID()), { method: 'POST' }), 404, 'not_found');
    const invalid = await expectError(
      await call(interruptOf('123'), { method: 'POST' }),
      422,
      'validation_failed',
    );
    expect(issuePaths(invalid.error.details)).toContain('param.id');
    await expectError(
      await call(interruptOf(crypto.randomUUID()), { method: 'POST', token: null }),
      401,
      'unauthorized',
    );
  });

  it('415 for a body that is not JSON, recording nothing', async () => {
    const id = await createOrchestrator();
    const before = await recordedState(id);
    const response = await call(interruptOf(id), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'stop!',
    });
    await expectError(response, 415, 'unsupported_media_type');
    await expectNothingRecorded(id, before);
  });

  it('is a no-op on an idle orchestrator: nothing interrupted, nothing recorded', async () => {
    const id = await createOrchestrator();
    const before = await recordedState(id);
    const response = await call(interruptOf(id), { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ interrupted_turn_id: null });
    await expectNothingRecorded(id, before);
  });
});
