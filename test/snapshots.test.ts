/**
 * Option-chain snapshots end to end in workerd, over the offline market: a manual run stores every
 * contract of the four default underlyings; an instant re-taken upserts instead of doubling rows;
 * the Worker's cron at a due New York instant claims one run however often it fires, catches up only
 * the newest missed instant, and its queue message takes the snapshot; latest and history read the
 * rows back; bad input is a 422 and an unknown symbol a 404.
 *
 * Every run here pins the offline paper account (body `account_id`, env SNAPSHOT_ACCOUNT_ID): other
 * test files create Alpaca accounts, which the default source rule would otherwise prefer.
 */
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
} from 'cloudflare:test';
import { and, asc, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { optionSnapshotRuns, optionSnapshots } from '../src/db/schema-trading.ts';
import { executeSnapshotRun, snapshotUnderlying } from '../src/snapshots/execute.ts';
import { upsertSnapshotRows } from '../src/snapshots/upsert.ts';
import { DEFAULT_ACCOUNT_ID, ensureDefaultAccount } from '../src/trading/accounts/store.ts';
import { createOfflineBroker } from '../src/trading/broker/offline/broker.ts';
import worker from '../src/worker.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import { SCOPED_TOKEN } from './helpers/tokens.ts';

interface RunJson {
  id: string;
  trigger: 'cron' | 'manual';
  snapshot_at: string;
  underlyings: string[];
  status: string;
  contracts: number;
  detail: Record<string, { contracts?: number; provider?: number; computed?: number; error?: string }>;
  error: string | null;
  finished_at: string | null;
}

const offline = { account_id: DEFAULT_ACCOUNT_ID };

async function runNow(body: Record<string, unknown>): Promise<RunJson> {
  const response = await call('/api/snapshots/run', { method: 'POST', json: { ...offline, ...body } });
  if (response.status !== 201) throw new Error(`run failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as RunJson;
}

async function rowsAt(underlying: string, at: string): Promise<number> {
  const [row] = await withDatabase((db) =>
    db
      .select({ n: count() })
      .from(optionSnapshots)
      .where(and(eq(optionSnapshots.underlying, underlying), eq(optionSnapshots.snapshotAt, new Date(at)))),
  );
  return row?.n ?? 0;
}

async function cronRunAt(at: string) {
  return withDatabase((db) =>
    db
      .select()
      .from(optionSnapshotRuns)
      .where(and(eq(optionSnapshotRuns.trigger, 'cron'), eq(optionSnapshotRuns.snapshotAt, new Date(at)))),
  );
}

type Sent = { kind: string; run_id: string; account_id?: string };

/** The Worker's cron at `instant`, snapshotting SLV from the offline account; its snapshot messages are recorded. */
async function tick(instant: string): Promise<Sent[]> {
  const sent: Sent[] = [];
  const queue: Queue = {
    metrics: () => env.WORK_QUEUE.metrics(),
    send: async (message, options) => {
      if ((message as { kind?: unknown }).kind !== 'option_snapshot_run')
        return env.WORK_QUEUE.send(message, options);
      sent.push(message as Sent);
      return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
    },
    sendBatch: (messages, options) => env.WORK_QUEUE.sendBatch(messages, options),
  };
  await worker.scheduled(
    createScheduledController({ cron: '*/5 * * * *', scheduledTime: Date.parse(instant) }),
    snapshotEnv({ WORK_QUEUE: queue }),
  );
  return sent;
}

/** The Worker's env as a deployment setting SNAPSHOT_UNDERLYINGS and SNAPSHOT_ACCOUNT_ID would have it. */
function snapshotEnv(overrides: Partial<Env> = {}): Env {
  return { ...env, SNAPSHOT_UNDERLYINGS: 'SLV', SNAPSHOT_ACCOUNT_ID: DEFAULT_ACCOUNT_ID, ...overrides };
}

/** Hands messages to the Worker's queue handler as the platform would (first attempt). */
async function deliver(messages: Sent[]) {
  const batch = createMessageBatch<unknown>(
    'orchestrator-work',
    messages.map((body, index) => ({ id: `snapshot-${index}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, snapshotEnv(), ctx);
  return getQueueResult(batch, ctx);
}

describe('a manual snapshot', () => {
  it('stores every contract of SPY, QQQ, GLD and SLV, with the offline provider’s Greeks', async () => {
    const run = await runNow({});
    expect(run).toMatchObject({ trigger: 'manual', status: 'succeeded', error: null });
    expect(run.underlyings).toEqual(['SPY', 'QQQ', 'GLD', 'SLV']);
    let total = 0;
    for (const underlying of run.underlyings) {
      const detail = run.detail[underlying];
      expect(detail?.contracts).toBeGreaterThan(100);
      expect(await rowsAt(underlying, run.snapshot_at)).toBe(detail?.contracts);
      total += detail?.contracts ?? 0;
    }
    expect(run.contracts).toBe(total);

    const runs = await call('/api/snapshots/runs?trigger=manual&limit=5');
    const listed = (await runs.json()) as { runs: RunJson[] };
    expect(listed.runs.map((r) => r.id)).toContain(run.id);
  });

  it('one underlying failing leaves the others stored; all failing fails the run', async () => {
    const partial = await runNow({ underlyings: ['SLV', 'NOPE'] });
    expect(partial.status).toBe('succeeded');
    expect(partial.detail.SLV?.contracts).toBeGreaterThan(0);
    expect(partial.detail.NOPE?.error).toMatch(/no option chain for NOPE/);
    expect(partial.error).toMatch(/1 of 2 underlyings failed/);
    expect(await rowsAt('SLV', partial.snapshot_at)).toBe(partial.detail.SLV?.contracts);

    const failed = await runNow({ underlyings: ['NOPE'] });
    expect(failed).toMatchObject({ status: 'failed', contracts: 0 });
  });

  it('re-taking an instant updates its rows instead of adding any', async () => {
    await withDatabase(ensureDefaultAccount);
    const at = new Date('2027-02-01T13:00:00Z');
    const first = await withDatabase((db) =>
      snapshotUnderlying(
        {
          db,
          broker: createOfflineBroker({ db, accountId: DEFAULT_ACCOUNT_ID, now: () => at }),
          now: () => at,
        },
        'SLV',
        at,
      ),
    );
    const later = new Date(at.getTime() + 3 * 3_600_000);
    const second = await withDatabase((db) =>
      snapshotUnderlying(
        {
          db,
          broker: createOfflineBroker({ db, accountId: DEFAULT_ACCOUNT_ID, now: () => later }),
          now: () => later,
        },
        'SLV',
        at,
      ),
    );
    expect(second.contracts).toBe(first.contracts);
    expect(await rowsAt('SLV', at.toISOString())).toBe(first.contracts);
    // The figures are the second fetch's: the offline market moved in three hours.
    expect(second.underlying_price).not.toBe(first.underlying_price);
    const stored = await withDatabase((db) =>
      db
        .selectDistinct({ price: optionSnapshots.underlyingPrice })
        .from(optionSnapshots)
        .where(and(eq(optionSnapshots.underlying, 'SLV'), eq(optionSnapshots.snapshotAt, at))),
    );
    expect(stored).toEqual([{ price: second.underlying_price }]);
  });
});

describe('the upsert', () => {
  it('stores every column exactly: nulls, full float precision, the instant to the millisecond', async () => {
    const row = {
      underlying: 'XYZ',
      symbol: 'XYZ270115P00012500',
      snapshotAt: new Date('2027-01-04T13:00:00.123Z'),
      expiry: '2027-01-15',
      optionType: 'put' as const,
      strike: 12.5,
      underlyingPrice: 1 / 3,
      bid: 0,
      ask: 0.05,
      last: null,
      impliedVolatility: 1.2345678901234567,
      delta: -1e-12,
      gamma: null,
      theta: -0.000123456789,
      vega: 5e-324,
      rho: null,
      greeksSource: null,
      source: "it's offline",
    };
    await withDatabase((db) => upsertSnapshotRows(db, [row]));
    await withDatabase((db) => upsertSnapshotRows(db, [{ ...row, bid: 0.01, greeksSource: 'computed' }]));
    const stored = await withDatabase((db) =>
      db.select().from(optionSnapshots).where(eq(optionSnapshots.symbol, row.symbol)),
    );
    expect(stored).toHaveLength(1);
    const { id: _id, ...columns } = stored[0] as typeof optionSnapshots.$inferSelect;
    expect(columns).toEqual({ ...row, bid: 0.01, greeksSource: 'computed' });
  });
});

describe('the snapshot cron', () => {
  // Monday 15 March 2027, the first weekday after clocks sprang forward: 08:00 New York is 12:00Z.
  const MORNING = '2027-03-15T12:00:00.000Z';
  const AFTERNOON = '2027-03-15T18:00:00.000Z';

  it('claims a due instant once however often the cron fires, and the queue takes the snapshot', async () => {
    const first = await tick(MORNING);
    const again = await tick(MORNING);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: 'option_snapshot_run', account_id: DEFAULT_ACCOUNT_ID });
    expect(again).toEqual([]);
    const [claimed] = await cronRunAt(MORNING);
    expect(claimed).toMatchObject({ id: first[0]?.run_id, status: 'running', underlyings: ['SLV'] });

    // Two ticks at once: the unique claim lets one of them have 14:00.
    const [left, right] = await Promise.all([tick(AFTERNOON), tick(AFTERNOON)]);
    expect([...(left ?? []), ...(right ?? [])]).toHaveLength(1);
    expect(await cronRunAt(AFTERNOON)).toHaveLength(1);

    // Delivered twice (at-least-once): executed once, the second delivery finds it finished.
    const message = first[0] as Sent;
    expect((await deliver([message])).explicitAcks).toEqual(['snapshot-0']);
    const [done] = await cronRunAt(MORNING);
    expect(done?.status).toBe('succeeded');
    expect(done?.contracts).toBeGreaterThan(0);
    expect(await rowsAt('SLV', MORNING)).toBe(done?.contracts);
    const finishedAt = done?.finishedAt?.toISOString();
    await deliver([message]);
    const [still] = await cronRunAt(MORNING);
    expect(still?.finishedAt?.toISOString()).toBe(finishedAt);
    expect(await rowsAt('SLV', MORNING)).toBe(done?.contracts);
  });

  it('after an outage catches up only the newest instant and records the older ones as missed', async () => {
    // The cron comes back on Wednesday 17 March at 16:00 New York (20:00Z).
    await tick('2027-03-16T12:00:00Z');
    const sent = await tick('2027-03-17T20:00:00Z');
    expect(sent).toHaveLength(1);
    const [caughtUp] = await cronRunAt('2027-03-17T18:00:00.000Z');
    expect(caughtUp?.id).toBe(sent[0]?.run_id);
    for (const missedAt of ['2027-03-16T18:00:00Z', '2027-03-17T01:30:00Z', '2027-03-17T12:00:00Z']) {
      const [missed] = await cronRunAt(missedAt);
      expect(missed).toMatchObject({ status: 'failed', detail: { missed: true } });
      expect(missed?.error).toMatch(/^missed: /);
    }
  });

  it('does nothing on a weekend or on Good Friday', async () => {
    // Thursday 25 March's last snapshot, 21:30 New York.
    expect(await tick('2027-03-26T01:30:00Z')).toHaveLength(1);
    // Good Friday 26 March 2027 and the weekend after: the market is closed.
    expect(await tick('2027-03-26T12:00:00Z')).toEqual([]);
    expect(await tick('2027-03-27T12:00:00Z')).toEqual([]);
    expect(await tick('2027-03-29T01:30:00Z')).toEqual([]);
    expect(await cronRunAt('2027-03-26T12:00:00.000Z')).toEqual([]);
  });
});

describe('reading snapshots', () => {
  it('latest: the newest snapshot of an underlying, optionally one expiry', async () => {
    const run = await runNow({ underlyings: ['GLD'] });
    const response = await call('/api/snapshots/latest?underlying=gld');
    expect(response.status).toBe(200);
    const latest = (await response.json()) as {
      underlying: string;
      snapshot_at: string;
      contracts: Array<Record<string, unknown>>;
    };
    expect(latest.underlying).toBe('GLD');
    expect(Date.parse(latest.snapshot_at)).toBeGreaterThanOrEqual(Date.parse(run.snapshot_at));
    expect(latest.contracts).toHaveLength(await rowsAt('GLD', latest.snapshot_at));
    const first = latest.contracts[0];
    expect(first).toMatchObject({ type: expect.stringMatching(/^(call|put)$/), source: 'offline' });
    expect(first && Object.keys(first).sort()).toEqual(
      [
        'symbol',
        'expiry',
        'type',
        'strike',
        'underlying_price',
        'bid',
        'ask',
        'last',
        'implied_volatility',
        'delta',
        'gamma',
        'theta',
        'vega',
        'rho',
        'greeks_source',
        'source',
      ].sort(),
    );
    const expiry = first?.expiry as string;
    const one = (await (await call(`/api/snapshots/latest?underlying=GLD&expiry=${expiry}`)).json()) as {
      contracts: Array<{ expiry: string }>;
    };
    expect(one.contracts.length).toBeGreaterThan(0);
    expect(one.contracts.every((c) => c.expiry === expiry)).toBe(true);
  });

  it('latest of an underlying never snapshotted: no instant, no contracts', async () => {
    const response = await call('/api/snapshots/latest?underlying=ZZZZ');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ underlying: 'ZZZZ', snapshot_at: null, contracts: [] });
  });

  it('history: one contract over time, oldest first, ranged and paged', async () => {
    await withDatabase(ensureDefaultAccount);
    const instants = ['2027-04-05T12:00:00Z', '2027-04-05T18:00:00Z', '2027-04-06T01:30:00Z'].map(
      (t) => new Date(t),
    );
    for (const at of instants) {
      await withDatabase((db) =>
        executeSnapshotRun(
          {
            db,
            broker: createOfflineBroker({ db, accountId: DEFAULT_ACCOUNT_ID, now: () => at }),
            now: () => at,
          },
          {
            id: crypto.randomUUID(),
            trigger: 'manual',
            snapshotAt: at,
            underlyings: ['QQQ'],
            status: 'running',
            contracts: 0,
            detail: {},
            error: null,
            createdAt: at,
            finishedAt: null,
          },
        ),
      );
    }
    const [symbolRow] = await withDatabase((db) =>
      db
        .select({ symbol: optionSnapshots.symbol })
        .from(optionSnapshots)
        .where(
          and(eq(optionSnapshots.underlying, 'QQQ'), eq(optionSnapshots.snapshotAt, instants[0] as Date)),
        )
        .orderBy(asc(optionSnapshots.expiry), asc(optionSnapshots.strike))
        .limit(1)
        .offset(40),
    );
    const symbol = symbolRow?.symbol as string;
    const range = 'from=2027-04-05T00:00:00Z&to=2027-04-06T23:59:59Z';
    const all = await call(`/api/snapshots/history?symbol=${symbol}&${range}`);
    expect(all.status).toBe(200);
    const history = (await all.json()) as {
      symbol: string;
      points: Array<Record<string, unknown>>;
      next_from: null;
    };
    expect(history.symbol).toBe(symbol);
    expect(history.points.map((p) => p.snapshot_at)).toEqual(instants.map((t) => t.toISOString()));
    expect(history.points[0]).toMatchObject({
      greeks_source: 'provider',
      underlying_price: expect.any(Number),
    });
    expect(history.next_from).toBeNull();

    const page = (await (await call(`/api/snapshots/history?symbol=${symbol}&${range}&limit=2`)).json()) as {
      points: Array<{ snapshot_at: string }>;
      next_from: string;
    };
    expect(page.points).toHaveLength(2);
    const rest = (await (
      await call(`/api/snapshots/history?symbol=${symbol}&from=${page.next_from}&to=2027-04-06T23:59:59Z`)
    ).json()) as { points: Array<{ snapshot_at: string }> };
    expect(rest.points.map((p) => p.snapshot_at)).toEqual([instants[2]?.toISOString()]);

    // Known symbol, nothing in range: an empty list, not a 404.
    const empty = await call(
      `/api/snapshots/history?symbol=${symbol}&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`,
    );
    expect(((await empty.json()) as { points: unknown[] }).points).toEqual([]);
  });
});

describe('bad input', () => {
  it('422 with the request id for malformed requests', async () => {
    const cases: Array<[string, RequestInit & { json?: unknown }]> = [
      ['/api/snapshots/run', { method: 'POST', json: { underlyings: ['BRK.B'] } }],
      ['/api/snapshots/run', { method: 'POST', json: { underlyings: [] } }],
      ['/api/snapshots/run', { method: 'POST', json: { underlyings: ['SPY', 'spy'] } }],
      ['/api/snapshots/run', { method: 'POST', json: { underlying: 'SPY' } }],
      ['/api/snapshots/run', { method: 'POST', json: { account_id: 'not-a-uuid' } }],
      ['/api/snapshots/runs?limit=0', {}],
      ['/api/snapshots/runs?cursor=nope', {}],
      ['/api/snapshots/latest', {}],
      ['/api/snapshots/latest?underlying=SPY&expiry=2027-02-30', {}],
      ['/api/snapshots/history?symbol=SPY', {}],
      ['/api/snapshots/history?symbol=SPY270115C00600000&from=yesterday', {}],
      [
        '/api/snapshots/history?symbol=SPY270115C00600000&from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z',
        {},
      ],
      ['/api/snapshots/history?symbol=SPY270115C00600000&limit=5000', {}],
    ];
    for (const [path, init] of cases) {
      const body = await expectError(await call(path, init), 422, 'validation_failed');
      expect(body.error.message, path).toMatch(/Invalid request/);
    }
  });

  it('404 for a symbol never snapshotted and for an unknown account', async () => {
    await expectError(await call('/api/snapshots/history?symbol=ZZZZ270115C00600000'), 404, 'not_found');
    await expectError(
      await call('/api/snapshots/run', { method: 'POST', json: { account_id: crypto.randomUUID() } }),
      404,
      'not_found',
    );
  });

  it('403 when a token scoped to other accounts names an account', async () => {
    const response = await call('/api/snapshots/run', { method: 'POST', json: offline, token: SCOPED_TOKEN });
    await expectError(response, 403, 'forbidden');
  });

  it('401 without a token', async () => {
    await expectError(await call('/api/snapshots/runs', { token: null }), 401, 'unauthorized');
  });
});
