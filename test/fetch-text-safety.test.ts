/**
 * Text a person sends that Postgres cannot store (NUL, lone surrogates; control characters in names)
 * is refused at the boundary: 422 in the one error shape, naming the field and the character, with a
 * request id, and nothing written. Before, such text reached the database and came back as a 500.
 */
import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { adws, chatMessages, orchestrators } from '../src/db/schema.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';

interface Issue {
  path: string;
  message: string;
}

/** Asserts a 422 whose first issue is at `path` and names the character `label`. */
async function expectRefused(response: Response, path: string, label: string): Promise<void> {
  const body = await expectError(response, 422, 'validation_failed');
  const issues = (body.error.details as { issues: Issue[] }).issues;
  expect(issues[0]?.path).toBe(path);
  expect(issues[0]?.message).toContain(label);
  expect(body.error.message).toContain(path);
}

const unique = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

async function orchestratorsNamedLike(prefix: string): Promise<number> {
  const rows = await withDatabase((db) =>
    db
      .select()
      .from(orchestrators)
      .where(like(orchestrators.name, `${prefix}%`)),
  );
  return rows.length;
}

describe('POST /api/orchestrators', () => {
  it.each([
    ['NUL and BEL in the name', { name: 'bad\u0000name\u0007' }, 'body.name', 'U+0000 (NUL)'],
    ['BEL in the name', { name: 'bell\u0007' }, 'body.name', 'U+0007'],
    ['a newline in the name', { name: 'two\nlines' }, 'body.name', 'U+000A (line feed)'],
    ['NUL in the model', { model: 'opus\u0000' }, 'body.model', 'U+0000 (NUL)'],
    ['NUL in the system prompt', { system_prompt: 'be\u0000nice' }, 'body.system_prompt', 'U+0000 (NUL)'],
    ['a lone surrogate in the prompt', { system_prompt: 'x\uD800' }, 'body.system_prompt', 'U+D800'],
  ])('422 for %s, and no row', async (_label, fields, path, character) => {
    // The unique prefix starts every name tried, so any row written by mistake would be found.
    const prefix = unique('text-safety');
    const name = `${prefix}${'name' in fields ? fields.name : ''}`;
    const response = await call('/api/orchestrators', { method: 'POST', json: { ...fields, name } });
    await expectRefused(response, path, character);
    expect(await orchestratorsNamedLike(prefix)).toBe(0);
  });

  it('keeps newlines and tabs in a system prompt', async () => {
    const prompt = 'Rules:\n\t1. be brief\r\n\t2. be kind';
    const response = await call('/api/orchestrators', {
      method: 'POST',
      json: { name: unique('text-safety'), system_prompt: prompt },
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { system_prompt: string }).system_prompt).toBe(prompt);
  });
});

describe('PATCH /api/orchestrators/:id', () => {
  it.each([
    [{ name: 'new\u0000name' }, 'body.name', 'U+0000 (NUL)'],
    [{ name: 'tab\tname' }, 'body.name', 'U+0009 (tab)'],
    [{ system_prompt: 'a\u0000b' }, 'body.system_prompt', 'U+0000 (NUL)'],
  ])('422 for %j, and the orchestrator is unchanged', async (fields, path, character) => {
    const name = unique('text-safety');
    const id = await createOrchestrator({ name, system_prompt: 'before' });
    const response = await call(`/api/orchestrators/${id}`, { method: 'PATCH', json: fields });
    await expectRefused(response, path, character);
    const [row] = await withDatabase((db) => db.select().from(orchestrators).where(eq(orchestrators.id, id)));
    expect(row).toMatchObject({ name, systemPrompt: 'before' });
  });
});

describe('POST /api/orchestrators/:id/messages', () => {
  it.each([
    ['hello\u0000world', 'U+0000 (NUL)'],
    ['broken \uDC00 escape', 'U+DC00 (a lone surrogate)'],
  ])('422 for %j, and no chat message is stored', async (message, character) => {
    const id = await createOrchestrator();
    const response = await call(`/api/orchestrators/${id}/messages`, { method: 'POST', json: { message } });
    await expectRefused(response, 'body.message', character);
    const rows = await withDatabase((db) =>
      db.select().from(chatMessages).where(eq(chatMessages.orchestratorId, id)),
    );
    expect(rows).toHaveLength(0);
  });
});

describe('PATCH /api/orchestrators/:id/agents/:name', () => {
  it('422 for a NUL in the agent name (a path parameter that reaches SQL)', async () => {
    const id = await createOrchestrator();
    const response = await call(`/api/orchestrators/${id}/agents/bad%00name`, {
      method: 'PATCH',
      json: { budget_usd: 1 },
    });
    await expectRefused(response, 'param.name', 'U+0000 (NUL)');
  });
});

describe('POST /api/orchestrators/:id/adws', () => {
  const start = { workflow_type: 'plan_build', prompt: 'build it', name: 'wf' };

  it.each([
    [{ name: 'wf\u0000' }, 'body.name', 'U+0000 (NUL)'],
    [{ name: 'wf\u001b[31m' }, 'body.name', 'U+001B'],
    [{ prompt: 'build\u0000it' }, 'body.prompt', 'U+0000 (NUL)'],
    [{ description: 'd\uD800' }, 'body.description', 'U+D800'],
    [{ workflow_type: 'plan\u0000' }, 'body.workflow_type', 'U+0000 (NUL)'],
  ])('422 for %j, and no workflow is stored', async (fields, path, character) => {
    const id = await createOrchestrator();
    const response = await call(`/api/orchestrators/${id}/adws`, {
      method: 'POST',
      json: { ...start, ...fields },
    });
    await expectRefused(response, path, character);
    const rows = await withDatabase((db) => db.select().from(adws).where(eq(adws.orchestratorId, id)));
    expect(rows).toHaveLength(0);
  });
});

describe('query and path parameters that reach SQL', () => {
  it.each([
    ['events text', (id: string) => `/api/orchestrators/${id}/events?text=a%00b`, 'query.text', 'U+0000'],
    ['events type', (id: string) => `/api/orchestrators/${id}/events?type=text%00`, 'query.type', ''],
    ['files after', (id: string) => `/api/orchestrators/${id}/files?after=a%00`, 'query.after', 'U+0000'],
    [
      'files prefix',
      (id: string) => `/api/orchestrators/${id}/files?prefix=src%07`,
      'query.prefix',
      'U+0007',
    ],
    ['file path', (id: string) => `/api/orchestrators/${id}/files/a%00b.txt`, 'param.path', 'NUL'],
    ['history path', (id: string) => `/api/orchestrators/${id}/history/a%00b.txt`, 'param.path', 'NUL'],
    ['workflow step', () => `/api/adws/${crypto.randomUUID()}/events?step=plan%00`, 'query.step', 'U+0000'],
  ])('422 for NUL in the %s', async (_label, path, where, character) => {
    const id = await createOrchestrator();
    await expectRefused(await call(path(id)), where, character);
  });
});
