/**
 * Scheduled pipelines over REST (src/pipelines): schedules as data (cron + IANA time zone, checked by
 * the Worker's cron), their runs, running one now on the work queue, and the decision pipeline run
 * directly (`POST /pipelines/decision`). Runs report live as `pipeline_run` / `pipeline_step` events.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { assertOrchestratorAccess, orchestratorFilter } from '../auth/middleware.ts';
import { findRun, insertRun, listRuns } from '../db/pipeline-runs.ts';
import {
  deleteSchedule,
  findSchedule,
  insertSchedule,
  listSchedules,
  type PipelineScheduleRow,
  updateSchedule,
} from '../db/pipeline-schedules.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../http/types.ts';
import { toIssues } from '../http/validation.ts';
import { backtestParamsIssues } from '../pipelines/backtest-chain.ts';
import { DecisionParamsSchema } from '../pipelines/decision-params.ts';
import { emitRunStatus, hubOf } from '../pipelines/events.ts';
import { toRunJson, toScheduleJson } from '../pipelines/json.ts';
import { pipelineRunMessage } from '../pipelines/message.ts';
import { decisionChain, runPipelineChain } from '../pipelines/pipeline-chain.ts';
import { cronProblem, timeZoneProblem } from '../schedules/schedule.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import { requireOrchestrator } from './hub.ts';
import { nextBefore } from './page-cursor.ts';
import {
  CreateScheduleSchema,
  DecisionRequestSchema,
  PatchScheduleSchema,
  RunListQuery,
  RunListSchema,
  RunSchema,
  ScheduleListQuery,
  ScheduleListSchema,
  ScheduleSchema,
} from './pipelines-schemas.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];
const tags = ['pipelines'];
const idParams = z.object({ id: UuidParam });
const body = <T extends z.ZodType>(schema: T) => ({ content: json(schema), required: true });

/** Cron and time zone in the schedule core's words; a kind's params by that kind's schema. */
function checkSchedule(fields: { cron?: string; timezone?: string; kind?: string; params?: unknown }): void {
  const issues: { path: string; message: string }[] = [];
  const cron = fields.cron === undefined ? null : cronProblem(fields.cron);
  if (cron) issues.push({ path: 'body.cron', message: cron });
  const zone = fields.timezone === undefined ? null : timeZoneProblem(fields.timezone);
  if (zone) issues.push({ path: 'body.timezone', message: zone });
  if (fields.kind === 'backtest') {
    const params = (fields.params ?? {}) as Record<string, unknown>;
    issues.push(...backtestParamsIssues(params).map((i) => ({ ...i, path: `body.params.${i.path}` })));
  }
  if (fields.kind === 'decision' && fields.params !== undefined) {
    const parsed = DecisionParamsSchema.safeParse(fields.params);
    if (!parsed.success)
      issues.push(
        ...toIssues('json', parsed.error).map((i) => ({
          ...i,
          path: i.path.replace(/^body/, 'body.params'),
        })),
      );
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

async function requireSchedule(c: Context<AppEnv>, id: string): Promise<PipelineScheduleRow> {
  const row = await findSchedule(c.var.db(), id);
  if (!row) throw new NotFoundError(`Pipeline schedule ${id}`);
  assertOrchestratorAccess(c.var.principal, row.orchestratorId);
  return row;
}

const create = createRoute({
  method: 'post',
  path: '/pipelines/schedules',
  tags,
  summary: 'Create a pipeline schedule (cron read in an IANA time zone)',
  description: '422 naming `body.cron` or `body.timezone` with what is wrong with it.',
  security,
  request: { body: body(CreateScheduleSchema) },
  responses: {
    201: { description: 'Created', content: json(ScheduleSchema) },
    ...errorResponses(400, 401, 404, 409, 413, 415, 422, 503),
  },
});

const list = createRoute({
  method: 'get',
  path: '/pipelines/schedules',
  tags,
  summary: 'Pipeline schedules, newest first',
  security,
  request: { query: ScheduleListQuery },
  responses: {
    200: { description: 'The schedules', content: json(ScheduleListSchema) },
    ...errorResponses(401, 422, 503),
  },
});

const get = createRoute({
  method: 'get',
  path: '/pipelines/schedules/{id}',
  tags,
  summary: 'A pipeline schedule with its next runs',
  security,
  request: { params: idParams },
  responses: {
    200: { description: 'The schedule', content: json(ScheduleSchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/pipelines/schedules/{id}',
  tags,
  summary: 'Change a pipeline schedule',
  security,
  request: { params: idParams, body: body(PatchScheduleSchema) },
  responses: {
    200: { description: 'The schedule', content: json(ScheduleSchema) },
    ...errorResponses(400, 401, 404, 413, 415, 422, 503),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/pipelines/schedules/{id}',
  tags,
  summary: 'Delete a pipeline schedule (its runs stay, without a schedule)',
  security,
  request: { params: idParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 404, 422, 503) },
});

const toggle = (action: 'pause' | 'resume') =>
  createRoute({
    method: 'post',
    path: `/pipelines/schedules/{id}/${action}`,
    tags,
    summary:
      action === 'pause'
        ? 'Pause a schedule: no runs until it is resumed'
        : 'Resume a schedule from now (runs skipped while paused are not replayed)',
    security,
    request: { params: idParams },
    responses: {
      200: { description: 'The schedule', content: json(ScheduleSchema) },
      ...errorResponses(401, 404, 422, 503),
    },
  });

const runNow = createRoute({
  method: 'post',
  path: '/pipelines/schedules/{id}/run',
  tags,
  summary: 'Run a schedule now, on the work queue',
  security,
  request: { params: idParams },
  responses: {
    202: { description: 'Queued', content: json(RunSchema) },
    ...errorResponses(401, 404, 409, 422, 503),
  },
});

const runs = createRoute({
  method: 'get',
  path: '/pipelines/runs',
  tags,
  summary: 'Pipeline runs, newest first',
  security,
  request: { query: RunListQuery },
  responses: {
    200: { description: 'A page of runs', content: json(RunListSchema) },
    ...errorResponses(401, 422, 503),
  },
});

const run = createRoute({
  method: 'get',
  path: '/pipelines/runs/{id}',
  tags,
  summary: 'A pipeline run with its result and execution log',
  security,
  request: { params: idParams },
  responses: {
    200: { description: 'The run', content: json(RunSchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

const decision = createRoute({
  method: 'post',
  path: '/pipelines/decision',
  tags,
  summary: 'Run the decision pipeline now on the bundled sample bars',
  description:
    'regime → portfolio → discipline → allocation → guardian, stored as a run (trigger `api`). 422 for input the pipeline cannot use (nothing is stored then).',
  security,
  request: { body: body(DecisionRequestSchema) },
  responses: {
    201: { description: 'The succeeded run; `result` is the decision', content: json(RunSchema) },
    ...errorResponses(400, 401, 404, 409, 413, 415, 422, 503),
  },
});

export const pipelinesRoutes = createRouter()
  .openapi(create, async (c) => {
    const input = c.req.valid('json');
    checkSchedule(input);
    await requireOrchestrator(c, input.orchestrator_id, { live: true });
    const row = await insertSchedule(c.var.db(), {
      orchestratorId: input.orchestrator_id,
      name: input.name,
      kind: input.kind,
      cron: input.cron.trim(),
      timezone: input.timezone,
      tradingDaysOnly: input.trading_days_only,
      params: input.params,
    });
    return c.json(toScheduleJson(row), 201);
  })
  .openapi(list, async (c) => {
    const { orchestrator_id: orchestratorId } = c.req.valid('query');
    const rows = await listSchedules(c.var.db(), orchestratorFilter(c.var.principal, orchestratorId));
    return c.json({ schedules: rows.map((row) => toScheduleJson(row)) }, 200);
  })
  .openapi(get, async (c) => {
    const row = await requireSchedule(c, c.req.valid('param').id);
    return c.json(toScheduleJson(row), 200);
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const changes = c.req.valid('json');
    const current = await requireSchedule(c, id);
    checkSchedule({ ...changes, ...(changes.params === undefined ? {} : { kind: current.kind }) });
    const row = await updateSchedule(c.var.db(), id, {
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.cron === undefined ? {} : { cron: changes.cron.trim() }),
      ...(changes.timezone === undefined ? {} : { timezone: changes.timezone }),
      ...(changes.trading_days_only === undefined ? {} : { tradingDaysOnly: changes.trading_days_only }),
      ...(changes.params === undefined ? {} : { params: changes.params }),
    });
    if (!row) throw new NotFoundError(`Pipeline schedule ${id}`);
    return c.json(toScheduleJson(row), 200);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    await requireSchedule(c, id);
    if (!(await deleteSchedule(c.var.db(), id))) throw new NotFoundError(`Pipeline schedule ${id}`);
    return c.body(null, 204);
  })
  .openapi(toggle('pause'), async (c) => {
    const { id } = c.req.valid('param');
    await requireSchedule(c, id);
    const row = await updateSchedule(c.var.db(), id, { paused: true });
    if (!row) throw new NotFoundError(`Pipeline schedule ${id}`);
    return c.json(toScheduleJson(row), 200);
  })
  .openapi(toggle('resume'), async (c) => {
    const { id } = c.req.valid('param');
    await requireSchedule(c, id);
    const row = await updateSchedule(c.var.db(), id, { paused: false, checkedThrough: new Date() });
    if (!row) throw new NotFoundError(`Pipeline schedule ${id}`);
    return c.json(toScheduleJson(row), 200);
  })
  .openapi(runNow, async (c) => {
    const schedule = await requireSchedule(c, c.req.valid('param').id);
    await requireOrchestrator(c, schedule.orchestratorId, { live: true });
    const row = await insertRun(c.var.db(), {
      orchestratorId: schedule.orchestratorId,
      scheduleId: schedule.id,
      kind: schedule.kind,
      trigger: 'manual',
      scheduledFor: null,
      status: 'queued',
      params: schedule.params,
    });
    await c.env.WORK_QUEUE.send(pipelineRunMessage(row.id));
    await emitRunStatus(hubOf(c.env, row.orchestratorId), row);
    return c.json(toRunJson(row), 202);
  })
  .openapi(runs, async (c) => {
    const query = c.req.valid('query');
    const rows = await listRuns(c.var.db(), {
      orchestratorId: orchestratorFilter(c.var.principal, query.orchestrator_id),
      scheduleId: query.schedule_id,
      kind: query.kind,
      status: query.status,
      limit: query.limit,
      before: query.cursor,
    });
    return c.json({ runs: rows.map(toRunJson), next_cursor: nextBefore(rows, query.limit) }, 200);
  })
  .openapi(run, async (c) => {
    const { id } = c.req.valid('param');
    const row = await findRun(c.var.db(), id);
    if (!row) throw new NotFoundError(`Pipeline run ${id}`);
    assertOrchestratorAccess(c.var.principal, row.orchestratorId);
    return c.json(toRunJson(row), 200);
  })
  .openapi(decision, async (c) => {
    const { orchestrator_id: orchestratorId, ...params } = c.req.valid('json');
    await requireOrchestrator(c, orchestratorId, { live: true });
    const started = new Date();
    const outcome = await runPipelineChain(decisionChain(params, started));
    if (outcome.status === 'failed' || !outcome.result) {
      if (!outcome.inputError) throw new Error(`decision pipeline failed: ${outcome.error}`);
      const { field, message } = outcome.inputError;
      throw new ValidationError([{ path: `body.${field}`, message: message.slice(field.length + 1) }]);
    }
    const row = await insertRun(c.var.db(), {
      orchestratorId,
      scheduleId: null,
      kind: 'decision',
      trigger: 'api',
      scheduledFor: null,
      status: 'succeeded',
      params,
      result: outcome.result,
      executionLog: outcome.log as unknown as Record<string, unknown>[],
      attempts: 1,
      startedAt: started,
      finishedAt: new Date(),
    });
    await emitRunStatus(hubOf(c.env, orchestratorId), row, outcome.summary);
    return c.json(toRunJson(row), 201);
  });
