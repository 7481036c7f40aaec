/**
 * /api/chains end to end: a sentence becomes parameters (the Messages API emulator answers the
 * extraction), the season-plan chain runs in its own object and its socket shows every agent, the
 * progress and the result; the row keeps the execution log. Bad input is refused before anything is
 * written; unknown runs are 404s; sockets need a credential.
 */
import { describe, expect, it } from 'vitest';
import type { ChainMessage } from '../src/chains/channel-messages.ts';
import { call, expectError, wsTicket } from './helpers/api.ts';
import { openChainSocket, runEnded } from './helpers/chains.ts';
import { type EmulatorStep, modelRequests, scriptModel } from './helpers/emulator.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';

const SENTENCE =
  'Plan a 12-week spring season starting March 2 2026 with weekly replenishment and a 25% holdback';
const PARAMETERS = {
  forecast_horizon_weeks: 12,
  season_start_date: '2026-03-02',
  season_end_date: '2026-05-24',
  replenishment_strategy: 'weekly',
  dc_holdback_percentage: 0.25,
};
const AGENTS = ['context', 'demand', 'inventory', 'pricing'];
const scope = (id: string) => `${id}:chain`;
const answer = (input: Record<string, unknown>): EmulatorStep =>
  ({ tool_uses: [{ name: 'record_season_parameters', input }] }) as EmulatorStep;

async function startRun(body: Record<string, unknown>) {
  const response = await call('/api/chains/run', { method: 'POST', json: body });
  expect(response.status, await response.clone().text()).toBe(202);
  return (await response.json()) as { run_id: string; status: string; channel: string };
}

async function runsOf(orchestratorId: string, query = '') {
  const response = await call(`/api/chains/runs?orchestrator_id=${orchestratorId}${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    runs: Array<{ id: string; status: string }>;
    next_cursor: string | null;
  };
}

describe('POST /api/chains/run', () => {
  it('runs the season plan from one sentence: 202, every agent and the result on the socket, the log in the row', async () => {
    const orchestratorId = await createOrchestrator();
    await scriptModel(scope(orchestratorId), [
      answer({ about_season_planning: true, confidence: 0.9, ...PARAMETERS, season_end_date: undefined }),
    ]);
    const started = await startRun({ text: SENTENCE, orchestrator_id: orchestratorId });
    expect(started).toEqual({
      run_id: expect.any(String),
      status: 'running',
      channel: `/api/chains/runs/${started.run_id}/ws`,
    });

    const socket = await openChainSocket(started.run_id);
    const end = await runEnded(socket);
    socket.close();
    expect(end.type).toBe('complete');
    const statuses = socket.messages
      .filter((m): m is Extract<ChainMessage, { type: 'agent_status' }> => m.type === 'agent_status')
      .map((m) => `${m.agent}:${m.status}`);
    expect(statuses).toEqual(AGENTS.flatMap((agent) => [`${agent}:running`, `${agent}:succeeded`]));
    const percents = socket.messages.flatMap((m) => (m.type === 'progress' ? [m.percent] : []));
    expect(percents).toEqual([25, 50, 75, 100]);
    if (end.type !== 'complete') throw new Error('expected complete');
    expect(Object.keys(end.result)).toEqual(AGENTS);
    expect(end.execution_log.map((e) => e.agent)).toEqual(AGENTS);

    const response = await call(`/api/chains/runs/${started.run_id}`);
    expect(response.status).toBe(200);
    const run = (await response.json()) as Record<string, unknown> & {
      execution_log: Array<Record<string, unknown>>;
    };
    expect(run).toMatchObject({
      id: started.run_id,
      chain: 'season_plan',
      request: SENTENCE,
      params: PARAMETERS,
      status: 'succeeded',
      error: null,
      finished_at: expect.any(String),
    });
    // jsonb keeps keys in its own order.
    expect(Object.keys(run.result as object).sort()).toEqual([...AGENTS].sort());
    expect(run.execution_log.map((e) => [e.agent, e.kind, e.status, e.attempts])).toEqual(
      AGENTS.map((agent) => [agent, 'deterministic', 'succeeded', 1]),
    );
    expect((await runsOf(orchestratorId)).runs.map((r) => r.id)).toEqual([started.run_id]);
  });

  it('runs from parameters as JSON without asking the model, and pages the listing', async () => {
    const orchestratorId = await createOrchestrator();
    const first = await startRun({
      parameters: PARAMETERS,
      orchestrator_id: orchestratorId,
      timeout_ms: 60_000,
    });
    const second = await startRun({ parameters: PARAMETERS, orchestrator_id: orchestratorId });
    for (const { run_id } of [first, second]) {
      const socket = await openChainSocket(run_id);
      expect((await runEnded(socket)).type).toBe('complete');
      socket.close();
    }
    expect(await modelRequests(scope(orchestratorId))).toEqual([]);
    const page1 = await runsOf(orchestratorId, '&limit=1');
    expect(page1.runs.map((r) => r.id)).toEqual([second.run_id]);
    expect(page1.runs[0]).not.toHaveProperty('result');
    const page2 = await runsOf(orchestratorId, `&limit=1&cursor=${page1.next_cursor}`);
    expect(page2.runs.map((r) => r.id)).toEqual([first.run_id]);
  });

  it('refuses bad input with the one error shape and suggestions, writing nothing', async () => {
    const orchestratorId = await createOrchestrator();
    const post = (json: unknown) => call('/api/chains/run', { method: 'POST', json });

    const empty = await expectError(
      await post({ text: '  ', orchestrator_id: orchestratorId }),
      400,
      'bad_request',
    );
    expect(empty.error.details).toMatchObject({ code: 'unparseable', suggestions: expect.any(Array) });

    const rules = await expectError(
      await post({
        parameters: { ...PARAMETERS, forecast_horizon_weeks: 60 },
        orchestrator_id: orchestratorId,
      }),
      422,
      'validation_failed',
    );
    expect(rules.error.details).toMatchObject({
      code: 'invalid_parameters',
      fields: { forecast_horizon_weeks: 'must be between 4 and 52 weeks' },
      issues: [{ path: 'body.parameters.forecast_horizon_weeks', message: 'must be between 4 and 52 weeks' }],
      suggestions: ['weeks must be between 4 and 52'],
    });

    await expectError(await post({ text: SENTENCE, parameters: PARAMETERS }), 422, 'validation_failed');
    await expectError(await post({ parameters: PARAMETERS, timeout_ms: 999 }), 422, 'validation_failed');
    await expectError(await post({ text: 'x'.repeat(2_001) }), 422, 'validation_failed');
    await expectError(
      await post({ parameters: PARAMETERS, orchestrator_id: crypto.randomUUID() }),
      404,
      'not_found',
    );

    await scriptModel(scope(orchestratorId), [{ error: { status: 529 } }]);
    const down = await expectError(
      await post({ text: SENTENCE, orchestrator_id: orchestratorId }),
      503,
      'service_unavailable',
    );
    expect(down.error.details).toMatchObject({ code: 'model_unavailable', suggestions: expect.any(Array) });

    expect((await runsOf(orchestratorId)).runs).toEqual([]);
  });
});

describe('POST /api/chains/extract-parameters', () => {
  it('answers the parameters a sentence means, and 400 for text that is not a plan', async () => {
    const orchestratorId = await createOrchestrator();
    await scriptModel(scope(orchestratorId), [
      answer({ about_season_planning: true, confidence: 0.8, ...PARAMETERS }),
      answer({ about_season_planning: false, confidence: 0.9 }),
    ]);
    const post = (text: string) =>
      call('/api/chains/extract-parameters', {
        method: 'POST',
        json: { text, orchestrator_id: orchestratorId },
      });
    const response = await post(SENTENCE);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ parameters: PARAMETERS, source: 'model', confidence: 0.8 });
    await expectError(await post('What is the weather in Paris?'), 400, 'bad_request');
  });
});

describe('chain runs by id', () => {
  it('404 for an unknown run, over REST and on the socket; 422 for a malformed id', async () => {
    const unknown = crypto.randomUUID();
    await expectError(await call(`/api/chains/runs/${unknown}`), 404, 'not_found');
    await expectError(
      await call(`/api/chains/runs/${unknown}/ws`, { headers: { Upgrade: 'websocket' } }),
      404,
      'not_found',
    );
    await expectError(await call('/api/chains/runs/not-a-uuid'), 422, 'validation_failed');
  });

  it('opens the socket with a ticket, refuses it without a credential, and asks for an upgrade', async () => {
    const { run_id } = await startRun({ parameters: PARAMETERS });
    await expectError(
      await call(`/api/chains/runs/${run_id}/ws`, { headers: { Upgrade: 'websocket' }, token: null }),
      401,
      'unauthorized',
    );
    await expectError(await call(`/api/chains/runs/${run_id}/ws`), 426, 'bad_request');
    const { ticket } = await wsTicket();
    const response = await call(`/api/chains/runs/${run_id}/ws?ticket=${encodeURIComponent(ticket)}`, {
      headers: { Upgrade: 'websocket' },
      token: null,
    });
    expect(response.status).toBe(101);
    response.webSocket?.accept();
    response.webSocket?.close(1000, 'test done');
    const socket = await openChainSocket(run_id);
    await runEnded(socket);
    socket.close();
  });
});
