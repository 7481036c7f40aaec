/** Chatting with an orchestrator: send a message (202 at once), page through history, interrupt. */
import { createRoute, z } from '@hono/zod-openapi';
import { chatPage } from '../db/chat.ts';
import { chatMessageJson } from '../events/chat-json.ts';
import { ConflictError, NotFoundError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { freeText } from '../http/text.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import { hubFor, requireOrchestrator } from './hub.ts';
import { BeforeCursorParam, nextBefore } from './page-cursor.ts';

const IdParams = z.object({ id: UuidParam });
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];

const SendMessageSchema = z
  .object({ message: freeText().trim().min(1, 'must not be empty').max(100_000) })
  .strict()
  .openapi('SendMessage');

const ChatMessageSchema = z
  .object({
    id: z.uuid(),
    sender: z.enum(['user', 'orchestrator', 'agent']),
    kind: z.enum(['text', 'thinking', 'tool_use', 'tool_result']),
    content: z.string(),
    agent_id: z.string().nullable(),
    turn_id: z.string().nullable(),
    interrupted: z.boolean(),
    data: z.record(z.string(), z.unknown()).openapi({
      description: 'For a tool_use: {tool_use_id, name, input}, as in the live tool_use event',
    }),
    created_at: z.string(),
  })
  .openapi('ChatMessage', {
    description: 'The same object as the `message` of a live chat_message event',
  });

const send = createRoute({
  method: 'post',
  path: '/orchestrators/{id}/messages',
  tags: ['chat'],
  summary:
    'Send the orchestrator a message; a running turn is interrupted. The reply streams on the WebSocket.',
  security,
  request: { params: IdParams, body: { content: json(SendMessageSchema), required: true } },
  responses: {
    202: {
      description: 'Accepted; the turn runs in the background',
      content: json(
        z.object({ message_id: z.string(), turn_id: z.string(), interrupted_turn_id: z.string().nullable() }),
      ),
    },
    ...errorResponses(400, 401, 404, 409, 413, 415, 422),
  },
});

const history = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/messages',
  tags: ['chat'],
  summary: 'Chat history, newest first: user and orchestrator messages with thinking and tool-use entries',
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
      description: 'A page of messages',
      content: json(z.object({ messages: z.array(ChatMessageSchema), next_before: z.string().nullable() })),
    },
    ...errorResponses(401, 404, 422),
  },
});

const interrupt = createRoute({
  method: 'post',
  path: '/orchestrators/{id}/interrupt',
  tags: ['chat'],
  summary: 'Stop the orchestrator’s running turn',
  security,
  request: { params: IdParams },
  responses: {
    200: { description: 'Done', content: json(z.object({ interrupted_turn_id: z.string().nullable() })) },
    ...errorResponses(401, 404, 422),
  },
});

export const chat = createRouter()
  .openapi(send, async (c) => {
    const { id } = c.req.valid('param');
    // The object checks the orchestrator itself: no database session is opened here on the hot path.
    const result = await hubFor(c, id).submitMessage(id, c.req.valid('json').message);
    if (!result.ok) {
      if (result.reason === 'archived') throw new ConflictError(`Orchestrator ${id} is archived.`);
      throw new NotFoundError(`Orchestrator ${id}`);
    }
    const { ok: _ok, ...submitted } = result;
    return c.json(submitted, 202);
  })
  .openapi(history, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    await requireOrchestrator(c, id);
    const rows = await chatPage(c.var.db(), id, { limit: query.limit, before: query.before });
    return c.json({ messages: rows.map(chatMessageJson), next_before: nextBefore(rows, query.limit) }, 200);
  })
  .openapi(interrupt, async (c) => {
    const { id } = c.req.valid('param');
    await requireOrchestrator(c, id);
    return c.json(await hubFor(c, id).interrupt(id), 200);
  });
