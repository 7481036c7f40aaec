/** `GET /api/health`: liveness of the Worker, its database and its model provider. No auth. */
import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { createRouter } from '../http/router.ts';
import { describeModelProvider } from '../model/provider.ts';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.object({
      status: z.enum(['ok', 'unreachable', 'not_configured']),
      latency_ms: z.number().optional(),
    }),
    model: z.object({
      provider: z.enum(['anthropic', 'anthropic-compatible', 'offline']),
      label: z.string(),
      base_url: z.string().optional(),
    }),
  })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Health of the Worker, its database and its model provider',
  responses: {
    200: { description: 'Everything works', content: { 'application/json': { schema: HealthSchema } } },
    503: {
      description: 'The database is unreachable',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
});

export const health = createRouter().openapi(route, async (c) => {
  const model = describeModelProvider(c.env);
  if (!c.env.DATABASE_URL) {
    return c.json(
      { status: 'degraded' as const, database: { status: 'not_configured' as const }, model },
      503,
    );
  }
  const started = Date.now();
  try {
    await c.var.db().execute(sql`select 1`);
    const database = { status: 'ok' as const, latency_ms: Date.now() - started };
    return c.json({ status: 'ok' as const, database, model }, 200);
  } catch (error) {
    // Details stay in the log: this route is public.
    console.error(`[${c.var.requestId}] health: database unreachable:`, error);
    return c.json({ status: 'degraded' as const, database: { status: 'unreachable' as const }, model }, 503);
  }
});
