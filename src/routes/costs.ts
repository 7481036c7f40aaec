/** `GET /api/orchestrators/:id/costs`: what an orchestrator has spent, by agent, by model and over time. */
import { createRoute, z } from '@hono/zod-openapi';
import { costReport } from '../db/costs.ts';
import { usageWithCallsJson } from '../events/usage-json.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import { requireOrchestrator } from './hub.ts';

const usageFields = {
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_write_tokens: z.number(),
  cache_read_tokens: z.number(),
  cost_usd: z.number(),
  model_calls: z.number(),
};

const CostUsageSchema = z.object(usageFields).openapi('CostUsage');

const CostReportSchema = z
  .object({
    bucket: z.enum(['minute', 'hour', 'day']),
    totals: CostUsageSchema,
    by_agent: z.array(
      z.object({
        purpose: z
          .string()
          .openapi({ description: '`orchestrator`, `agent`, `summary`, `workflow` or `autocomplete`' }),
        agent_id: z.string().nullable(),
        agent_name: z
          .string()
          .nullable()
          .openapi({ description: 'Null for calls not made by a command agent' }),
        ...usageFields,
      }),
    ),
    by_model: z.array(z.object({ model: z.string(), ...usageFields })),
    series: z.array(
      z.object({ start: z.string().openapi({ description: 'Bucket start, ISO 8601 UTC' }), ...usageFields }),
    ),
  })
  .openapi('CostReport');

const report = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/costs',
  tags: ['costs'],
  summary: 'Tokens and USD spent: totals, by agent, by model, and per time bucket',
  description:
    'Aggregated from every model call on the orchestrator’s behalf (its own turns, its agents, summaries, workflows). The series holds the most recent 1,000 non-empty buckets, oldest first.',
  security: [{ bearerAuth: [] }],
  request: {
    params: z.object({ id: UuidParam }),
    query: z.object({ bucket: z.enum(['minute', 'hour', 'day']).default('hour') }),
  },
  responses: {
    200: { description: 'The cost report', content: { 'application/json': { schema: CostReportSchema } } },
    ...errorResponses(401, 404, 422),
  },
});

export const costRoutes = createRouter().openapi(report, async (c) => {
  const { id } = c.req.valid('param');
  const { bucket } = c.req.valid('query');
  await requireOrchestrator(c, id);
  const costs = await costReport(c.var.db(), id, bucket);
  return c.json(
    {
      bucket,
      totals: usageWithCallsJson(costs.totals),
      by_agent: costs.byAgent.map((row) => ({
        purpose: row.purpose,
        agent_id: row.agentId,
        agent_name: row.agentName,
        ...usageWithCallsJson(row),
      })),
      by_model: costs.byModel.map((row) => ({ model: row.model, ...usageWithCallsJson(row) })),
      series: costs.series.map((point) => ({ start: point.start, ...usageWithCallsJson(point) })),
    },
    200,
  );
});
