/**
 * Option-chain Greeks snapshots (src/snapshots): run one now, list runs, an underlying's latest
 * chain, and one contract's figures over time. The same snapshots are taken on schedule by the
 * Worker's cron at 08:00 / 14:00 / 21:30 New York time on trading days.
 *
 * A manual run is synchronous: the offline market's four default chains (~12,000 contracts) are
 * fetched, computed and stored in a few seconds, well inside a request, and the caller gets the
 * finished run (201) rather than an id to poll.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import { assertAccountAccess } from '../auth/middleware.ts';
import { NotFoundError, ServiceUnavailableError, ValidationError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { parseUnderlyings } from '../snapshots/config.ts';
import type { SnapshotEnvironment } from '../snapshots/cron.ts';
import { executeSnapshotRun } from '../snapshots/execute.ts';
import {
  latestSnapshot,
  type SnapshotRowStored,
  snapshotHistory,
  symbolKnown,
} from '../snapshots/queries.ts';
import { insertManualRun, listSnapshotRuns, type SnapshotRunRow } from '../snapshots/runs-store.ts';
import { openSnapshotSource, SnapshotAccountNotFoundError } from '../snapshots/source.ts';
import { OccSymbolError, parseOccSymbol } from '../trading/options/occ-symbol.ts';
import { errorResponses } from './common-schemas.ts';
import { nextBefore } from './page-cursor.ts';
import {
  LatestSnapshotQuery,
  LatestSnapshotSchema,
  RunSnapshotRequestSchema,
  SnapshotHistoryQuery,
  SnapshotHistorySchema,
  SnapshotRunListQuery,
  SnapshotRunListSchema,
  SnapshotRunSchema,
} from './snapshots-schemas.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];
const tags = ['snapshots'];

const run = createRoute({
  method: 'post',
  path: '/snapshots/run',
  tags,
  summary: 'Take an option-chain snapshot now (Greeks and IV for every contract)',
  description:
    'Fetches each underlying’s chain from the market-data source (the first Alpaca account, paper ' +
    'first, else the offline market), keeps the provider’s Greeks or computes them, and upserts one ' +
    'row per contract at the request instant. One underlying failing does not stop the others: the ' +
    'run is `succeeded` with the failure in `detail`, or `failed` when every underlying failed.',
  security,
  request: { body: { content: json(RunSnapshotRequestSchema), required: false } },
  responses: {
    201: { description: 'The finished run', content: json(SnapshotRunSchema) },
    ...errorResponses(400, 401, 403, 404, 413, 415, 422, 503),
  },
});

const runs = createRoute({
  method: 'get',
  path: '/snapshots/runs',
  tags,
  summary: 'Snapshot runs, newest first (cron runs, missed instants and manual runs)',
  security,
  request: { query: SnapshotRunListQuery },
  responses: {
    200: { description: 'The runs', content: json(SnapshotRunListSchema) },
    ...errorResponses(401, 422, 503),
  },
});

const latest = createRoute({
  method: 'get',
  path: '/snapshots/latest',
  tags,
  summary: 'An underlying’s most recent snapshot: every contract with its quote, IV and Greeks',
  description:
    'An underlying never snapshotted (not configured yet, or before the first run) is not an error: ' +
    '`snapshot_at` is null and `contracts` empty, so a client can offer to take one.',
  security,
  request: { query: LatestSnapshotQuery },
  responses: {
    200: { description: 'The latest snapshot', content: json(LatestSnapshotSchema) },
    ...errorResponses(401, 422, 503),
  },
});

const history = createRoute({
  method: 'get',
  path: '/snapshots/history',
  tags,
  summary: 'One contract’s figures over time (OCC symbol), oldest first',
  description:
    'At most `limit` points (default 500, max 1000); when a page is full, `next_from` continues it. ' +
    '404 when no snapshot ever stored the symbol; an empty list when it has none in the range.',
  security,
  request: { query: SnapshotHistoryQuery },
  responses: {
    200: { description: 'The points', content: json(SnapshotHistorySchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

/** The configured list; a malformed SNAPSHOT_UNDERLYINGS is the deployment's fault, not the caller's. */
function configuredUnderlyings(env: SnapshotEnvironment): string[] {
  try {
    return parseUnderlyings(env.SNAPSHOT_UNDERLYINGS);
  } catch (error) {
    if (error instanceof RangeError) throw new ServiceUnavailableError(error.message);
    throw error;
  }
}

function runJson(row: SnapshotRunRow) {
  return {
    id: row.id,
    trigger: row.trigger,
    snapshot_at: row.snapshotAt.toISOString(),
    underlyings: row.underlyings,
    status: row.status,
    contracts: row.contracts,
    detail: row.detail as z.infer<typeof SnapshotRunSchema>['detail'],
    error: row.error,
    created_at: row.createdAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}

function figuresJson(row: SnapshotRowStored) {
  return {
    underlying_price: row.underlyingPrice,
    bid: row.bid,
    ask: row.ask,
    last: row.last,
    implied_volatility: row.impliedVolatility,
    delta: row.delta,
    gamma: row.gamma,
    theta: row.theta,
    vega: row.vega,
    rho: row.rho,
    greeks_source: row.greeksSource,
  };
}

export const snapshotRoutes = createRouter()
  .openapi(run, async (c) => {
    const body = c.req.valid('json') as z.infer<typeof RunSnapshotRequestSchema> | undefined;
    const env: SnapshotEnvironment = c.env;
    const underlyings = body?.underlyings ?? configuredUnderlyings(env);
    // Naming an account uses its key: a token scoped to other accounts may not.
    if (body?.account_id) assertAccountAccess(c.var.principal, body.account_id);
    const db = c.var.db();
    const { account, broker } = await openSnapshotSource(
      db,
      env,
      body?.account_id ?? env.SNAPSHOT_ACCOUNT_ID,
    ).catch((error: unknown) => {
      if (error instanceof SnapshotAccountNotFoundError)
        throw new NotFoundError(`Account ${error.accountId}`);
      throw error;
    });
    // The account chosen for it (configured, or the first Alpaca one) is no different: its key and its
    // request budget are spent, so a token scoped to other accounts names one of its own instead.
    assertAccountAccess(c.var.principal, account.id);
    const started = await insertManualRun(db, new Date(), underlyings);
    const finished = await executeSnapshotRun({ db, broker }, started);
    return c.json(runJson(finished ?? started), 201);
  })
  .openapi(runs, async (c) => {
    const query = c.req.valid('query');
    const rows = await listSnapshotRuns(c.var.db(), {
      trigger: query.trigger,
      status: query.status,
      before: query.cursor,
      limit: query.limit,
    });
    return c.json({ runs: rows.map(runJson), next_cursor: nextBefore(rows, query.limit) }, 200);
  })
  .openapi(latest, async (c) => {
    const query = c.req.valid('query');
    const snapshot = await latestSnapshot(c.var.db(), query.underlying, query.expiry);
    if (!snapshot) return c.json({ underlying: query.underlying, snapshot_at: null, contracts: [] }, 200);
    return c.json(
      {
        underlying: query.underlying,
        snapshot_at: snapshot.snapshotAt.toISOString(),
        contracts: snapshot.contracts.map((row) => ({
          symbol: row.symbol,
          expiry: row.expiry,
          type: row.optionType,
          strike: row.strike,
          ...figuresJson(row),
          source: row.source,
        })),
      },
      200,
    );
  })
  .openapi(history, async (c) => {
    const query = c.req.valid('query');
    try {
      parseOccSymbol(query.symbol);
    } catch (error) {
      if (error instanceof OccSymbolError)
        throw new ValidationError([{ path: 'query.symbol', message: error.message }]);
      throw error;
    }
    const db = c.var.db();
    const rows = await snapshotHistory(db, query.symbol, {
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit: query.limit,
    });
    if (rows.length === 0 && !(await symbolKnown(db, query.symbol)))
      throw new NotFoundError(`A snapshot of ${query.symbol}`);
    const last = rows.length === query.limit ? rows.at(-1) : undefined;
    return c.json(
      {
        symbol: query.symbol,
        points: rows.map((row) => ({ snapshot_at: row.snapshotAt.toISOString(), ...figuresJson(row) })),
        next_from: last ? new Date(last.snapshotAt.getTime() + 1).toISOString() : null,
      },
      200,
    );
  });
