/**
 * Pipeline schedules and runs over REST: CRUD with the schedule core's validation, pause/resume, a
 * run started now going through the work queue to a stored decision with live events, and the
 * decision pipeline run directly.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events } from '../src/db/schema.ts';
import { backtests, pipelineRuns, pipelineSchedules } from '../src/db/schema-pipelines.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { deliverBatch } from './helpers/queue.ts';
import { caughtUp, openStream } from './helpers/stream.ts';
import { until } from './helpers/wait.ts';

interface Schedule {
  id: string;
  orchestrator_id: string;
  name: string;
  kind: string;
  cron: string;
  timezone: string;
  trading_days_only: boolean;
  paused: boolean;
  params: Record<string, unknown>;
  checked_through: string;
  next_runs: string[];
}
interface Run {
  id: string;
  schedule_id: string | null;
  kind: string;
  trigger: string;
  status: string;
  result: Record<string, unknown> | null;
  error: string | null;
  execution_log: { step: string; status: string; duration_ms: number }[];
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
}
interface Issues {
  issues: { path: string; message: string }[];
}

const STEPS = ['regime', 'portfolio', 'discipline', 'allocation', 'guardian'];

async function createSchedule(body: Record<string, unknown>): Promise<Response> {
  return call('/api/pipelines/schedules', { method: 'POST', json: body });
}

const morning = (orchestratorId: string) => ({
  orchestrator_id: orchestratorId,
  name: 'Morning decision',
  kind: 'decision',
  cron: '35 9 * * MON-FRI',
  timezone: 'America/New_York',
  trading_days_only: true,
});

async function scheduleCount(orchestratorId: string): Promise<number> {
  const [row] = await withDatabase((db) =>
    db
      .select({ n: count() })
      .from(pipelineSchedules)
      .where(eq(pipelineSchedules.orchestratorId, orchestratorId)),
  );
  return row?.n ?? -1;
}

async function runCount(orchestratorId: string): Promise<number> {
  const [row] = await withDatabase((db) =>
    db.select({ n: count() }).from(pipelineRuns).where(eq(pipelineRuns.orchestratorId, orchestratorId)),
  );
  return row?.n ?? -1;
}

describe('pipeline schedules', () => {
  it('creates, reads, lists, changes, pauses, resumes and deletes a schedule', async () => {
    const id = await createOrchestrator();
    const created = await createSchedule({ ...morning(id), params: { cash: 5000 } });
    expect(created.status).toBe(201);
    const schedule = (await created.json()) as Schedule;
    expect(schedule).toMatchObject({
      orchestrator_id: id,
      name: 'Morning decision',
      kind: 'decision',
      trading_days_only: true,
      paused: false,
      params: { cash: 5000 },
    });
    expect(schedule.next_runs).toHaveLength(3);
    for (const instant of schedule.next_runs) {
      // 09:35 in New York is 13:35Z (EDT) or 14:35Z (EST), on a weekday.
      expect(instant).toMatch(/T1[34]:35:00\.000Z$/);
      expect([0, 6]).not.toContain(new Date(instant).getUTCDay());
    }

    expect(await (await call(`/api/pipelines/schedules/${schedule.id}`)).json()).toMatchObject({
      id: schedule.id,
    });
    const second = (await (await createSchedule({ ...morning(id), name: 'Second' })).json()) as Schedule;
    const listed = (await (await call(`/api/pipelines/schedules?orchestrator_id=${id}`)).json()) as {
      schedules: Schedule[];
    };
    expect(listed.schedules.map((s) => s.id)).toEqual([second.id, schedule.id]);

    const patched = await call(`/api/pipelines/schedules/${schedule.id}`, {
      method: 'PATCH',
      json: { name: 'Noon', cron: '0 12 * * *', timezone: 'Europe/London', trading_days_only: false },
    });
    expect(patched.status).toBe(200);
    const noon = (await patched.json()) as Schedule;
    expect(noon).toMatchObject({ name: 'Noon', cron: '0 12 * * *', timezone: 'Europe/London' });
    expect(noon.next_runs[0]).toMatch(/T1[12]:00:00\.000Z$/);

    const paused = (await (
      await call(`/api/pipelines/schedules/${schedule.id}/pause`, { method: 'POST' })
    ).json()) as Schedule;
    expect(paused).toMatchObject({ paused: true, next_runs: [] });
    // Resuming starts from now: what was due while paused is not replayed.
    await withDatabase((db) =>
      db.execute(
        sql`update pipeline_schedules set checked_through = now() - interval '3 days' where id = ${schedule.id}`,
      ),
    );
    const resumed = (await (
      await call(`/api/pipelines/schedules/${schedule.id}/resume`, { method: 'POST' })
    ).json()) as Schedule;
    expect(resumed.paused).toBe(false);
    expect(Date.now() - Date.parse(resumed.checked_through)).toBeLessThan(60_000);

    // A run keeps its row when its schedule is deleted.
    const run = (await (
      await call(`/api/pipelines/schedules/${schedule.id}/run`, { method: 'POST' })
    ).json()) as Run;
    expect((await call(`/api/pipelines/schedules/${schedule.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectError(await call(`/api/pipelines/schedules/${schedule.id}`), 404, 'not_found');
    const kept = await until(async () => {
      const body = (await (await call(`/api/pipelines/runs/${run.id}`)).json()) as Run;
      return body.status === 'succeeded' && body;
    }, 'the run to finish');
    expect(kept.schedule_id).toBeNull();
  });

  it('refuses bad input with 422 naming the field, and stores nothing', async () => {
    const id = await createOrchestrator();
    const badCron = await expectError(
      await createSchedule({ ...morning(id), cron: '0 8 * *' }),
      422,
      'validation_failed',
    );
    expect((badCron.error.details as Issues).issues).toEqual([
      { path: 'body.cron', message: expect.stringContaining('has 4 fields') },
    ]);
    const badZone = await expectError(
      await createSchedule({ ...morning(id), timezone: 'Mars/Olympus' }),
      422,
      'validation_failed',
    );
    expect((badZone.error.details as Issues).issues[0]).toMatchObject({
      path: 'body.timezone',
      message: expect.stringContaining('not a known IANA time zone'),
    });
    const nul = await expectError(
      await createSchedule({ ...morning(id), name: 'a\u0000b' }),
      422,
      'validation_failed',
    );
    expect((nul.error.details as Issues).issues[0]?.path).toBe('body.name');
    const badParams = await expectError(
      await createSchedule({ ...morning(id), params: { cash: -1 } }),
      422,
      'validation_failed',
    );
    expect((badParams.error.details as Issues).issues[0]?.path).toBe('body.params.cash');
    const backtest = await expectError(
      await createSchedule({
        ...morning(id),
        kind: 'backtest',
        params: { strategy: 'nope', symbols: ['SPY'] },
      }),
      422,
      'validation_failed',
    );
    expect((backtest.error.details as Issues).issues.map((i) => i.path)).toContain('body.params.strategy');
    expect(await scheduleCount(id)).toBe(0);

    await expectError(
      await createSchedule(morning('00000000-0000-4000-8000-000000000000')),
      404,
      'not_found',
    );
    const unknown = '00000000-0000-4000-8000-000000000001';
    await expectError(await call(`/api/pipelines/schedules/${unknown}`), 404, 'not_found');
    await expectError(
      await call(`/api/pipelines/schedules/${unknown}/pause`, { method: 'POST' }),
      404,
      'not_found',
    );
    await expectError(
      await call(`/api/pipelines/schedules/${unknown}/run`, { method: 'POST' }),
      404,
      'not_found',
    );
    await expectError(await call(`/api/pipelines/runs/${unknown}`), 404, 'not_found');
    await expectError(await call('/api/pipelines/runs/not-a-uuid'), 422, 'validation_failed');
    await expectError(await call('/api/pipelines/runs?limit=0'), 422, 'validation_failed');
    await expectError(await call('/api/pipelines/runs?cursor=zzz'), 422, 'validation_failed');

    const schedule = (await (await createSchedule(morning(id))).json()) as Schedule;
    await expectError(
      await call(`/api/pipelines/schedules/${schedule.id}`, {
        method: 'PATCH',
        json: { cron: '61 * * * *' },
      }),
      422,
      'validation_failed',
    );
    expect((await (await call(`/api/pipelines/schedules/${schedule.id}`)).json()) as Schedule).toMatchObject({
      cron: '35 9 * * MON-FRI',
    });

    expect((await call(`/api/orchestrators/${id}/archive`, { method: 'POST' })).status).toBe(200);
    await expectError(await createSchedule(morning(id)), 409, 'conflict');
  });
});

describe('pipeline runs', () => {
  it('runs a schedule now through the work queue to a stored decision, with live events', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id);
    const schedule = (await (
      await createSchedule({ ...morning(id), params: { as_of: '2024-06-28' } })
    ).json()) as Schedule;
    const queued = await call(`/api/pipelines/schedules/${schedule.id}/run`, { method: 'POST' });
    expect(queued.status).toBe(202);
    const run = (await queued.json()) as Run;
    expect(run).toMatchObject({
      schedule_id: schedule.id,
      kind: 'decision',
      trigger: 'manual',
      status: 'queued',
    });

    const done = await stream.waitFor(
      (e) => e.type === 'pipeline_run' && e.data.run_id === run.id && e.data.status === 'succeeded',
      'the run to succeed',
    );
    expect(done.category).toBe('pipeline');
    expect(done.data.summary).toEqual(expect.any(String));
    const runEvents = stream.events.filter((e) => e.type === 'pipeline_run' && e.data.run_id === run.id);
    expect(runEvents.map((e) => e.data.status)).toEqual(['queued', 'running', 'succeeded']);
    const steps = stream.events.filter((e) => e.type === 'pipeline_step' && e.data.run_id === run.id);
    expect(steps.map((e) => `${e.data.step}:${e.data.status}`)).toEqual(
      STEPS.flatMap((step) => [`${step}:running`, `${step}:succeeded`]),
    );
    expect(steps[0]?.data).toMatchObject({ index: 0, total: 5 });

    const stored = (await (await call(`/api/pipelines/runs/${run.id}`)).json()) as Run;
    expect(stored).toMatchObject({ status: 'succeeded', attempts: 1, error: null });
    expect(stored.execution_log.map((entry) => [entry.step, entry.status])).toEqual(
      STEPS.map((step) => [step, 'succeeded']),
    );
    expect(stored.result).toMatchObject({
      regime: { asof: '2024-06-28', label: expect.any(String) },
      decision: { allow_trade: expect.any(Boolean), risk_mode: expect.any(String) },
      guardian_guardrails: { guardian_decision: { trade_allowed: expect.any(Boolean) } },
    });
    // The events are stored like every event.
    const [storedEvents] = await withDatabase((db) =>
      db
        .select({ n: count() })
        .from(events)
        .where(and(eq(events.orchestratorId, id), eq(events.category, 'pipeline'))),
    );
    expect(storedEvents?.n).toBe(runEvents.length + steps.length);

    // A redelivered message finds the run finished: acknowledged, no work, no events.
    const seq = await caughtUp(stream, id);
    const again = await deliverBatch([{ id: 'again', body: { kind: 'pipeline_run', run_id: run.id } }]);
    expect(again).toMatchObject({ explicitAcks: ['again'], retryMessages: [] });
    expect(await caughtUp(stream, id)).toBe(seq);
    expect(((await (await call(`/api/pipelines/runs/${run.id}`)).json()) as Run).attempts).toBe(1);

    const page = (await (
      await call(`/api/pipelines/runs?schedule_id=${schedule.id}&status=succeeded&limit=1`)
    ).json()) as { runs: Run[]; next_cursor: string | null };
    expect(page.runs.map((r) => r.id)).toEqual([run.id]);
    stream.close();
  });

  it('runs a backtest schedule: the backtest is stored and the run points at it', async () => {
    const id = await createOrchestrator();
    const params = {
      strategy: 'buy_and_hold',
      symbols: ['SPY'],
      start: '2023-01-03',
      end: '2023-12-29',
      initial_cash: 10_000,
    };
    const created = await createSchedule({ ...morning(id), name: 'Backtest', kind: 'backtest', params });
    expect(created.status).toBe(201);
    const schedule = (await created.json()) as Schedule;
    const run = (await (
      await call(`/api/pipelines/schedules/${schedule.id}/run`, { method: 'POST' })
    ).json()) as Run;
    const done = await until(async () => {
      const body = (await (await call(`/api/pipelines/runs/${run.id}`)).json()) as Run;
      return body.finished_at !== null && body;
    }, 'the backtest run to finish');
    expect(done).toMatchObject({
      status: 'succeeded',
      kind: 'backtest',
      result: {
        backtest_id: expect.any(String),
        num_trades: expect.any(Number),
        metrics: expect.any(Object),
      },
    });
    expect(done.execution_log.map((entry) => [entry.step, entry.status])).toEqual([
      ['backtest', 'succeeded'],
    ]);
    const backtestId = (done.result as { backtest_id: string }).backtest_id;
    const [stored] = await withDatabase((db) =>
      db
        .select({ n: count() })
        .from(backtests)
        .where(and(eq(backtests.id, backtestId), eq(backtests.orchestratorId, id))),
    );
    expect(stored?.n).toBe(1);
  });

  it('a message for a run running elsewhere is retried later; a stale one is taken over', async () => {
    const id = await createOrchestrator();
    const [run] = await withDatabase((db) =>
      db
        .insert(pipelineRuns)
        .values({
          orchestratorId: id,
          kind: 'decision',
          trigger: 'manual',
          status: 'running',
          attempts: 1,
          startedAt: new Date(),
        })
        .returning(),
    );
    if (!run) throw new Error('no run inserted');
    const busy = await deliverBatch([{ id: 'busy', body: { kind: 'pipeline_run', run_id: run.id } }]);
    expect(busy.retryMessages.map((m) => m.msgId)).toEqual(['busy']);
    await withDatabase((db) =>
      db
        .update(pipelineRuns)
        .set({ startedAt: new Date(Date.now() - 6 * 60_000) })
        .where(eq(pipelineRuns.id, run.id)),
    );
    const stale = await deliverBatch([{ id: 'stale', body: { kind: 'pipeline_run', run_id: run.id } }]);
    expect(stale.explicitAcks).toEqual(['stale']);
    expect((await (await call(`/api/pipelines/runs/${run.id}`)).json()) as Run).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
  });

  it('POST /pipelines/decision runs the pipeline at once and stores the run', async () => {
    const id = await createOrchestrator();
    const response = await call('/api/pipelines/decision', { method: 'POST', json: { orchestrator_id: id } });
    expect(response.status).toBe(201);
    const run = (await response.json()) as Run;
    expect(run).toMatchObject({
      kind: 'decision',
      trigger: 'api',
      status: 'succeeded',
      schedule_id: null,
      attempts: 1,
    });
    expect(run.result).toMatchObject({
      regime: { asof: '2024-12-31', confidence: expect.any(Number) },
      portfolio: { total_value: expect.any(Number), open_positions: 2 },
      decision: { position_size_multiplier: expect.any(Number) },
      execution_discipline_score: 0.88,
      steps: { regime: expect.any(Object), allocation: expect.any(Object) },
    });
    expect(run.execution_log.map((entry) => entry.step)).toEqual(STEPS);

    const custom = (await (
      await call('/api/pipelines/decision', {
        method: 'POST',
        json: {
          orchestrator_id: id,
          as_of: '2020-03-21',
          holdings: [{ symbol: 'GLD', quantity: 10, cost_basis: 100 }],
          cash: 0,
          execution_score: 0.5,
          guardian: { symbol: 'QQQ', trade_type: 'scalp', recent_losses: 3 },
        },
      })
    ).json()) as Run;
    // A Saturday: the last trading day before it.
    expect(custom.result).toMatchObject({
      regime: { asof: '2020-03-20' },
      portfolio: { open_positions: 1 },
      execution_discipline_score: 0.5,
      guardian_guardrails: { guardian_decision: { trade_allowed: false } },
    });

    const before = await runCount(id);
    const outOfRange = await expectError(
      await call('/api/pipelines/decision', {
        method: 'POST',
        json: { orchestrator_id: id, as_of: '2030-01-02' },
      }),
      422,
      'validation_failed',
    );
    expect(outOfRange.error.message).toContain('2024-12-31');
    expect((outOfRange.error.details as Issues).issues[0]?.path).toBe('body.as_of');
    const unknownSymbol = await expectError(
      await call('/api/pipelines/decision', {
        method: 'POST',
        json: { orchestrator_id: id, holdings: [{ symbol: 'AAPL', quantity: 1 }] },
      }),
      422,
      'validation_failed',
    );
    expect((unknownSymbol.error.details as Issues).issues[0]?.path).toBe('body.holdings.0.symbol');
    await expectError(
      await call('/api/pipelines/decision', { method: 'POST', json: { orchestrator_id: id, cash: 'lots' } }),
      422,
      'validation_failed',
    );
    expect(await runCount(id)).toBe(before);
    await expectError(
      await call('/api/pipelines/decision', {
        method: 'POST',
        json: { orchestrator_id: '00000000-0000-4000-8000-000000000000' },
      }),
      404,
      'not_found',
    );
  });
});
