/** `/api/orchestrators`: create, list, read and archive orchestrators; open their live stream. */

import { createRoute, z } from '@hono/zod-openapi';
import { assertMayCreateOrchestrators } from '../auth/middleware.ts';
import {
  archiveOrchestrator,
  insertOrchestrator,
  listOrchestrators,
  type OrchestratorRow,
  type UsageTotals,
  updateOrchestrator,
  usageTotals,
  usageTotalsMany,
} from '../db/orchestrators.ts';
import { usageWithCallsJson } from '../events/usage-json.ts';
import { AppError, NotFoundError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { freeText, lineText } from '../http/text.ts';
import { orchestratorCatalog } from './catalog.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import { hubFor, requireOrchestrator } from './hub.ts';
import { BeforeCursorParam, nextBefore } from './page-cursor.ts';

const DEFAULT_MODEL = 'opus';

const CreateOrchestratorSchema = z
  .object({
    name: lineText().trim().min(1).max(120).default('orchestrator'),
    model: lineText()
      .trim()
      .regex(/^[\w.:@-]{1,100}$/, 'must be a model id or alias such as "opus"')
      .default(DEFAULT_MODEL),
    system_prompt: freeText().max(100_000).optional(),
    budget_usd: z.number().positive().max(1_000_000).optional(),
  })
  .strict()
  .openapi('CreateOrchestrator');

const UsageSchema = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_write_tokens: z.number(),
  cache_read_tokens: z.number(),
  cost_usd: z.number(),
  model_calls: z.number(),
});

const OrchestratorSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status: z.enum(['idle', 'running', 'archived']),
    model: z.string(),
    system_prompt: z.string().nullable(),
    budget_usd: z.number().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    archived_at: z.string().nullable(),
    usage: UsageSchema.optional(),
  })
  .openapi('Orchestrator');

const LiveSchema = z.object({
  last_seq: z.number(),
  connections: z.number(),
  turn_running: z.boolean(),
  agent_runs: z.number(),
});

const CatalogSchema = z.object({
  model_provider: z.object({ provider: z.string(), label: z.string(), base_url: z.string().optional() }),
  slash_commands: z.array(z.object({ name: z.string(), description: z.string(), argument_hint: z.string() })),
  agent_templates: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      tools: z.array(z.string()),
      model: z.string(),
      color: z.string(),
    }),
  ),
  tools: z.array(z.object({ name: z.string(), description: z.string() })),
  workflow_types: z.array(z.object({ type: z.string(), description: z.string() })),
});

const ListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: BeforeCursorParam,
  include_archived: z.enum(['true', 'false']).default('false'),
});

const IdParams = z.object({ id: UuidParam });
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];

const create = createRoute({
  method: 'post',
  path: '/orchestrators',
  tags: ['orchestrators'],
  summary: 'Create an orchestrator',
  description: 'Every field has a default, so an empty body creates an orchestrator with the defaults.',
  security,
  request: { body: { content: json(CreateOrchestratorSchema), required: false } },
  responses: {
    201: { description: 'Created', content: json(OrchestratorSchema) },
    ...errorResponses(400, 401, 403, 413, 415, 422, 503),
  },
});

const list = createRoute({
  method: 'get',
  path: '/orchestrators',
  tags: ['orchestrators'],
  summary: 'List orchestrators, newest first, each with its token and cost totals',
  security,
  request: { query: ListQuerySchema },
  responses: {
    200: {
      description: 'A page of orchestrators',
      content: json(
        z.object({ orchestrators: z.array(OrchestratorSchema), next_before: z.string().nullable() }),
      ),
    },
    ...errorResponses(401, 422, 503),
  },
});

const get = createRoute({
  method: 'get',
  path: '/orchestrators/{id}',
  tags: ['orchestrators'],
  summary: 'An orchestrator with its token and cost totals',
  security,
  request: { params: IdParams },
  responses: {
    200: {
      description: 'The orchestrator',
      content: json(OrchestratorSchema.extend({ live: LiveSchema, catalog: CatalogSchema })),
    },
    ...errorResponses(401, 404, 422, 503),
  },
});

const archive = createRoute({
  method: 'post',
  path: '/orchestrators/{id}/archive',
  tags: ['orchestrators'],
  summary: 'Archive an orchestrator (idempotent); its history stays readable',
  security,
  request: { params: IdParams },
  responses: {
    200: { description: 'Archived', content: json(OrchestratorSchema) },
    ...errorResponses(401, 403, 404, 422, 503),
  },
});

const stream = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/ws',
  tags: ['orchestrators'],
  summary: 'Upgrade to the orchestrator’s live event WebSocket',
  description:
    'Authenticate with the bearer header, the session cookie, or `?ticket=` from POST /api/auth/ws-ticket. ' +
    'With `after_seq=N` every event after N is replayed first, then live events follow with no gap and no ' +
    'duplicate; without it only live events arrive. The first message is a `connection_established` control ' +
    'frame (no seq) carrying `last_seq`. The socket is read-only; a literal `ping` is answered with `pong`.',
  security,
  request: {
    params: IdParams,
    query: z.object({
      after_seq: z.coerce.number().int().min(0).optional(),
      ticket: z.string().optional(),
    }),
  },
  responses: {
    101: { description: 'Switching protocols' },
    ...errorResponses(401, 404, 422),
    426: { description: 'Not a WebSocket upgrade request' },
  },
});

const UpdateOrchestratorSchema = z
  .object({
    name: lineText().trim().min(1).max(120).optional(),
    model: CreateOrchestratorSchema.shape.model.unwrap().optional(),
    system_prompt: freeText().max(100_000).nullable().optional(),
    budget_usd: z.number().positive().max(1_000_000).nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change')
  .openapi('UpdateOrchestrator');

const update = createRoute({
  method: 'patch',
  path: '/orchestrators/{id}',
  tags: ['orchestrators'],
  summary: 'Change an orchestrator’s name, model, system prompt or USD budget (null clears it)',
  security,
  request: { params: IdParams, body: { content: json(UpdateOrchestratorSchema), required: true } },
  responses: {
    200: { description: 'Updated', content: json(OrchestratorSchema) },
    ...errorResponses(400, 401, 404, 409, 413, 415, 422),
  },
});

export const orchestratorRoutes = createRouter()
  .openapi(create, async (c) => {
    // With no JSON body the validator does not run: every field takes its default.
    assertMayCreateOrchestrators(c.var.principal);
    const body = c.req.header('Content-Type') ? c.req.valid('json') : CreateOrchestratorSchema.parse({});
    const row = await insertOrchestrator(c.var.db(), {
      name: body.name,
      model: body.model,
      systemPrompt: body.system_prompt,
      budgetUsd: body.budget_usd,
    });
    return c.json(toOrchestratorJson(row, emptyUsage), 201, { Location: `/api/orchestrators/${row.id}` });
  })
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    const db = c.var.db();
    const rows = await listOrchestrators(db, {
      includeArchived: query.include_archived === 'true',
      limit: query.limit,
      before: query.before,
      ids: c.var.principal.scope.orchestrators ?? undefined,
    });
    // One grouped query for the whole page, not one per orchestrator.
    const usage = await usageTotalsMany(
      db,
      rows.map((row) => row.id),
    );
    return c.json(
      {
        orchestrators: rows.map((row) => toOrchestratorJson(row, usage.get(row.id) ?? emptyUsage)),
        next_before: nextBefore(rows, query.limit),
      },
      200,
    );
  })
  .openapi(get, async (c) => {
    const db = c.var.db();
    const { id } = c.req.valid('param');
    const row = await requireOrchestrator(c, id);
    const [usage, live] = await Promise.all([usageTotals(db, id), hubFor(c, id).status(id)]);
    return c.json({ ...toOrchestratorJson(row, usage), live, catalog: orchestratorCatalog(c.env) }, 200);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await requireOrchestrator(c, id, { live: true });
    const row = await updateOrchestrator(c.var.db(), id, {
      name: body.name,
      model: body.model,
      systemPrompt: body.system_prompt,
      budgetUsd: body.budget_usd,
    });
    if (!row) throw new NotFoundError(`Orchestrator ${id}`);
    return c.json(toOrchestratorJson(row), 200);
  })
  .openapi(archive, async (c) => {
    const { id } = c.req.valid('param');
    const row = await archiveOrchestrator(c.var.db(), id);
    if (!row) throw new NotFoundError(`Orchestrator ${id}`);
    return c.json(toOrchestratorJson(row), 200);
  })
  .openapi(stream, async (c) => {
    const { id } = c.req.valid('param');
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
      throw new AppError(426, 'bad_request', 'This endpoint only accepts WebSocket upgrades.', {
        headers: { Upgrade: 'websocket' },
      });
    }
    const { after_seq: afterSeq } = c.req.valid('query');
    await requireOrchestrator(c, id);
    // The object gets only what it needs: never the credential.
    const url = new URL(`https://hub.internal/ws?orchestrator_id=${id}`);
    if (afterSeq !== undefined) url.searchParams.set('after_seq', String(afterSeq));
    return hubFor(c, id).fetch(new Request(url, { headers: { Upgrade: 'websocket' } }));
  });

const emptyUsage: UsageTotals = {
  inputTokens: 0,
  outputTokens: 0,
  cacheWriteTokens: 0,
  cacheReadTokens: 0,
  costUsd: 0,
  modelCalls: 0,
};

function toOrchestratorJson(row: OrchestratorRow, usage?: UsageTotals) {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    model: row.model,
    system_prompt: row.systemPrompt,
    budget_usd: row.budgetUsd,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    archived_at: row.archivedAt?.toISOString() ?? null,
    ...(usage && {
      usage: usageWithCallsJson(usage),
    }),
  };
}
