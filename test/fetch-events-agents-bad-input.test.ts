/**
 * Bad input to GET /orchestrators/:id/events and GET …/agents gets the one error shape with the
 * request id of the response, and reading never appends an event.
 */
import { describe, expect, it } from 'vitest';
import { call, expectError } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { expectNothingRecorded, issuePaths, recordedState } from './helpers/recorded-state.ts';

const eventsOf = (id: string) => `/api/orchestrators/${id}/events`;
const agentsOf = (id: string) => `/api/orchestrators/${id}/agents`;

describe('GET /api/orchestrators/:id/events refuses bad filters', () => {
  it.each([
    ['after_seq=-1', 'query.after_seq'],
    ['after_seq=abc', 'query.after_seq'],
    ['after_seq=2.5', 'query.after_seq'],
    ['limit=0', 'query.limit'],
    ['limit=1001', 'query.limit'],
    ['limit=-5', 'query.limit'],
    ['limit=ten', 'query.limit'],
    ['category=gossip', 'query.category'],
    ['category=CHAT', 'query.category'],
    ['type=made_up_event', 'query.type'],
    ['type=stop', 'query.type'],
    ['agent_id=alpha', 'query.agent_id'],
    ['agent_id=00000000-0000-0000-0000', 'query.agent_id'],
    ['text=', 'query.text'],
    [`text=${'a'.repeat(201)}`, 'query.text'],
  ])('422 for %s', async (query, path) => {
    const id = await createOrchestrator();
    const before = await recordedState(id);
    const response = await call(`${eventsOf(id)}?${query}`);
    const body = await expectError(response, 422, 'validation_failed');
    expect(issuePaths(body.error.details)).toContain(path);
    expect(body.error.message).toContain(path);
    await expectNothingRecorded(id, before);
  });

  it('names every failing filter at once', async () => {
    const id = await createOrchestrator();
    const response = await call(`${eventsOf(id)}?after_seq=-1&limit=0&category=x&type=y&agent_id=z`);
    const body = await expectError(response, 422, 'validation_failed');
    expect(issuePaths(body.error.details).sort()).toEqual([
      'query.after_seq',
      'query.agent_id',
      'query.category',
      'query.limit',
      'query.type',
    ]);
  });

  it('accepts the limits of every range', async () => {
    const id = await createOrchestrator();
    for (const query of ['limit=1', 'limit=1000', 'after_seq=0', `text=${'a'.repeat(200)}`]) {
      const response = await call(`${eventsOf(id)}?${query}`);
      expect(response.status, query).toBe(200);
      expect(await response.json()).toEqual({ events: [], next_after_seq: null, last_seq: 0 });
    }
  });

  it('404 for an unknown orchestrator, 422 for a bad id, 401 without credentials', async () => {
    await expectError(await call(eventsOf(crypto.randomUUID())), 404, 'not_found');
    const invalid = await expectError(await call(eventsOf('not-a-uuid')), 422, 'validation_failed');
    expect(issuePaths(invalid.error.details)).toContain('param.id');
    await expectError(await call(eventsOf(crypto.randomUUID()), { token: null }), 401, 'unauthorized');
  });
});

describe('GET /api/orchestrators/:id/agents', () => {
  it('404 for an unknown orchestrator, 422 for a bad id, 401 without credentials', async () => {
    await expectError(await call(agentsOf(crypto.randomUUID())), 404, 'not_found');
    const invalid = await expectError(await call(agentsOf('agents')), 422, 'validation_failed');
    expect(issuePaths(invalid.error.details)).toContain('param.id');
    await expectError(await call(agentsOf(crypto.randomUUID()), { token: null }), 401, 'unauthorized');
    await expectError(
      await call(agentsOf(crypto.randomUUID()), { token: 'not-a-configured-token' }),
      401,
      'unauthorized',
    );
  });

  it('lists no agents for a new orchestrator, and reading records nothing', async () => {
    const id = await createOrchestrator();
    const before = await recordedState(id);
    const response = await call(agentsOf(id));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ agents: [] });
    await expectNothingRecorded(id, before);
  });

  it('is not a write route: POST is 404 with the error shape', async () => {
    const id = await createOrchestrator();
    const response = await call(agentsOf(id), { method: 'POST', json: { name: 'sneaky' } });
    await expectError(response, 404, 'not_found');
    expect(await (await call(agentsOf(id))).json()).toEqual({ agents: [] });
  });
});
