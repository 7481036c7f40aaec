/**
 * Bad input to the PATCH routes (an orchestrator's settings, an agent's budget) gets the one error
 * shape with the request id of the response, and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { call, expectError } from './helpers/api.ts';
import { scriptModel } from './helpers/emulator.ts';
import { createOrchestrator, say, turnSettled } from './helpers/orchestrators.ts';
import { expectNothingRecorded, issuePaths, recordedState } from './helpers/recorded-state.ts';
import { openStream } from './helpers/stream.ts';

interface OrchestratorJson {
  name: string;
  model: string;
  system_prompt: string | null;
  budget_usd: number | null;
  updated_at: string;
}

async function settingsOf(id: string): Promise<OrchestratorJson> {
  const { name, model, system_prompt, budget_usd, updated_at } = (await (
    await call(`/api/orchestrators/${id}`)
  ).json()) as OrchestratorJson;
  return { name, model, system_prompt, budget_usd, updated_at };
}

async function agentBudgets(id: string): Promise<Array<[string, number | null]>> {
  const { agents } = (await (await call(`/api/orchestrators/${id}/agents`)).json()) as {
    agents: Array<{ name: string; budget_usd: number | null }>;
  };
  return agents.map((agent) => [agent.name, agent.budget_usd]);
}

const patch = (path: string, json: unknown) => call(path, { method: 'PATCH', json });

describe('PATCH /api/orchestrators/:id refuses bad changes and changes nothing', () => {
  it.each([
    ['no field at all', {}, 'body'],
    ['an unknown field', { nmae: 'typo' }, 'body'],
    ['an empty name', { name: '  ' }, 'body.name'],
    ['a name of the wrong type', { name: 7 }, 'body.name'],
    ['a model id with spaces', { model: 'claude opus' }, 'body.model'],
    ['a zero budget', { budget_usd: 0 }, 'body.budget_usd'],
    ['a negative budget', { budget_usd: -5 }, 'body.budget_usd'],
    ['a budget given as a string', { budget_usd: '5' }, 'body.budget_usd'],
    ['a system prompt of the wrong type', { system_prompt: ['be nice'] }, 'body.system_prompt'],
    ['an array body', [{ name: 'x' }], 'body'],
  ])('422 for %s', async (_label, payload, path) => {
    const id = await createOrchestrator({ budget_usd: 5 });
    const before = await settingsOf(id);
    const state = await recordedState(id);
    const body = await expectError(
      await patch(`/api/orchestrators/${id}`, payload),
      422,
      'validation_failed',
    );
    expect(issuePaths(body.error.details)).toContain(path);
    expect(await settingsOf(id)).toEqual(before);
    await expectNothingRecorded(id, state);
  });

  it('400 for malformed JSON, 415 for a body that is not JSON, 413 over the limit', async () => {
    const id = await createOrchestrator();
    const before = await settingsOf(id);
    const path = `/api/orchestrators/${id}`;
    const malformed = await call(path, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":',
    });
    await expectError(malformed, 400, 'malformed_json');
    const plain = await call(path, {
      method: 'PATCH',
      headers: { 'Content-Type': 'text/plain' },
      body: 'name=x',
    });
    await expectError(plain, 415, 'unsupported_media_type');
    await expectError(await patch(path, { system_prompt: 'x'.repeat(1_100_000) }), 413, 'payload_too_large');
    expect(await settingsOf(id)).toEqual(before);
  });

  it('a request with no body at all is refused as invalid, not a server error', async () => {
    const id = await createOrchestrator();
    const before = await settingsOf(id);
    const response = await call(`/api/orchestrators/${id}`, { method: 'PATCH' });
    expect(response.status).toBeLessThan(500);
    const body = await expectError(response, 422, 'validation_failed');
    expect(issuePaths(body.error.details)).toContain('body');
    expect(await settingsOf(id)).toEqual(before);
  });

  it('404 unknown, 409 archived, 422 bad id, 401 without credentials', async () => {
    await expectError(
      await patch(`/api/orchestrators/${crypto.randomUUID()}`, { name: 'x' }),
      404,
      'not_found',
    );
    const archived = await createOrchestrator({ name: 'old' });
    expect((await call(`/api/orchestrators/${archived}/archive`, { method: 'POST' })).status).toBe(200);
    await expectError(await patch(`/api/orchestrators/${archived}`, { name: 'revived' }), 409, 'conflict');
    expect((await settingsOf(archived)).name).toBe('old');
    const invalid = await expectError(
      await patch('/api/orchestrators/not-a-uuid', { name: 'x' }),
      422,
      'validation_failed',
    );
    expect(issuePaths(invalid.error.details)).toContain('param.id');
    const id = await createOrchestrator({ name: 'kept' });
    await expectError(
      await call(`/api/orchestrators/${id}`, { method: 'PATCH', token: null, json: { name: 'stolen' } }),
      401,
      'unauthorized',
    );
    expect((await settingsOf(id)).name).toBe('kept');
  });
});

describe('PATCH /api/orchestrators/:id/agents/:name refuses bad budgets and changes nothing', () => {
  async function orchestratorWithAgent(): Promise<string> {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { tool_uses: [{ name: 'create_agent', input: { name: 'worker' } }] },
      { text: 'Created.' },
    ]);
    const stream = await openStream(id, 0);
    await turnSettled(stream, (await say(id, 'create worker')).turn_id);
    stream.close();
    expect(await agentBudgets(id)).toEqual([['worker', null]]);
    return id;
  }

  it('rejects every malformed budget with 422 naming it', async () => {
    const id = await orchestratorWithAgent();
    const state = await recordedState(id);
    const cases: Array<[unknown, string]> = [
      [{}, 'body.budget_usd'],
      [{ budget_usd: 0 }, 'body.budget_usd'],
      [{ budget_usd: -1 }, 'body.budget_usd'],
      [{ budget_usd: 2_000_000 }, 'body.budget_usd'],
      [{ budget_usd: '1' }, 'body.budget_usd'],
      [{ budget_usd: 1, model: 'opus' }, 'body'],
    ];
    for (const [payload, path] of cases) {
      const body = await expectError(
        await patch(`/api/orchestrators/${id}/agents/worker`, payload),
        422,
        'validation_failed',
      );
      expect(issuePaths(body.error.details), JSON.stringify(payload)).toContain(path);
    }
    expect(await agentBudgets(id)).toEqual([['worker', null]]);
    await expectNothingRecorded(id, state);
  });

  it('404 for an unknown agent or orchestrator, 409 archived, 422 bad id, 401 anonymous', async () => {
    const id = await orchestratorWithAgent();
    await expectError(
      await patch(`/api/orchestrators/${id}/agents/ghost`, { budget_usd: 1 }),
      404,
      'not_found',
    );
    await expectError(
      await patch(`/api/orchestrators/${crypto.randomUUID()}/agents/worker`, { budget_usd: 1 }),
      404,
      'not_found',
    );
    await expectError(
      await patch('/api/orchestrators/not-a-uuid/agents/worker', { budget_usd: 1 }),
      422,
      'validation_failed',
    );
    await expectError(
      await call(`/api/orchestrators/${id}/agents/worker`, {
        method: 'PATCH',
        token: null,
        json: { budget_usd: 1 },
      }),
      401,
      'unauthorized',
    );
    expect((await call(`/api/orchestrators/${id}/archive`, { method: 'POST' })).status).toBe(200);
    await expectError(
      await patch(`/api/orchestrators/${id}/agents/worker`, { budget_usd: 1 }),
      409,
      'conflict',
    );
    expect(await agentBudgets(id)).toEqual([['worker', null]]);
  });
});
