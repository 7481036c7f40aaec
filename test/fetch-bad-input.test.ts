/**
 * Bad input gets the one error shape with a request id, and writes nothing. Every request here tries
 * to create an orchestrator with a unique name; afterwards no row with that name may exist.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orchestrators } from '../src/db/schema.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';

async function expectNothingWritten(name: string): Promise<void> {
  const rows = await withDatabase((db) =>
    db.select().from(orchestrators).where(eq(orchestrators.name, name)),
  );
  expect(rows).toHaveLength(0);
}

const uniqueName = () => `bad-input-${crypto.randomUUID()}`;

describe('bad input to POST /api/orchestrators', () => {
  it('400 for malformed JSON', async () => {
    const name = uniqueName();
    const response = await call('/api/orchestrators', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `{"name": "${name}",`,
    });
    await expectError(response, 400, 'malformed_json');
    await expectNothingWritten(name);
  });

  it('400 for an empty body declared as JSON', async () => {
    const response = await call('/api/orchestrators', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '',
    });
    await expectError(response, 400, 'malformed_json');
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form encoding', 'application/x-www-form-urlencoded'],
    ['no content type', null],
  ])('415 for %s', async (_label, contentType) => {
    const name = uniqueName();
    const headers = new Headers();
    if (contentType) headers.set('Content-Type', contentType);
    const response = await call('/api/orchestrators', {
      method: 'POST',
      headers,
      body: new TextEncoder().encode(JSON.stringify({ name })),
    });
    const body = await expectError(response, 415, 'unsupported_media_type');
    expect(body.error.details).toEqual({ received: contentType });
    await expectNothingWritten(name);
  });

  it('413 for a body over the limit, declared by Content-Length', async () => {
    const name = uniqueName();
    const response = await call('/api/orchestrators', {
      method: 'POST',
      json: { name, system_prompt: 'x'.repeat(1_100_000) },
    });
    const body = await expectError(response, 413, 'payload_too_large');
    expect(body.error.details).toEqual({ max_bytes: 1_048_576 });
    await expectNothingWritten(name);
  });

  it('413 for a streamed body over the limit with no Content-Length', async () => {
    const name = uniqueName();
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode(`{"name":"${name}","system_prompt":"`));
        if (sent >= 20) {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent += 1;
      },
    });
    const response = await call('/api/orchestrators', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
    });
    await expectError(response, 413, 'payload_too_large');
    await expectNothingWritten(name);
  });

  it.each([
    ['a name of the wrong type', { name: 42 }, 'body.name'],
    ['an empty name', { name: '   ' }, 'body.name'],
    ['a negative budget', { budget_usd: -1 }, 'body.budget_usd'],
    ['a model id with spaces', { model: 'claude opus' }, 'body.model'],
    ['an unknown field', { nmae: 'typo' }, 'body'],
    ['an array body', [1, 2], 'body'],
  ])('422 for %s, naming where', async (_label, payload, path) => {
    const response = await call('/api/orchestrators', { method: 'POST', json: payload });
    const body = await expectError(response, 422, 'validation_failed');
    const issues = (body.error.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues.some((issue) => issue.path === path)).toBe(true);
    expect(body.error.message).toContain(path);
  });

  it('401 before anything else for an anonymous caller, even with a bad body', async () => {
    const name = uniqueName();
    const response = await call('/api/orchestrators', {
      method: 'POST',
      token: null,
      body: 'not json',
      headers: { 'Content-Type': 'application/json' },
    });
    await expectError(response, 401, 'unauthorized');
    await expectNothingWritten(name);
  });
});

describe('bad input elsewhere', () => {
  it.each([
    ['GET', '/api/nowhere'],
    ['DELETE', '/api/orchestrators'],
    ['GET', `/api/orchestrators/${crypto.randomUUID()}`],
    ['POST', `/api/orchestrators/${crypto.randomUUID()}/archive`],
  ])('404 for %s %s', async (method, path) => {
    const response = await call(path, { method });
    await expectError(response, 404, 'not_found');
  });

  it.each([
    ['/api/orchestrators/not-a-uuid', 'param.id'],
    ['/api/orchestrators?limit=0', 'query.limit'],
    ['/api/orchestrators?limit=abc', 'query.limit'],
    ['/api/orchestrators?before=yesterday', 'query.before'],
    ['/api/orchestrators?include_archived=maybe', 'query.include_archived'],
  ])('422 for %s', async (path, where) => {
    const response = await call(path);
    const body = await expectError(response, 422, 'validation_failed');
    expect(body.error.message).toContain(where);
  });

  it('keeps the request id the client sent in the error body', async () => {
    const response = await call('/api/nowhere', { headers: { 'X-Request-Id': 'trace-42' } });
    const body = await expectError(response, 404, 'not_found');
    expect(body.error.request_id).toBe('trace-42');
  });

  it('never leaks internals in a 500', async () => {
    // The WebSocket route rejects a non-upgrade request with its own status; a broken id is a 422.
    const response = await call(`/api/orchestrators/${crypto.randomUUID()}/ws`);
    await expectError(response, 426, 'bad_request');
    expect(response.headers.get('Upgrade')).toBe('websocket');
  });
});
