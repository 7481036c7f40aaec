/** `GET /api/orchestrators/:id/events`: the stored event stream, filtered and paged by `after_seq`. */
import { createRoute, z } from '@hono/zod-openapi';
import { searchEvents } from '../db/events.ts';
import { fromRow } from '../events/event-rows.ts';
import { EVENT_TYPES } from '../events/types.ts';
import { createRouter } from '../http/router.ts';
import { lineText } from '../http/text.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import { hubFor, requireOrchestrator } from './hub.ts';

const categories = [...new Set(Object.values(EVENT_TYPES))] as [string, ...string[]];
const types = Object.keys(EVENT_TYPES) as [string, ...string[]];

const EventSchema = z
  .object({
    seq: z.number(),
    type: z.string(),
    category: z.string(),
    ts: z.string(),
    orchestrator_id: z.string(),
    agent_id: z.string().optional(),
    adw_id: z.string().optional(),
    adw_step: z.string().optional(),
    prompt_id: z.string().optional(),
    summary: z.string().optional(),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('Event');

const list = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/events',
  tags: ['events'],
  summary: 'Stored events in sequence order, with filters',
  security: [{ bearerAuth: [] }],
  request: {
    params: z.object({ id: UuidParam }),
    query: z.object({
      after_seq: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(1_000).default(200),
      agent_id: z.uuid().optional(),
      category: z.enum(categories).optional(),
      type: z.enum(types).optional(),
      text: lineText().min(1).max(200).optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of events; pass next_after_seq as after_seq for the next one',
      content: {
        'application/json': {
          schema: z.object({
            events: z.array(EventSchema),
            next_after_seq: z.number().nullable(),
            last_seq: z.number(),
          }),
        },
      },
    },
    ...errorResponses(401, 404, 422),
  },
});

export const eventRoutes = createRouter().openapi(list, async (c) => {
  const { id } = c.req.valid('param');
  const query = c.req.valid('query');
  await requireOrchestrator(c, id);
  // Events still in the object's outbox are written first, so the page is complete up to now.
  const lastSeq = await hubFor(c, id).flushEvents(id);
  const rows = await searchEvents(c.var.db(), id, {
    afterSeq: query.after_seq,
    limit: query.limit,
    agentId: query.agent_id,
    category: query.category,
    type: query.type,
    text: query.text,
  });
  const events = rows.map(fromRow);
  return c.json(
    {
      events,
      next_after_seq: rows.length === query.limit ? (events.at(-1)?.seq ?? null) : null,
      last_seq: lastSeq,
    },
    200,
  );
});
