/**
 * Bad input to every workflow route gets the one error shape with the request id, and a refused start
 * creates nothing: no workflow row, no event.
 */
import { describe, expect, it } from 'vitest';
import { startAdw } from './helpers/adws.ts';
import { call, expectError } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { expectNothingRecorded, issuePaths, recordedState } from './helpers/recorded-state.ts';

const adwsOf = (id: string) => `/api/orchestrators/${id}/adws`;
const valid = { workflow_type: 'plan_build', prompt: 'write hello', name: 'hello' };

describe('POST /api/orchestrators/:id/adws refuses bad input', () => {
  it.each([
    [{ ...valid, workflow_type: 'plan_deploy' }, 'body.workflow_type'],
    [{ ...valid, workflow_type: '' }, 'body.workflow_type'],
    [{ ...valid, prompt: '   ' }, 'body.prompt'],
    [{ ...valid, prompt: 42 }, 'body.prompt'],
    [{ ...valid, name: '' }, 'body.name'],
    [{ ...valid, name: 'n'.repeat(101) }, 'body.name'],
    [{ workflow_type: 'plan_build', prompt: 'x' }, 'body.name'],
    [{ ...valid, extra: true }, 'body'],
    [{ ...valid, description: 7 }, 'body.description'],
  ])('422 for %j', async (json, path) => {
    const id = await createOrchestrator();
    const before = await recordedState(id);
    const body = await expectError(
      await call(adwsOf(id), { method: 'POST', json }),
      422,
      'validation_failed',
    );
    expect(issuePaths(body.error.details).some((p) => p === path || p.startsWith(path))).toBe(true);
    await expectNothingRecorded(id, before);
    const list = (await (await call(adwsOf(id))).json()) as { adws: unknown[] };
    expect(list.adws).toEqual([]);
  });

  it('lists the valid workflow types for an unknown one', async () => {
    const id = await createOrchestrator();
    const response = await call(adwsOf(id), { method: 'POST', json: { ...valid, workflow_type: 'nope' } });
    const body = await expectError(response, 422, 'validation_failed');
    expect(body.error.message).toContain('plan_build, plan_build_review, plan_build_review_fix');
  });

  it('400 for malformed JSON, 415 for a body that is not JSON', async () => {
    const id = await createOrchestrator();
    const headers = { 'Content-Type': 'application/json' };
    await expectError(
      await call(adwsOf(id), { method: 'POST', headers, body: '{"name":' }),
      400,
      'malformed_json',
    );
    const text = { 'Content-Type': 'text/plain' };
    await expectError(
      await call(adwsOf(id), { method: 'POST', headers: text, body: JSON.stringify(valid) }),
      415,
      'unsupported_media_type',
    );
  });

  it('404 for an unknown orchestrator, 409 for an archived one, 422 for a broken id', async () => {
    await expectError(
      await call(adwsOf(crypto.randomUUID()), { method: 'POST', json: valid }),
      404,
      'not_found',
    );
    const id = await createOrchestrator();
    expect((await call(`/api/orchestrators/${id}/archive`, { method: 'POST' })).status).toBe(200);
    await expectError(await call(adwsOf(id), { method: 'POST', json: valid }), 409, 'conflict');
    await expectError(
      await call(adwsOf('not-a-uuid'), { method: 'POST', json: valid }),
      422,
      'validation_failed',
    );
  });

  it('401 without credentials', async () => {
    const id = await createOrchestrator();
    await expectError(
      await call(adwsOf(id), { method: 'POST', json: valid, token: null }),
      401,
      'unauthorized',
    );
    await expectError(await call(`/api/adws/${crypto.randomUUID()}`, { token: null }), 401, 'unauthorized');
  });
});

describe('reading and cancelling workflows refuses bad input', () => {
  it.each([
    ['GET', '/api/adws/not-a-uuid', 'param.id'],
    ['GET', '/api/adws/not-a-uuid/events', 'param.id'],
    ['POST', '/api/adws/not-a-uuid/cancel', 'param.id'],
    ['GET', '/api/orchestrators/not-a-uuid/adws', 'param.id'],
    ['GET', `/api/orchestrators/${crypto.randomUUID()}/adws?limit=0`, 'query.limit'],
    ['GET', `/api/orchestrators/${crypto.randomUUID()}/adws?before=yesterday`, 'query.before'],
    ['GET', `/api/adws/${crypto.randomUUID()}/events?after_seq=-1`, 'query.after_seq'],
    ['GET', `/api/adws/${crypto.randomUUID()}/events?limit=1001`, 'query.limit'],
    ['GET', `/api/adws/${crypto.randomUUID()}/events?step=`, 'query.step'],
  ])('422 for %s %s', async (method, path, where) => {
    const body = await expectError(await call(path, { method }), 422, 'validation_failed');
    expect(body.error.message).toContain(where);
  });

  it.each([
    ['GET', () => `/api/adws/${crypto.randomUUID()}`],
    ['GET', () => `/api/adws/${crypto.randomUUID()}/events`],
    ['POST', () => `/api/adws/${crypto.randomUUID()}/cancel`],
    ['GET', () => `/api/orchestrators/${crypto.randomUUID()}/adws`],
  ])('404 for %s of an unknown id', async (method, path) => {
    await expectError(await call(path(), { method }), 404, 'not_found');
  });

  it('pages the list newest first with next_before', async () => {
    const id = await createOrchestrator();
    const names = ['one', 'two', 'three'];
    for (const name of names) await startAdw(id, { ...valid, name });
    const first = (await (await call(`${adwsOf(id)}?limit=2`)).json()) as {
      adws: Array<{ name: string; total_steps: number }>;
      next_before: string;
    };
    expect(first.adws.map((a) => a.name)).toEqual(['three', 'two']);
    expect(first.adws.every((a) => a.total_steps === 2)).toBe(true);
    const second = (await (await call(`${adwsOf(id)}?limit=2&before=${first.next_before}`)).json()) as {
      adws: Array<{ name: string }>;
      next_before: string | null;
    };
    expect(second.adws.map((a) => a.name)).toEqual(['one']);
    expect(second.next_before).toBeNull();
  });
});
