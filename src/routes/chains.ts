/**
 * `/api/chains`: agent chains driven by parameters.
 * - `POST /chains/run` a sentence (or the parameters as JSON) → validated parameters → a run in its
 *   own Durable Object; answers 202 with the run's socket channel at once.
 * - `POST /chains/extract-parameters` only the parameters a sentence means.
 * - `GET /chains/runs`, `GET /chains/runs/{id}` the runs as recorded in Postgres.
 * - `GET /chains/runs/{id}/ws` the run's socket: its whole history, then live messages.
 * Input problems are the extraction's typed errors: 400 text that is not a season plan, 422 parameters
 * that break a rule (per field), 503 no usable model answer; each with suggestions in `details`.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { assertOwnerAccess, orchestratorFilter } from '../auth/middleware.ts';
import {
  ChainInputError,
  extractSeasonParameters,
  type SeasonParameters,
  validateSeasonParameters,
} from '../chains/season-plan/index.ts';
import { findChainRun, listChainRuns } from '../db/chain-runs.ts';
import type { ChainRunSpec } from '../durable-objects/chain-run-store.ts';
import { AppError, NotFoundError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../http/types.ts';
import {
  ChainRunListSchema,
  ChainRunSchema,
  ExtractedParametersSchema,
  ExtractParametersSchema,
  ListRunsQuerySchema,
  RunChainSchema,
  RunParams,
  RunStartedSchema,
  SocketQuerySchema,
  toChainRunJson,
  toChainRunSummaryJson,
} from './chains-schemas.ts';
import { errorResponses } from './common-schemas.ts';
import { requireOrchestrator } from './hub.ts';
import { nextBefore } from './page-cursor.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];
const tags = ['chains'];
const SEASON_PLAN = 'season_plan';

const run = createRoute({
  method: 'post',
  path: '/chains/run',
  tags,
  summary: 'Start the season-plan chain from a sentence or from parameters',
  description:
    'Answers 202 at once; follow the run on `channel` (a WebSocket): `agent_status`, `progress`, then ' +
    '`complete` or `error` (`agent_timeout` when an agent outlives its time), with `heartbeat`s while it runs. ' +
    '400: the text is not a season plan; 422: parameters break a rule (`details.fields`); 503: no model ' +
    'answer. Errors carry `details.suggestions`.',
  security,
  request: { body: { content: json(RunChainSchema), required: true } },
  responses: {
    202: { description: 'Started', content: json(RunStartedSchema) },
    ...errorResponses(400, 401, 404, 409, 413, 415, 422, 503),
  },
});

const extract = createRoute({
  method: 'post',
  path: '/chains/extract-parameters',
  tags,
  summary: 'The season parameters a sentence means (from the model, or the offline grammar)',
  security,
  request: { body: { content: json(ExtractParametersSchema), required: true } },
  responses: {
    200: { description: 'Validated parameters', content: json(ExtractedParametersSchema) },
    ...errorResponses(400, 401, 404, 413, 415, 422, 503),
  },
});

const list = createRoute({
  method: 'get',
  path: '/chains/runs',
  tags,
  summary: 'Chain runs, newest first (results left out: open a run for its result)',
  security,
  request: { query: ListRunsQuerySchema },
  responses: {
    200: { description: 'A page of runs', content: json(ChainRunListSchema) },
    ...errorResponses(401, 422, 503),
  },
});

const get = createRoute({
  method: 'get',
  path: '/chains/runs/{id}',
  tags,
  summary: 'A chain run: its parameters, status, result or error, and execution log',
  security,
  request: { params: RunParams },
  responses: {
    200: { description: 'The run', content: json(ChainRunSchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

const socket = createRoute({
  method: 'get',
  path: '/chains/runs/{id}/ws',
  tags,
  summary: 'Upgrade to a chain run’s WebSocket',
  description:
    'Authenticate with the bearer header, the session cookie, or `?ticket=` from POST /api/auth/ws-ticket. ' +
    'Every message so far is replayed first, then live ones follow: `{type, run_id, seq, timestamp, ...}`. ' +
    'Heartbeats carry the last seq and are not replayed. The socket is read-only.',
  security,
  request: { params: RunParams, query: SocketQuerySchema },
  responses: {
    101: { description: 'Switching protocols' },
    ...errorResponses(401, 404, 422),
    426: { description: 'Not a WebSocket upgrade request' },
  },
});

export const chainsRoutes = createRouter()
  .openapi(run, async (c) => {
    const body = c.req.valid('json');
    const orchestratorId = body.orchestrator_id ?? null;
    assertOwnerAccess(c.var.principal, orchestratorId);
    if (orchestratorId) await requireOrchestrator(c, orchestratorId, { live: true });
    const parameters =
      body.text === undefined
        ? asHttpError(() => validateSeasonParameters(body.parameters))
        : (await extractParameters(c, body.text, orchestratorId)).parameters;
    const spec: ChainRunSpec = {
      run_id: crypto.randomUUID(),
      chain: SEASON_PLAN,
      params: parameters,
      request: body.text ?? null,
      orchestrator_id: orchestratorId,
      ...(body.timeout_ms === undefined ? {} : { timeout_ms: body.timeout_ms }),
    };
    await chainRunOf(c, spec.run_id).start(spec);
    return c.json(
      { run_id: spec.run_id, status: 'running' as const, channel: `/api/chains/runs/${spec.run_id}/ws` },
      202,
      { Location: `/api/chains/runs/${spec.run_id}` },
    );
  })
  .openapi(extract, async (c) => {
    const body = c.req.valid('json');
    if (body.orchestrator_id) await requireOrchestrator(c, body.orchestrator_id);
    const extracted = await extractParameters(c, body.text, body.orchestrator_id ?? null);
    return c.json(extracted, 200);
  })
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    const rows = await listChainRuns(c.var.db(), {
      orchestratorId: orchestratorFilter(c.var.principal, query.orchestrator_id),
      limit: query.limit,
      before: query.cursor,
    });
    return c.json({ runs: rows.map(toChainRunSummaryJson), next_cursor: nextBefore(rows, query.limit) }, 200);
  })
  .openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const row = await findChainRun(c.var.db(), id);
    if (!row) throw new NotFoundError(`Chain run ${id}`);
    assertOwnerAccess(c.var.principal, row.orchestratorId);
    return c.json(toChainRunJson(row), 200);
  })
  .openapi(socket, async (c) => {
    const { id } = c.req.valid('param');
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
      throw new AppError(426, 'bad_request', 'This endpoint only accepts WebSocket upgrades.', {
        headers: { Upgrade: 'websocket' },
      });
    }
    const row = await findChainRun(c.var.db(), id);
    if (!row) throw new NotFoundError(`Chain run ${id}`);
    assertOwnerAccess(c.var.principal, row.orchestratorId);
    // The object gets only what it needs: never the credential.
    return chainRunOf(c, id).fetch(
      new Request('https://chain-run.internal/ws', { headers: { Upgrade: 'websocket' } }),
    );
  });

function chainRunOf(c: Context<AppEnv>, runId: string) {
  return c.env.CHAIN_RUN.get(c.env.CHAIN_RUN.idFromName(runId));
}

async function extractParameters(
  c: Context<AppEnv>,
  text: string,
  orchestratorId: string | null,
): Promise<{ parameters: SeasonParameters; source: 'model' | 'offline'; confidence?: number }> {
  try {
    return await extractSeasonParameters(c.env, text, orchestratorId ? { orchestratorId } : {});
  } catch (error) {
    throw toHttpError(error);
  }
}

function asHttpError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toHttpError(error);
  }
}

/** The extraction's typed errors in the one error shape; anything else stays what it was. */
function toHttpError(error: unknown): unknown {
  if (!(error instanceof ChainInputError)) return error;
  const details = {
    code: error.code,
    suggestions: error.suggestions,
    ...(error.fields ? { fields: error.fields } : {}),
  };
  if (error.status === 422) {
    const issues = Object.entries(error.fields ?? {}).map(([field, message]) => ({
      path: `body.parameters.${field}`,
      message,
    }));
    return new AppError(422, 'validation_failed', error.message, {
      details: { ...details, issues },
      cause: error,
    });
  }
  if (error.status === 503) {
    return new AppError(503, 'service_unavailable', error.message, { details, cause: error });
  }
  return new AppError(400, 'bad_request', error.message, { details, cause: error });
}
