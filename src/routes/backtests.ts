/**
 * Backtests over REST, run on the bundled daily sample (src/market-data/daily-bars.ts):
 * - `POST /backtests` validates, runs the engine and stores the result (201 Backtest); every input
 *   problem, the market data's coverage and the strategy's warm-up included, is a 422 and stores nothing;
 * - `GET /backtests?orchestrator_id=&limit=&cursor=` summaries newest first (no curve, no trades);
 * - `GET /backtests/{id}` one whole; `DELETE /backtests/{id}`;
 * - `GET /backtests/strategies` the strategies and their parameters, for a form;
 * - `GET /market-data/daily/symbols` which symbols and dates the daily bars cover.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { assertOwnerAccess, orchestratorFilter } from '../auth/middleware.ts';
import { BacktestInputError } from '../backtests/errors.ts';
import { BacktestRequestSchema } from '../backtests/request.ts';
import { toBacktestJson, toBacktestSummaryJson } from '../backtests/response.ts';
import { runAndStoreBacktest } from '../backtests/run-and-store.ts';
import { STRATEGIES } from '../backtests/strategies.ts';
import { deleteBacktest, findBacktest, listBacktests } from '../db/backtests.ts';
import { encodeCursor } from '../db/cursor.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { bundledSampleSource } from '../market-data/daily-bars.ts';
import {
  BacktestListQuerySchema,
  BacktestListSchema,
  BacktestSchema,
  MarketSymbolsSchema,
  StrategyListSchema,
} from './backtests-schemas.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];
const tags = ['backtests'];

const create = createRoute({
  method: 'post',
  path: '/backtests',
  tags,
  summary: 'Run a backtest on the bundled daily bars and store it',
  description:
    'Next-bar-open fills with fee and slippage in basis points, equal-weight sleeves across symbols ' +
    '(compat qtos-v0: qtos-core’s rules and metric names). 422 for an unknown symbol (listing the ' +
    'available ones), a window outside the bars (giving their range), or too few bars for the strategy.',
  security,
  request: { body: { content: json(BacktestRequestSchema), required: true } },
  responses: {
    201: { description: 'The stored backtest', content: json(BacktestSchema) },
    ...errorResponses(400, 401, 413, 415, 422, 503),
  },
});

const list = createRoute({
  method: 'get',
  path: '/backtests',
  tags,
  summary: 'Stored backtests, newest first, without their curves and trades',
  security,
  request: { query: BacktestListQuerySchema },
  responses: {
    200: { description: 'A page of summaries', content: json(BacktestListSchema) },
    ...errorResponses(401, 422, 503),
  },
});

const strategies = createRoute({
  method: 'get',
  path: '/backtests/strategies',
  tags,
  summary: 'The strategies a backtest may use, with their parameters',
  security,
  responses: {
    200: { description: 'Every strategy', content: json(StrategyListSchema) },
    ...errorResponses(401),
  },
});

const get = createRoute({
  method: 'get',
  path: '/backtests/{id}',
  tags,
  summary: 'A stored backtest with its equity curve and trades',
  security,
  request: { params: z.object({ id: UuidParam }) },
  responses: {
    200: { description: 'The backtest', content: json(BacktestSchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/backtests/{id}',
  tags,
  summary: 'Delete a stored backtest',
  security,
  request: { params: z.object({ id: UuidParam }) },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 404, 422, 503) },
});

const symbols = createRoute({
  method: 'get',
  path: '/market-data/daily/symbols',
  tags: ['market-data'],
  summary: 'The symbols with daily bars, and the dates they cover',
  description: 'Offline: the bundled deterministic sample (synthetic, not market prices).',
  security,
  responses: {
    200: { description: 'Coverage per symbol', content: json(MarketSymbolsSchema) },
    ...errorResponses(401),
  },
});

export const backtestsRoutes = createRouter()
  .openapi(strategies, (c) =>
    c.json({ strategies: STRATEGIES.map((s) => ({ ...s, params: [...s.params] })) }, 200),
  )
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    assertOwnerAccess(c.var.principal, body.orchestrator_id ?? null);
    const backtest = await runAndStoreBacktest(c.var.db(), body, body.orchestrator_id).catch(
      (error: unknown) => {
        if (error instanceof BacktestInputError)
          throw new ValidationError(
            error.issues.map((issue) => ({ path: `body.${issue.path}`, message: issue.message })),
          );
        throw error;
      },
    );
    return c.json(backtest, 201);
  })
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    const rows = await listBacktests(c.var.db(), {
      orchestratorId: orchestratorFilter(c.var.principal, query.orchestrator_id),
      limit: query.limit,
      before: query.cursor,
    });
    const last = rows.length === query.limit ? rows.at(-1) : undefined;
    return c.json(
      { backtests: rows.map(toBacktestSummaryJson), next_cursor: last ? encodeCursor(last.cursor) : null },
      200,
    );
  })
  .openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const stored = await findBacktest(c.var.db(), id);
    if (!stored) throw new NotFoundError(`Backtest ${id}`);
    assertOwnerAccess(c.var.principal, stored.orchestrator_id);
    return c.json(toBacktestJson(stored), 200);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    const stored = await findBacktest(c.var.db(), id);
    if (stored) assertOwnerAccess(c.var.principal, stored.orchestrator_id);
    if (!(await deleteBacktest(c.var.db(), id))) throw new NotFoundError(`Backtest ${id}`);
    return c.body(null, 204);
  })
  .openapi(symbols, async (c) =>
    c.json({ source: bundledSampleSource.name, symbols: await bundledSampleSource.coverage() }, 200),
  );
