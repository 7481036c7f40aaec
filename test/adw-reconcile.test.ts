/**
 * The cron's safety net: a claimable step whose queue message was lost is enqueued again, and the
 * step then starts once (the claim makes the extra message harmless).
 */
import { createScheduledController, env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertAdw } from '../src/db/adws.ts';
import worker from '../src/worker.ts';
import { adwFinished, stepChanges, stepScope } from './helpers/adws.ts';
import { call, withDatabase } from './helpers/api.ts';
import { scriptModel } from './helpers/emulator.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { openStream } from './helpers/stream.ts';

/**
 * The tick's scheduled time: Sunday 4 January 2026, noon New York. Stranded steps are judged by the
 * database's clock, not this one; a fixed weekend instant keeps the tick's other work out of the test
 * (at the real time it could claim a just-due Greeks snapshot and run it in the background, or
 * enqueue pipeline runs other test files' schedules have due).
 */
const TICK_AT = Date.parse('2026-01-04T17:00:00Z');

/** Runs the cron handler; resolves with the messages it put on the work queue (which still get them). */
async function cron(): Promise<unknown[]> {
  const sent: unknown[] = [];
  const queue: Queue = {
    metrics: () => env.WORK_QUEUE.metrics(),
    send: (message, options) => {
      sent.push(message);
      return env.WORK_QUEUE.send(message, options);
    },
    sendBatch: (messages, options) => env.WORK_QUEUE.sendBatch(messages, options),
  };
  await worker.scheduled(createScheduledController({ cron: '*/5 * * * *', scheduledTime: TICK_AT }), {
    ...env,
    WORK_QUEUE: queue,
  });
  return sent;
}

/** The messages that would start a step of this workflow. */
const stepsOf = (sent: unknown[], adwId: string) =>
  sent.filter((message) => (message as { adw_id?: unknown }).adw_id === adwId);

describe('stranded workflow steps', () => {
  it('re-enqueues a pending first step nobody sent, once it has waited long enough', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    // A workflow row whose first message never reached the queue.
    const adw = await withDatabase((db) =>
      insertAdw(db, {
        orchestratorId: id,
        name: 'lost',
        workflowType: 'plan_build',
        input: { prompt: 'x' },
        steps: ['plan', 'build'],
      }),
    );
    // Too recent to be stranded: the cron sends nothing for it, so nothing can start it.
    expect(stepsOf(await cron(), adw.id)).toEqual([]);
    expect(stepChanges(stream, adw.id)).toEqual([]);

    await withDatabase((db) =>
      db.execute(sql`update adws set updated_at = now() - interval '10 minutes' where id = ${adw.id}`),
    );
    await scriptModel(stepScope(id, 'plan', adw.id), [{ text: 'no plan', delay_ms: 60_000 }]);
    await cron();
    await cron();
    await stream.waitFor(
      (e) => e.type === 'adw_step_change' && e.adw_id === adw.id && e.data.change === 'StepStart',
      'the stranded step to start',
    );
    expect((await call(`/api/adws/${adw.id}/cancel`, { method: 'POST' })).status).toBe(200);
    await adwFinished(stream, adw.id);
    expect(stepChanges(stream, adw.id)).toEqual([
      ['plan', 'StepStart', 'running'],
      ['plan', 'StepEnd', 'cancelled'],
      ['build', 'StepEnd', 'cancelled'],
    ]);
    stream.close();
  });
});
