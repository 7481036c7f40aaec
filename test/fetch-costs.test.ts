/**
 * GET /api/orchestrators/:id/costs: totals, by agent, by model and per time bucket, from the model
 * calls the emulator answered (priced and recorded by the orchestrator) and from calls stored directly.
 */
import { describe, expect, it } from 'vitest';
import { modelCalls } from '../src/db/schema.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import { scriptModel } from './helpers/emulator.ts';
import { agentStopped, createOrchestrator, say, turnSettled } from './helpers/orchestrators.ts';
import { openStream } from './helpers/stream.ts';
import { scriptFreeSummaries } from './helpers/summaries.ts';

interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_write_tokens: number;
  cache_read_tokens: number;
  cost_usd: number;
  model_calls: number;
}

interface CostReport {
  bucket: string;
  totals: Usage;
  by_agent: Array<Usage & { purpose: string; agent_id: string | null; agent_name: string | null }>;
  by_model: Array<Usage & { model: string }>;
  series: Array<Usage & { start: string }>;
}

const costsOf = (id: string, query = '') => `/api/orchestrators/${id}/costs${query}`;

async function report(id: string, query = ''): Promise<CostReport> {
  const response = await call(costsOf(id, query));
  expect(response.status).toBe(200);
  return (await response.json()) as CostReport;
}

const sum = (rows: Usage[], key: keyof Usage) => rows.reduce((total, row) => total + row[key], 0);

describe('GET /api/orchestrators/:id/costs', () => {
  it('is all zeros for an orchestrator that has made no call', async () => {
    const id = await createOrchestrator();
    expect(await report(id)).toEqual({
      bucket: 'hour',
      totals: {
        input_tokens: 0,
        output_tokens: 0,
        cache_write_tokens: 0,
        cache_read_tokens: 0,
        cost_usd: 0,
        model_calls: 0,
      },
      by_agent: [],
      by_model: [],
      series: [],
    });
  });

  it('splits a real run by the orchestrator and its agent, and the parts add up to the totals', async () => {
    const id = await createOrchestrator();
    await scriptFreeSummaries(id);
    await scriptModel(id, [
      { tool_uses: [{ name: 'create_agent', input: { name: 'alpha' } }] },
      { tool_uses: [{ name: 'command_agent', input: { agent_name: 'alpha', command: 'write a.txt' } }] },
      { text: 'Dispatched.' },
      { text: 'alpha wrote a.txt.' },
    ]);
    await scriptModel(`${id}:alpha`, [
      { tool_uses: [{ name: 'write_file', input: { path: 'a.txt', content: 'a\n' } }] },
      { text: 'Wrote a.txt.' },
    ]);
    const stream = await openStream(id, 0);
    const { turn_id } = await say(id, 'make alpha write a file');
    await turnSettled(stream, turn_id);
    await agentStopped(stream, 'alpha');
    // alpha's report reaches the orchestrator as one more turn.
    const reportTurn = await stream.waitFor(
      (e) => e.type === 'turn_started' && e.data.turn_id !== turn_id,
      'the report turn',
    );
    await turnSettled(stream, String(reportTurn.data.turn_id));
    stream.close();

    const costs = await report(id);
    expect(costs.totals.model_calls).toBeGreaterThanOrEqual(5);
    expect(costs.totals.cost_usd).toBeGreaterThan(0);
    expect(costs.totals.output_tokens).toBeGreaterThan(0);
    const orchestrator = costs.by_agent.find((row) => row.purpose === 'orchestrator');
    const alpha = costs.by_agent.find((row) => row.agent_name === 'alpha');
    expect(orchestrator).toMatchObject({ agent_id: null, agent_name: null, model_calls: 4 });
    expect(alpha).toMatchObject({ purpose: 'agent', model_calls: 2 });
    expect(alpha?.cost_usd).toBeGreaterThan(0);
    for (const parts of [costs.by_agent, costs.by_model, costs.series]) {
      expect(sum(parts, 'model_calls')).toBe(costs.totals.model_calls);
      expect(sum(parts, 'output_tokens')).toBe(costs.totals.output_tokens);
      expect(sum(parts, 'cost_usd')).toBeCloseTo(costs.totals.cost_usd, 6);
    }
    // The agents route and the costs route agree on what alpha spent.
    const agents = (await (await call(`/api/orchestrators/${id}/agents`)).json()) as {
      agents: Array<{ name: string; usage: { cost_usd: number } }>;
    };
    expect(agents.agents.find((a) => a.name === 'alpha')?.usage.cost_usd).toBeCloseTo(
      alpha?.cost_usd ?? -1,
      6,
    );
  });

  it('buckets by minute, hour and day in UTC, oldest first, with cache tokens', async () => {
    const id = await createOrchestrator();
    const row = (createdAt: string, model: string, costUsd: number) => ({
      orchestratorId: id,
      purpose: 'summary' as const,
      model,
      inputTokens: 100,
      outputTokens: 10,
      cacheWriteTokens: 5,
      cacheReadTokens: 50,
      costUsd,
      createdAt: new Date(createdAt),
    });
    await withDatabase((db) =>
      db
        .insert(modelCalls)
        .values([
          row('2026-01-01T10:15:20Z', 'haiku-test', 0.01),
          row('2026-01-01T10:15:50Z', 'haiku-test', 0.02),
          row('2026-01-01T10:45:00Z', 'sonnet-test', 0.5),
          row('2026-01-02T09:00:00Z', 'sonnet-test', 0.25),
        ]),
    );
    const starts = async (bucket: string) =>
      (await report(id, `?bucket=${bucket}`)).series.map((point) => [point.start, point.model_calls]);
    expect(await starts('minute')).toEqual([
      ['2026-01-01T10:15:00Z', 2],
      ['2026-01-01T10:45:00Z', 1],
      ['2026-01-02T09:00:00Z', 1],
    ]);
    expect(await starts('hour')).toEqual([
      ['2026-01-01T10:00:00Z', 3],
      ['2026-01-02T09:00:00Z', 1],
    ]);
    const daily = await report(id, '?bucket=day');
    expect(daily.bucket).toBe('day');
    expect(daily.series).toEqual([
      {
        start: '2026-01-01T00:00:00Z',
        input_tokens: 300,
        output_tokens: 30,
        cache_write_tokens: 15,
        cache_read_tokens: 150,
        cost_usd: 0.53,
        model_calls: 3,
      },
      {
        start: '2026-01-02T00:00:00Z',
        input_tokens: 100,
        output_tokens: 10,
        cache_write_tokens: 5,
        cache_read_tokens: 50,
        cost_usd: 0.25,
        model_calls: 1,
      },
    ]);
    expect(daily.by_model.map((m) => [m.model, m.cost_usd])).toEqual([
      ['sonnet-test', 0.75],
      ['haiku-test', 0.03],
    ]);
    expect(daily.by_agent).toEqual([
      expect.objectContaining({ purpose: 'summary', agent_id: null, agent_name: null, model_calls: 4 }),
    ]);
  });

  it.each([['bucket=week'], ['bucket=HOUR'], ['bucket=']])('422 for %s', async (query) => {
    const id = await createOrchestrator();
    const body = await expectError(await call(costsOf(id, `?${query}`)), 422, 'validation_failed');
    expect(body.error.message).toContain('query.bucket');
  });

  it('404 for an unknown orchestrator, 422 for a malformed id, 401 without credentials', async () => {
    await expectError(await call(costsOf('00000000-0000-4000-8000-000000000000')), 404, 'not_found');
    await expectError(await call(costsOf('not-a-uuid')), 422, 'validation_failed');
    const id = await createOrchestrator();
    expect((await call(costsOf(id), { token: null })).status).toBe(401);
  });
});
