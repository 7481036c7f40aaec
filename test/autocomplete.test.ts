/**
 * The learning autocomplete against the real database and the Messages API emulator (its requests
 * use the scope `<orchestrator id>:autocomplete`): the prompt the model receives carries the context
 * and the feedback, three completions come back and are priced into `model_calls` (purpose
 * `autocomplete`), an off-schema answer is asked for once more, a model slower than the deadline
 * gives `timed_out: true`, a spent budget refuses before calling, and bad input gets the one error shape.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertAgent } from '../src/db/agents.ts';
import { insertModelCall } from '../src/db/model-calls.ts';
import { modelCalls } from '../src/db/schema.ts';
import { autocompleteFeedback } from '../src/db/schema-autocomplete.ts';
import { writeFile } from '../src/workspace/store.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import { type EmulatorStep, modelRequests, scriptModel } from './helpers/emulator.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { issuePaths } from './helpers/recorded-state.ts';

const scope = (id: string) => `${id}:autocomplete`;
const suggest = (id: string, json: unknown) =>
  call(`/api/orchestrators/${id}/autocomplete`, { method: 'POST', json });
const feedback = (id: string, json: unknown) =>
  call(`/api/orchestrators/${id}/autocomplete/feedback`, { method: 'POST', json });

const THREE = [
  { completion: 'planner as planner', reasoning: 'accepted before' },
  { completion: 'scout as scout', reasoning: 'a template' },
  { completion: 'reviewer as reviewer', reasoning: 'a template' },
];
const answer = (completions: unknown, extra: Partial<EmulatorStep> = {}): EmulatorStep =>
  ({ tool_uses: [{ name: 'suggest_completions', input: { completions } }], ...extra }) as EmulatorStep;

interface Completions {
  completions: Array<{ completion: string; reasoning: string }>;
  model: string;
  cost_usd: number;
  timed_out: boolean;
}

const callsOf = (id: string) =>
  withDatabase((db) => db.select().from(modelCalls).where(eq(modelCalls.orchestratorId, id)));

function userText(body: unknown): string {
  const messages = (body as { messages: Array<{ content: string }> }).messages;
  return messages.map((message) => message.content).join('\n');
}

describe('POST /orchestrators/:id/autocomplete', () => {
  it('sends the context and the learning, returns three completions and records the call', async () => {
    const id = await createOrchestrator();
    await withDatabase(async (db) => {
      await insertAgent(db, { orchestratorId: id, name: 'alpha', model: 'haiku', systemPrompt: 'x' });
      await writeFile(db, id, 'notes/plan.md', 'hello');
    });
    for (const body of [
      {
        outcome: 'accepted',
        input_before: 'create agent ',
        completion: 'planner as planner',
        reasoning: 'r',
      },
      { outcome: 'rejected', input_before: 'create agent ', completion: 'builder as builder' },
      { outcome: 'ignored', input_before: 'tell alpha', input_sent: 'tell alpha to read notes/plan.md' },
    ]) {
      expect((await feedback(id, body)).status).toBe(204);
    }
    await scriptModel(scope(id), [answer(THREE, { usage: { input_tokens: 1_000, output_tokens: 100 } })]);

    const response = await suggest(id, { text: 'create agent x', cursor: 13 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Completions;
    expect(body.completions).toEqual(THREE);
    expect(body.timed_out).toBe(false);
    expect(body.model).toBe('claude-haiku-4-5-20251001');
    // 1,000 input and 100 output tokens at $1 and $5 per million.
    expect(body.cost_usd).toBeCloseTo(0.0015, 6);

    const [request] = await modelRequests(scope(id));
    const sent = request?.body as { model: string; tool_choice: unknown; tools: Array<{ name: string }> };
    expect(sent.model).toBe('claude-haiku-4-5-20251001');
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'suggest_completions' });
    expect(sent.tools.map((tool) => tool.name)).toEqual(['suggest_completions']);
    const prompt = userText(request?.body);
    expect(prompt).toContain('{"before_cursor":"create agent ","after_cursor":"x"}');
    expect(prompt).toContain(
      '<accepted_before>\n{"typed":"create agent ","completion":"planner as planner"}',
    );
    expect(prompt).toContain(
      '<rejected_before>\n{"typed":"create agent ","completion":"builder as builder"}',
    );
    expect(prompt).toContain('{"typed":"tell alpha","sent":"tell alpha to read notes/plan.md"}');
    expect(prompt).toContain('{"name":"alpha","status":"idle","template":null}');
    expect(prompt).toContain('"notes/plan.md"');
    expect(prompt).toContain('"command":"/plan"');
    expect(prompt).toContain('"type":"plan_build_review_fix"');
    expect(prompt).toContain('"name":"database-expert"');

    const rows = await callsOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      purpose: 'autocomplete',
      agentId: null,
      inputTokens: 1_000,
      outputTokens: 100,
    });
    const costs = (await (await call(`/api/orchestrators/${id}/costs`)).json()) as {
      by_agent: Array<{ purpose: string; cost_usd: number }>;
    };
    expect(costs.by_agent).toContainEqual(
      expect.objectContaining({ purpose: 'autocomplete', cost_usd: 0.0015 }),
    );
  });

  it('asks once more after an off-schema answer, pricing both calls', async () => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [answer([{ completion: 'a\nb', reasoning: 'two lines' }]), answer(THREE)]);
    const body = (await (await suggest(id, { text: 'create agent ' })).json()) as Completions;
    expect(body.completions).toEqual(THREE);
    expect(await modelRequests(scope(id))).toHaveLength(2);
    expect((await callsOf(id)).map((row) => row.purpose)).toEqual(['autocomplete', 'autocomplete']);
  });

  it('503 in the one error shape after two off-schema answers', async () => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [{ text: 'no tool call' }, answer([])]);
    const error = await expectError(await suggest(id, { text: 'list' }), 503, 'service_unavailable');
    expect(error.error.message).toContain('suggest_completions');
    expect(await callsOf(id)).toHaveLength(2);
  });

  it('503 when the model is overloaded', async () => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [{ error: { status: 529 } }]);
    const error = await expectError(await suggest(id, { text: 'list' }), 503, 'service_unavailable');
    expect(error.error.message).toContain('529');
  });

  it('answers timed_out with no completions when the model is slower than the deadline', async () => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [answer(THREE, { delay_ms: 8_000 })]);
    const response = await suggest(id, { text: 'create agent ' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      completions: [],
      model: 'claude-haiku-4-5-20251001',
      cost_usd: 0,
      timed_out: true,
    });
    // No answer came back, so there is nothing to price.
    expect(await callsOf(id)).toEqual([]);
  });

  it('409 before calling the model when the budget is spent', async () => {
    const id = await createOrchestrator({ budget_usd: 0.01 });
    await withDatabase((db) =>
      insertModelCall(db, {
        orchestratorId: id,
        purpose: 'orchestrator',
        model: 'claude-sonnet-5',
        costUsd: 0.02,
      }),
    );
    await scriptModel(scope(id), [answer(THREE)]);
    const error = await expectError(await suggest(id, { text: 'list' }), 409, 'conflict');
    expect(error.error.message).toContain('budget');
    expect(await modelRequests(scope(id))).toEqual([]);
  });
});

describe('the autocomplete routes refuse bad input', () => {
  it('404 for an unknown orchestrator', async () => {
    const unknown = crypto.randomUUID();
    await expectError(await suggest(unknown, { text: 'x' }), 404, 'not_found');
    await expectError(await feedback(unknown, { outcome: 'ignored', input_before: 'x' }), 404, 'not_found');
  });

  it.each([
    ['no text', { cursor: 0 }, 'body.text'],
    ['a cursor past the end', { text: 'abc', cursor: 4 }, 'body.cursor'],
    ['a negative cursor', { text: 'abc', cursor: -1 }, 'body.cursor'],
    ['text with a NUL', { text: 'a\u0000b' }, 'body.text'],
    ['an unknown field', { text: 'a', model: 'opus' }, 'body'],
  ])('autocomplete: 422 for %s', async (_label, body, path) => {
    const id = await createOrchestrator();
    const error = await expectError(await suggest(id, body), 422, 'validation_failed');
    expect(issuePaths(error.error.details).some((p) => p.startsWith(path))).toBe(true);
    expect(await modelRequests(scope(id))).toEqual([]);
  });

  it.each([
    ['an unknown outcome', { outcome: 'liked', input_before: 'x', completion: 'y' }, 'body.outcome'],
    ['accepted without a completion', { outcome: 'accepted', input_before: 'x' }, 'body.completion'],
    ['rejected without a completion', { outcome: 'rejected', input_before: 'x' }, 'body.completion'],
    [
      'a two-line completion',
      { outcome: 'accepted', input_before: 'x', completion: 'a\nb' },
      'body.completion',
    ],
    ['input_before with a NUL', { outcome: 'ignored', input_before: 'a\u0000' }, 'body.input_before'],
    ['no input_before', { outcome: 'ignored' }, 'body.input_before'],
  ])('feedback: 422 for %s, storing nothing', async (_label, body, path) => {
    const id = await createOrchestrator();
    const error = await expectError(await feedback(id, body), 422, 'validation_failed');
    expect(issuePaths(error.error.details)).toContain(path);
    const rows = await withDatabase((db) =>
      db.select().from(autocompleteFeedback).where(eq(autocompleteFeedback.orchestratorId, id)),
    );
    expect(rows).toEqual([]);
  });
});
