/**
 * Bad input to the expertise routes gets the one error shape: 404 for an unknown orchestrator or
 * domain, 422 for a bad id, domain, body or page, and 422 over the line limit; none records a version.
 */
import { describe, expect, it } from 'vitest';
import { call, expectError } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { issuePaths } from './helpers/recorded-state.ts';

const expertsOf = (id: string) => `/api/orchestrators/${id}/experts`;
const put = (id: string, domain: string, json: unknown) =>
  call(`${expertsOf(id)}/${domain}`, { method: 'PUT', json });

describe('the expertise routes refuse bad input', () => {
  it('404 for an unknown orchestrator and for a domain with no document', async () => {
    const unknown = crypto.randomUUID();
    await expectError(await call(expertsOf(unknown)), 404, 'not_found');
    await expectError(await put(unknown, 'websocket', { content: 'x' }), 404, 'not_found');
    const id = await createOrchestrator();
    await expectError(await call(`${expertsOf(id)}/websocket`), 404, 'not_found');
    await expectError(await call(`${expertsOf(id)}/websocket/versions`), 404, 'not_found');
  });

  it.each([
    ['an upper-case domain', 'WebSocket', { content: 'x' }, 'param.domain'],
    ['a domain with a control character', 'web%09socket', { content: 'x' }, 'param.domain'],
    ['a domain too long', 'a'.repeat(65), { content: 'x' }, 'param.domain'],
    ['content that is not a string', 'websocket', { content: 5 }, 'body.content'],
    ['content with a NUL', 'websocket', { content: 'a\u0000b' }, 'body.content'],
    ['a reason with a line feed', 'websocket', { content: 'x', reason: 'a\nb' }, 'body.reason'],
    ['max_lines of 0', 'websocket', { content: 'x', max_lines: 0 }, 'body.max_lines'],
    ['an unknown field', 'websocket', { content: 'x', author: 'me' }, 'body'],
  ])('422 for %s', async (_label, domain, body, path) => {
    const id = await createOrchestrator();
    const error = await expectError(await put(id, domain, body), 422, 'validation_failed');
    expect(issuePaths(error.error.details).some((p) => p.startsWith(path))).toBe(true);
    expect(await (await call(expertsOf(id))).json()).toEqual({ experts: [] });
  });

  it('422 for a bad orchestrator id and a bad page', async () => {
    await expectError(await call(expertsOf('not-a-uuid')), 422, 'validation_failed');
    const id = await createOrchestrator();
    await put(id, 'websocket', { content: 'x\n' });
    const error = await expectError(
      await call(`${expertsOf(id)}/websocket/versions?limit=0`),
      422,
      'validation_failed',
    );
    expect(issuePaths(error.error.details)).toContain('query.limit');
  });

  it('422 over the line limit, saying so, and the document keeps its version', async () => {
    const id = await createOrchestrator();
    expect((await put(id, 'websocket', { content: 'a\nb\n', max_lines: 3 })).status).toBe(201);
    const error = await expectError(
      await put(id, 'websocket', { content: 'a\nb\nc\nd\n' }),
      422,
      'validation_failed',
    );
    expect(error.error.message).toContain('would have 4 lines; its limit is 3 (max_lines)');
    // A first write over its own limit leaves nothing behind either.
    await expectError(
      await put(id, 'database', { content: 'a\nb\n', max_lines: 1 }),
      422,
      'validation_failed',
    );
    const list = (await (await call(expertsOf(id))).json()) as {
      experts: { domain: string; version: number }[];
    };
    expect(list.experts).toEqual([expect.objectContaining({ domain: 'websocket', version: 1 })]);
  });
});
