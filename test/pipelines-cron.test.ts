/**
 * The cron tick for scheduled pipelines, driven through the Worker's scheduled handler at chosen
 * instants: a 09:35 New York trading-days-only schedule across both DST changes and a holiday gives
 * exactly the expected runs, duplicate and concurrent ticks claim each run once, and a long outage
 * leaves one `missed` row. The queue is a recorder here: these tests check what is enqueued, the
 * runs' execution is tested in pipelines-api.test.ts.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { pipelineRuns, pipelineSchedules } from '../src/db/schema-pipelines.ts';
import { pipelineTick } from '../src/pipelines/cron.ts';
import { hubOf } from '../src/pipelines/events.ts';
import worker from '../src/worker.ts';
import { call, withDatabase } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { openStream } from './helpers/stream.ts';

const created: string[] = [];

afterEach(async () => {
  // A schedule left checked through a past instant would give the next test's later tick a backlog.
  // Its never-executed queued runs would be re-sent by a later test's cron as stranded: gone too.
  for (const id of created.splice(0)) {
    await withDatabase((db) => db.delete(pipelineRuns).where(eq(pipelineRuns.scheduleId, id)));
    await call(`/api/pipelines/schedules/${id}`, { method: 'DELETE' });
  }
});

/** A schedule whose runs are considered from `checkedThrough` on. */
async function scheduleFrom(
  orchestratorId: string,
  checkedThrough: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const response = await call('/api/pipelines/schedules', {
    method: 'POST',
    json: {
      orchestrator_id: orchestratorId,
      name: 'Morning decision',
      kind: 'decision',
      cron: '35 9 * * *',
      timezone: 'America/New_York',
      trading_days_only: true,
      ...fields,
    },
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  created.push(id);
  await withDatabase((db) =>
    db
      .update(pipelineSchedules)
      .set({ checkedThrough: new Date(checkedThrough) })
      .where(eq(pipelineSchedules.id, id)),
  );
  return id;
}

/** Runs the Worker's cron handler at `instant`; resolves with the pipeline messages it enqueued. */
async function tick(instant: string): Promise<Array<{ kind: string; run_id: string }>> {
  const sent: Array<{ kind: string; run_id: string }> = [];
  const queue: Queue = {
    metrics: () => env.WORK_QUEUE.metrics(),
    send: async (message, options) => {
      // Recorded, not delivered: executing the runs is not what these tests are about. A Greeks
      // snapshot the same tick may claim is not delivered either (it would take chains in the
      // background of these tests).
      const kind = (message as { kind?: unknown }).kind;
      if (kind === 'option_snapshot_run')
        return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
      if (kind !== 'pipeline_run') return env.WORK_QUEUE.send(message, options);
      sent.push(message as { kind: string; run_id: string });
      return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
    },
    sendBatch: (messages, options) => env.WORK_QUEUE.sendBatch(messages, options),
  };
  await worker.scheduled(
    createScheduledController({ cron: '*/5 * * * *', scheduledTime: Date.parse(instant) }),
    { ...env, WORK_QUEUE: queue },
  );
  return sent;
}

async function runsOf(scheduleId: string) {
  return withDatabase((db) =>
    db
      .select()
      .from(pipelineRuns)
      .where(eq(pipelineRuns.scheduleId, scheduleId))
      .orderBy(asc(pipelineRuns.scheduledFor)),
  );
}

const instants = (runs: Awaited<ReturnType<typeof runsOf>>) =>
  runs.map((run) => run.scheduledFor?.toISOString());

describe('the pipeline cron tick', () => {
  it('sends a queued run whose message was lost again, once it has waited long enough', async () => {
    const id = await createOrchestrator();
    const schedule = await scheduleFrom(id, '2026-06-01T00:00:00Z');
    const [lost] = await withDatabase((db) =>
      db
        .insert(pipelineRuns)
        .values({
          orchestratorId: id,
          scheduleId: schedule,
          kind: 'decision',
          trigger: 'manual',
          status: 'queued',
        })
        .returning(),
    );
    if (!lost) throw new Error('no run inserted');
    // Too recent: its message may still be on the queue.
    expect((await tick('2026-05-01T00:00:00Z')).map((m) => m.run_id)).not.toContain(lost.id);
    await withDatabase((db) =>
      db
        .update(pipelineRuns)
        .set({ createdAt: new Date(Date.now() - 11 * 60_000) })
        .where(eq(pipelineRuns.id, lost.id)),
    );
    expect((await tick('2026-05-01T00:00:00Z')).map((m) => m.run_id)).toContain(lost.id);
  });

  it('spring forward: 09:35 New York is 14:35Z before the change and 13:35Z after, weekends skipped', async () => {
    const id = await createOrchestrator();
    const schedule = await scheduleFrom(id, '2026-03-06T00:00:00Z');
    const sent = await tick('2026-03-10T15:00:00Z');
    const runs = await runsOf(schedule);
    expect(instants(runs)).toEqual([
      '2026-03-06T14:35:00.000Z',
      '2026-03-09T13:35:00.000Z',
      '2026-03-10T13:35:00.000Z',
    ]);
    expect(runs.every((run) => run.status === 'queued' && run.trigger === 'cron')).toBe(true);
    expect(sent.map((m) => m.run_id).sort()).toEqual(runs.map((run) => run.id).sort());
    const [row] = await withDatabase((db) =>
      db.select().from(pipelineSchedules).where(eq(pipelineSchedules.id, schedule)),
    );
    expect(row?.checkedThrough.toISOString()).toBe('2026-03-10T15:00:00.000Z');
  });

  it('fall back and a holiday: 13:35Z then 14:35Z, and nothing on Thanksgiving', async () => {
    const id = await createOrchestrator();
    const autumn = await scheduleFrom(id, '2026-10-30T00:00:00Z');
    await tick('2026-11-03T15:00:00Z');
    expect(instants(await runsOf(autumn))).toEqual([
      '2026-10-30T13:35:00.000Z',
      '2026-11-02T14:35:00.000Z',
      '2026-11-03T14:35:00.000Z',
    ]);
    await withDatabase((db) => db.delete(pipelineRuns).where(eq(pipelineRuns.scheduleId, autumn)));
    await call(`/api/pipelines/schedules/${autumn}`, { method: 'DELETE' });

    const thanksgiving = await scheduleFrom(id, '2026-11-25T00:00:00Z');
    await tick('2026-11-28T00:00:00Z');
    // Thursday 26 November is closed; Friday 27 (an early close) is a trading day.
    expect(instants(await runsOf(thanksgiving))).toEqual([
      '2026-11-25T14:35:00.000Z',
      '2026-11-27T14:35:00.000Z',
    ]);
  });

  it('a repeated tick and two concurrent ticks enqueue each run once', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id);
    const schedule = await scheduleFrom(id, '2026-06-01T00:00:00Z');
    const first = await tick('2026-06-03T15:00:00Z');
    const again = await tick('2026-06-03T15:00:00Z');
    expect(first).toHaveLength(3);
    expect(again).toEqual([]);

    // Both see 4 June due (the check is re-read by each); the claim lets one of them have it.
    const [left, right] = await Promise.all([tick('2026-06-04T15:00:00Z'), tick('2026-06-04T15:00:00Z')]);
    expect([...(left ?? []), ...(right ?? [])]).toHaveLength(1);
    const runs = await runsOf(schedule);
    expect(instants(runs)).toEqual([
      '2026-06-01T13:35:00.000Z',
      '2026-06-02T13:35:00.000Z',
      '2026-06-03T13:35:00.000Z',
      '2026-06-04T13:35:00.000Z',
    ]);
    // Each claimed run was announced once, as queued.
    const queued = await stream.waitFor(
      (e) => e.type === 'pipeline_run' && e.data.scheduled_for === '2026-06-04T13:35:00.000Z',
      'the queued event of 4 June',
    );
    expect(queued.data).toMatchObject({
      schedule_id: schedule,
      status: 'queued',
      trigger: 'cron',
      kind: 'decision',
    });
    stream.close();
  });

  it('a paused schedule produces nothing and is checked through the tick', async () => {
    const id = await createOrchestrator();
    const schedule = await scheduleFrom(id, '2026-06-01T00:00:00Z');
    await call(`/api/pipelines/schedules/${schedule}/pause`, { method: 'POST' });
    expect(await tick('2026-06-03T15:00:00Z')).toEqual([]);
    expect(await runsOf(schedule)).toEqual([]);
    const [row] = await withDatabase((db) =>
      db.select().from(pipelineSchedules).where(eq(pipelineSchedules.id, schedule)),
    );
    expect(row?.checkedThrough.toISOString()).toBe('2026-06-03T15:00:00.000Z');
  });

  it('a long outage: the newest runs are enqueued and the rest recorded once as one missed row', async () => {
    const id = await createOrchestrator();
    const schedule = await scheduleFrom(id, '2026-06-01T00:00:00Z', {
      cron: '0 * * * *',
      timezone: 'UTC',
      trading_days_only: false,
    });
    const handle = openDatabase(env, { maxConnections: 2 });
    const enqueued: string[] = [];
    const deps = {
      db: handle.db,
      enqueue: async (message: { run_id: string }) => {
        enqueued.push(message.run_id);
      },
      hubFor: (orchestratorId: string) => hubOf(env, orchestratorId),
    };
    try {
      // 10 hourly runs due (01:00 … 10:00); 3 are started, 7 missed.
      const at = Date.parse('2026-06-01T10:30:00Z');
      const reports = await Promise.all([
        pipelineTick(deps, at, { maxRuns: 3 }),
        pipelineTick(deps, at, { maxRuns: 3 }),
      ]);
      expect(reports.reduce((sum, r) => sum + r.enqueued, 0)).toBe(3);
      expect(reports.reduce((sum, r) => sum + r.missed, 0)).toBe(1);
    } finally {
      await handle.close();
    }
    const runs = await runsOf(schedule);
    const missed = runs.filter((run) => run.status === 'missed');
    expect(missed).toHaveLength(1);
    expect(missed[0]?.scheduledFor?.toISOString()).toBe('2026-06-01T07:00:00.000Z');
    expect(missed[0]?.error).toContain(
      '7 run(s) between 2026-06-01T01:00:00.000Z and 2026-06-01T07:00:00.000Z',
    );
    expect(instants(runs.filter((run) => run.status === 'queued'))).toEqual([
      '2026-06-01T08:00:00.000Z',
      '2026-06-01T09:00:00.000Z',
      '2026-06-01T10:00:00.000Z',
    ]);
    expect(enqueued.sort()).toEqual(
      runs
        .filter((run) => run.status === 'queued')
        .map((run) => run.id)
        .sort(),
    );
    const listed = (await (
      await call(`/api/pipelines/runs?schedule_id=${schedule}&status=missed`)
    ).json()) as { runs: { id: string; error: string }[] };
    expect(listed.runs.map((run) => run.id)).toEqual([missed[0]?.id]);
  });
});
