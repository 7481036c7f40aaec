/** `GET /api/orchestrators/:id/agents`: command agents with status, current task, tokens and cost. */
import { createRoute, z } from '@hono/zod-openapi';
import { agentUsage, liveAgents, setAgentBudget } from '../db/agents.ts';
import { queueState } from '../db/prompts.ts';
import { NotFoundError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { lineText } from '../http/text.ts';
import { agentJson } from '../orchestrator/agent-json.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import { requireOrchestrator } from './hub.ts';

const AgentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    model: z.string(),
    template: z.string().nullable(),
    status: z.string(),
    budget_usd: z.number().nullable(),
    color: z.string().nullable(),
    created_at: z.string(),
    current_task: z.string().nullable(),
    queued: z.number(),
    adw_id: z.string().nullable().openapi({ description: 'The workflow a step agent runs a step of' }),
    adw_step: z.string().nullable(),
    usage: z.object({
      input_tokens: z.number(),
      output_tokens: z.number(),
      cache_write_tokens: z.number(),
      cache_read_tokens: z.number(),
      cost_usd: z.number(),
      context_tokens: z.number(),
    }),
  })
  .openapi('Agent');

const list = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/agents',
  tags: ['agents'],
  summary: 'The orchestrator’s live command agents',
  security: [{ bearerAuth: [] }],
  request: { params: z.object({ id: UuidParam }) },
  responses: {
    200: {
      description: 'Agents, oldest first',
      content: { 'application/json': { schema: z.object({ agents: z.array(AgentSchema) }) } },
    },
    ...errorResponses(401, 404, 422),
  },
});

const budget = createRoute({
  method: 'patch',
  path: '/orchestrators/{id}/agents/{name}',
  tags: ['agents'],
  summary: 'Set or clear an agent’s USD budget; its runs stop before a call that would exceed it',
  security: [{ bearerAuth: [] }],
  request: {
    params: z.object({
      id: UuidParam,
      name: lineText()
        .min(1)
        .max(64)
        .openapi({ param: { name: 'name', in: 'path' } }),
    }),
    body: {
      content: {
        'application/json': {
          schema: z
            .object({ budget_usd: z.number().positive().max(1_000_000).nullable() })
            .strict()
            .openapi('AgentBudget'),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'Updated',
      content: {
        'application/json': { schema: z.object({ name: z.string(), budget_usd: z.number().nullable() }) },
      },
    },
    ...errorResponses(400, 401, 404, 409, 413, 415, 422),
  },
});

export const agentRoutes = createRouter()
  .openapi(budget, async (c) => {
    const { id, name } = c.req.valid('param');
    await requireOrchestrator(c, id, { live: true });
    const row = await setAgentBudget(c.var.db(), id, name, c.req.valid('json').budget_usd);
    if (!row) throw new NotFoundError(`Agent ${name}`);
    return c.json({ name: row.name, budget_usd: row.budgetUsd }, 200);
  })
  .openapi(list, async (c) => {
    const { id } = c.req.valid('param');
    await requireOrchestrator(c, id);
    const db = c.var.db();
    const [agents, usage, queues] = await Promise.all([
      liveAgents(db, id),
      agentUsage(db, id),
      queueState(db, id),
    ]);
    return c.json(
      {
        agents: agents.map((agent) => {
          const used = usage.get(agent.id);
          const queue = queues.get(agent.id);
          return {
            ...agentJson(agent),
            current_task: queue?.running ?? null,
            queued: queue?.queued ?? 0,
            adw_id: agent.adwId,
            adw_step: agent.adwStep,
            usage: {
              input_tokens: used?.inputTokens ?? 0,
              output_tokens: used?.outputTokens ?? 0,
              cache_write_tokens: used?.cacheWriteTokens ?? 0,
              cache_read_tokens: used?.cacheReadTokens ?? 0,
              cost_usd: used?.costUsd ?? 0,
              context_tokens: used?.latestInputTokens ?? 0,
            },
          };
        }),
      },
      200,
    );
  });
