/**
 * Option-chain snapshots from an Alpaca account, against the Alpaca emulator (test/alpaca-emulator):
 * the chain is read to its last page with the provider's Greeks and IV kept, the schedule follows
 * the broker's `GET /v2/calendar` (fetched once, then cached), and a calendar the broker cannot serve
 * falls back to the bundled one without losing the snapshot.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { optionSnapshotRuns, optionSnapshots } from '../src/db/schema-trading.ts';
import worker from '../src/worker.ts';
import { type AlpacaKeys, alpacaEmulator, newAlpacaAccount } from './helpers/alpaca.ts';
import { call, withDatabase } from './helpers/api.ts';

/** A clock inside the emulator's universe: its chain lists the 12 Fridays after this date. */
const CLOCK = '2027-05-03T12:00:00Z';

async function alpacaAccount(keys: AlpacaKeys): Promise<string> {
  const response = await call('/api/accounts', {
    method: 'POST',
    json: {
      name: 'Snapshots (Alpaca)',
      broker: 'alpaca',
      mode: 'paper',
      key_id: keys.keyId,
      secret_key: keys.secretKey,
    },
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`account: ${response.status} ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

/** The Worker's cron at `instant` with snapshots pinned to `accountId`; resolves with the snapshot messages. */
async function tick(
  instant: string,
  accountId: string,
): Promise<Array<{ run_id: string; account_id?: string }>> {
  const sent: Array<{ run_id: string; account_id?: string }> = [];
  const queue: Queue = {
    metrics: () => env.WORK_QUEUE.metrics(),
    send: async (message, options) => {
      if ((message as { kind?: unknown }).kind !== 'option_snapshot_run')
        return env.WORK_QUEUE.send(message, options);
      sent.push(message as { run_id: string; account_id?: string });
      return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
    },
    sendBatch: (messages, options) => env.WORK_QUEUE.sendBatch(messages, options),
  };
  await worker.scheduled(
    createScheduledController({ cron: '*/5 * * * *', scheduledTime: Date.parse(instant) }),
    {
      ...env,
      WORK_QUEUE: queue,
      SNAPSHOT_UNDERLYINGS: 'GLD',
      SNAPSHOT_ACCOUNT_ID: accountId,
    },
  );
  return sent;
}

const calendarRequests = async (keys: AlpacaKeys) =>
  (await alpacaEmulator().requests(keys.keyId)).filter((r) => r.path === '/v2/calendar');

describe('snapshots from Alpaca', () => {
  it('a manual run pages through the whole chain and keeps the provider’s Greeks and IV', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    const accountId = await alpacaAccount(keys);
    const response = await call('/api/snapshots/run', {
      method: 'POST',
      json: { underlyings: ['SPY'], account_id: accountId },
    });
    expect(response.status).toBe(201);
    const run = (await response.json()) as {
      status: string;
      snapshot_at: string;
      detail: { SPY: { contracts: number; provider: number; underlying_price: number } };
    };
    // 12 expiries × 61 strikes × call and put: more than one 1,000-contract page.
    expect(run.status).toBe('succeeded');
    expect(run.detail.SPY).toMatchObject({ contracts: 1464, provider: 1464, underlying_price: 600 });
    const chainPages = (await alpacaEmulator().requests(keys.keyId)).filter((r) =>
      r.path.startsWith('/v1beta1/options/snapshots/SPY'),
    );
    expect(chainPages.length).toBeGreaterThan(1);

    const [stored] = await withDatabase((db) =>
      db
        .select({ n: count() })
        .from(optionSnapshots)
        .where(
          and(
            eq(optionSnapshots.snapshotAt, new Date(run.snapshot_at)),
            eq(optionSnapshots.source, 'alpaca'),
            eq(optionSnapshots.greeksSource, 'provider'),
            eq(optionSnapshots.impliedVolatility, 0.2),
          ),
        ),
    );
    expect(stored?.n).toBe(1464);
  });

  it('the cron follows the broker’s calendar, fetched once and then cached', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    const accountId = await alpacaAccount(keys);
    // Monday 3 May 2027, 08:00 and 14:00 New York (EDT).
    const morning = await tick('2027-05-03T12:00:00Z', accountId);
    expect(morning).toEqual([expect.objectContaining({ account_id: accountId })]);
    expect(await calendarRequests(keys)).toHaveLength(1);
    expect(await tick('2027-05-03T18:00:00Z', accountId)).toHaveLength(1);
    expect(await calendarRequests(keys)).toHaveLength(1);
  });

  it('a calendar the broker cannot serve falls back to the bundled one, and the instant is still claimed', async () => {
    const keys = await newAlpacaAccount({ clock: CLOCK });
    const accountId = await alpacaAccount(keys);
    await alpacaEmulator().faults(keys.keyId, [
      { kind: 'status', status: 500, path: '/v2/calendar', times: 20 },
    ]);
    const sent = await tick('2027-05-04T12:00:00Z', accountId);
    expect(sent).toHaveLength(1);
    const [run] = await withDatabase((db) =>
      db
        .select()
        .from(optionSnapshotRuns)
        .where(
          and(
            eq(optionSnapshotRuns.trigger, 'cron'),
            eq(optionSnapshotRuns.snapshotAt, new Date('2027-05-04T12:00:00Z')),
          ),
        ),
    );
    expect(run?.id).toBe(sent[0]?.run_id);
    expect((await calendarRequests(keys)).length).toBeGreaterThan(0);
  });
});
