/**
 * AI Developer Workflows over REST: start one (201), list an orchestrator's, read one with its steps,
 * its events grouped by step, and cancel it. Creating and cancelling go through the orchestrator's
 * Durable Object, which sequences the events and owns the running steps.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { assertOrchestratorAccess } from '../auth/middleware.ts';
import { adwEvents, listAdws } from '../db/adw-list.ts';
import { findAdw } from '../db/adws.ts';
import { fromRow } from '../events/event-rows.ts';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { freeText, lineText } from '../http/text.ts';
import { loadAdwJson, loadAdwPageJson } from '../workflows/adw-view.ts';
import { findWorkflow, WORKFLOW_TYPE_NAMES } from '../workflows/definitions.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import { hubFor, requireOrchestrator } from './hub.ts';
import { BeforeCursorParam, nextBefore } from './page-cursor.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];
const IdParams = z.object({ id: UuidParam });

const StepSchema = z.object({
  step_index: z.number(),
  step: z.string(),
  status: z.string(),
  attempt: z.number(),
  agent_id: z.string().nullable(),
  agent_name: z.string().nullable(),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  duration_ms: z.number().nullable(),
  cost_usd: z.number(),
  output: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  summary: z.string(),
});

const AdwSchema = z
  .object({
    id: z.uuid(),
    orchestrator_id: z.uuid(),
    name: z.string(),
    workflow_type: z.string(),
    description: z.string().nullable(),
    status: z.enum(['pending', 'in_progress', 'completed', 'failed', 'cancelled']),
    current_step: z.string().nullable(),
    completed_steps: z.number(),
    total_steps: z.number(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    completed_at: z.string().nullable(),
    duration_ms: z.number().nullable(),
    error_step: z.string().nullable(),
    error_message: z.string().nullable(),
    cost_usd: z.number(),
    tokens: z.number(),
    steps: z.array(StepSchema),
  })
  .openapi('Adw');

const StartAdwSchema = z
  .object({
    workflow_type: lineText().min(1).max(100).openapi({ example: 'plan_build_review' }),
    prompt: freeText().trim().min(1, 'must not be empty').max(100_000),
    name: lineText().trim().min(1, 'must not be empty').max(100),
    description: freeText().max(2_000).optional(),
  })
  .strict()
  .openapi('StartAdw');

const start = createRoute({
  method: 'post',
  path: '/orchestrators/{id}/adws',
  tags: ['workflows'],
  summary: `Start an AI Developer Workflow (${WORKFLOW_TYPE_NAMES.join(', ')}); its steps run on the work queue`,
  security,
  request: { params: IdParams, body: { content: json(StartAdwSchema), required: true } },
  responses: {
    201: { description: 'Created; step 1 is enqueued', content: json(AdwSchema) },
    ...errorResponses(400, 401, 404, 409, 413, 415, 422),
  },
});

const list = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/adws',
  tags: ['workflows'],
  summary: 'The orchestrator’s workflows, newest first',
  security,
  request: {
    params: IdParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      before: BeforeCursorParam,
    }),
  },
  responses: {
    200: {
      description: 'A page of workflows',
      content: json(z.object({ adws: z.array(AdwSchema), next_before: z.string().nullable() })),
    },
    ...errorResponses(401, 404, 422),
  },
});

const get = createRoute({
  method: 'get',
  path: '/adws/{id}',
  tags: ['workflows'],
  summary: 'A workflow with its steps, timings, error and costs',
  security,
  request: { params: IdParams },
  responses: {
    200: { description: 'The workflow', content: json(AdwSchema) },
    ...errorResponses(401, 404, 422),
  },
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/adws/{id}/events',
  tags: ['workflows'],
  summary: 'A workflow’s events grouped by step (`_workflow` for workflow-wide lines)',
  security,
  request: {
    params: IdParams,
    query: z.object({
      step: lineText().min(1).max(50).optional(),
      after_seq: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(1_000).default(500),
    }),
  },
  responses: {
    200: {
      description: 'Events by step, each list in sequence order',
      content: json(
        z.object({
          adw_id: z.string(),
          steps: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
          next_after_seq: z.number().nullable(),
        }),
      ),
    },
    ...errorResponses(401, 404, 422),
  },
});

const cancel = createRoute({
  method: 'post',
  path: '/adws/{id}/cancel',
  tags: ['workflows'],
  summary: 'Cancel a workflow: pending steps are cancelled, the running step’s agent is interrupted',
  security,
  request: { params: IdParams },
  responses: {
    200: { description: 'Cancelled (also when it already was)', content: json(AdwSchema) },
    ...errorResponses(401, 404, 409, 422),
  },
});

export const adwRoutes = createRouter()
  .openapi(start, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    if (!findWorkflow(body.workflow_type)) {
      throw new ValidationError([
        { path: 'body.workflow_type', message: `must be one of: ${WORKFLOW_TYPE_NAMES.join(', ')}` },
      ]);
    }
    await requireOrchestrator(c, id, { live: true });
    const adw = await hubFor(c, id).startAdw(id, {
      name: body.name,
      workflowType: body.workflow_type,
      prompt: body.prompt,
      description: body.description,
    });
    if (!adw) throw new Error('the workflow was created but could not be read back');
    return c.json(adw, 201);
  })
  .openapi(list, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    await requireOrchestrator(c, id);
    const db = c.var.db();
    const rows = await listAdws(db, id, { limit: query.limit, before: query.before });
    const adws = await loadAdwPageJson(db, rows);
    return c.json({ adws, next_before: nextBefore(rows, query.limit) }, 200);
  })
  .openapi(get, async (c) => {
    const adw = await loadAdwJson(c.var.db(), c.req.valid('param').id);
    if (!adw) throw new NotFoundError(`Workflow ${c.req.valid('param').id}`);
    assertOrchestratorAccess(c.var.principal, adw.orchestrator_id);
    return c.json(adw, 200);
  })
  .openapi(eventsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const row = await findAdw(c.var.db(), id);
    if (!row) throw new NotFoundError(`Workflow ${id}`);
    assertOrchestratorAccess(c.var.principal, row.orchestratorId);
    await hubFor(c, row.orchestratorId).flushEvents(row.orchestratorId);
    const rows = await adwEvents(c.var.db(), row.orchestratorId, id, {
      step: query.step,
      afterSeq: query.after_seq,
      limit: query.limit,
    });
    const steps: Record<string, Array<Record<string, unknown>>> = {};
    for (const event of rows.map(fromRow)) {
      const step = event.adw_step ?? '_workflow';
      steps[step] ??= [];
      steps[step].push({ ...event });
    }
    const next = rows.length === query.limit ? (rows.at(-1)?.seq ?? null) : null;
    return c.json({ adw_id: id, steps, next_after_seq: next }, 200);
  })
  .openapi(cancel, async (c) => {
    const { id } = c.req.valid('param');
    const row = await findAdw(c.var.db(), id);
    if (!row) throw new NotFoundError(`Workflow ${id}`);
    assertOrchestratorAccess(c.var.principal, row.orchestratorId);
    const result = await hubFor(c, row.orchestratorId).cancelAdw(row.orchestratorId, id);
    if (!result) throw new NotFoundError(`Workflow ${id}`);
    if (!result.ok)
      throw new ConflictError(`Workflow ${id} has already ended (${result.status}).`, {
        status: result.status,
      });
    const adw = await loadAdwJson(c.var.db(), id);
    if (!adw) throw new NotFoundError(`Workflow ${id}`);
    return c.json(adw, 200);
  });
