/**
 * The Worker's cron tick ends snapshot runs that were lost (still `running` half an hour after they
 * started: a dead-lettered queue message, a manual run whose request died) as failed, saying why,
 * and leaves younger running runs and finished ones alone. Runs here are inserted with their
 * created_at in the past; the tick is a Sunday's, with its instant already claimed, so it claims
 * and misses nothing.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { optionSnapshotRuns } from '../src/db/schema-trading.ts';
import { finishSnapshotRun } from '../src/snapshots/runs-store.ts';
import { DEFAULT_ACCOUNT_ID } from '../src/trading/accounts/store.ts';
import worker from '../src/worker.ts';
import { call, withDatabase } from './helpers/api.ts';

const MINUTE_MS = 60_000;
// Sunday 5 January 2025, noon in New York: no snapshot instant falls due.
const SUNDAY_NOON = '2025-01-05T17:00:00.000Z';

type RunInsert = typeof optionSnapshotRuns.$inferInsert;

async function insertRun(fields: Omit<RunInsert, 'underlyings'>): Promise<string> {
  const [row] = await withDatabase((db) =>
    db
      .insert(optionSnapshotRuns)
      .values({ underlyings: ['SLV'], ...fields })
      .returning({ id: optionSnapshotRuns.id }),
  );
  if (!row) throw new Error('no run inserted');
  return row.id;
}

const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE_MS);

async function runs(ids: string[]) {
  const rows = await withDatabase((db) =>
    db.select().from(optionSnapshotRuns).where(inArray(optionSnapshotRuns.id, ids)),
  );
  return new Map(rows.map((row) => [row.id, row]));
}

describe('lost snapshot runs', () => {
  it('the cron tick marks runs running past the bound failed as lost, and only those', async () => {
    // The cron run claimed at this Sunday's start: the tick then has nothing due or missed.
    const lostCron = await insertRun({
      trigger: 'cron',
      snapshotAt: new Date('2025-01-05T05:00:00Z'),
      createdAt: ago(125),
    });
    const lostManual = await insertRun({ trigger: 'manual', snapshotAt: ago(45), createdAt: ago(45) });
    const young = await insertRun({ trigger: 'manual', snapshotAt: ago(2), createdAt: ago(2) });
    const finished = await insertRun({
      trigger: 'manual',
      snapshotAt: ago(180),
      createdAt: ago(180),
      status: 'succeeded',
      contracts: 12,
      finishedAt: ago(179),
    });

    await worker.scheduled(
      createScheduledController({ cron: '*/5 * * * *', scheduledTime: Date.parse(SUNDAY_NOON) }),
      { ...env, SNAPSHOT_UNDERLYINGS: 'SLV', SNAPSHOT_ACCOUNT_ID: DEFAULT_ACCOUNT_ID },
    );

    const after = await runs([lostCron, lostManual, young, finished]);
    expect(after.get(lostCron)).toMatchObject({ status: 'failed', detail: { lost: true } });
    expect(after.get(lostCron)?.error).toMatch(
      /^lost: still running 12\d min after it was claimed; its queue message was most likely dead-lettered/,
    );
    expect(after.get(lostCron)?.finishedAt).toBeInstanceOf(Date);
    expect(after.get(lostManual)).toMatchObject({ status: 'failed', detail: { lost: true } });
    expect(after.get(lostManual)?.error).toMatch(/^lost: still running 4\d min after it started; /);
    expect(after.get(young)).toMatchObject({ status: 'running', error: null, finishedAt: null });
    expect(after.get(finished)).toMatchObject({ status: 'succeeded', contracts: 12, error: null });

    // The run list shows why.
    const listed = await call('/api/snapshots/runs?status=failed&trigger=manual&limit=100');
    expect(listed.status).toBe(200);
    const { runs: failed } = (await listed.json()) as { runs: Array<{ id: string; error: string | null }> };
    expect(failed.find((run) => run.id === lostManual)?.error).toMatch(/^lost: /);

    // A lost run's late result is not written over the failure (its rows would be kept).
    const late = await withDatabase((db) =>
      finishSnapshotRun(
        db,
        lostManual,
        { status: 'succeeded', contracts: 3, detail: {}, error: null },
        new Date(),
      ),
    );
    expect(late).toBeUndefined();
    expect((await runs([lostManual])).get(lostManual)?.status).toBe('failed');
  });
});
