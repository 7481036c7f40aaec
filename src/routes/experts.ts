/**
 * An orchestrator's expertise documents (src/experts) over REST:
 * - `GET /orchestrators/{id}/experts` every domain with its version, line count and limit;
 * - `GET /orchestrators/{id}/experts/{domain}` a document's content;
 * - `GET /orchestrators/{id}/experts/{domain}/versions?before=&limit=` its versions, newest first, with diffs;
 * - `PUT /orchestrators/{id}/experts/{domain}` a person writes it: a new version by author `user`,
 *   refused with 422 over the line limit. Live clients hear of it as an `expertise_updated` event.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { expertiseHistory, listExpertise, readExpertise, writeExpertise } from '../db/expertise.ts';
import { capDiff } from '../experts/document.ts';
import { ExpertiseError } from '../experts/errors.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import {
  ExpertDocumentSchema,
  ExpertHistorySchema,
  ExpertListSchema,
  ExpertParams,
  HistoryQuerySchema,
  PutExpertSchema,
  toDocumentJson,
  toSummaryJson,
  toVersionJson,
} from './experts-schemas.ts';
import { hubFor, requireOrchestrator } from './hub.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];
const tags = ['experts'];
const USER = 'user';

const list = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/experts',
  tags,
  summary: 'The expertise documents of an orchestrator, by domain',
  security,
  request: { params: z.object({ id: UuidParam }) },
  responses: {
    200: { description: 'Every domain with its version, lines and limit', content: json(ExpertListSchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

const get = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/experts/{domain}',
  tags,
  summary: 'An expertise document’s current content',
  security,
  request: { params: ExpertParams },
  responses: {
    200: { description: 'The document', content: json(ExpertDocumentSchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

const versions = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/experts/{domain}/versions',
  tags,
  summary: 'An expertise document’s versions, newest first, each with its diff, author and reason',
  security,
  request: { params: ExpertParams, query: HistoryQuerySchema },
  responses: {
    200: { description: 'A page of versions', content: json(ExpertHistorySchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

const put = createRoute({
  method: 'put',
  path: '/orchestrators/{id}/experts/{domain}',
  tags,
  summary: 'Write an expertise document as a person: a new version by author `user`',
  description: '422 when the content has more lines than the document’s limit (`max_lines`).',
  security,
  request: { params: ExpertParams, body: { content: json(PutExpertSchema), required: true } },
  responses: {
    200: {
      description: 'Updated (or unchanged: the same content records no version)',
      content: json(ExpertDocumentSchema),
    },
    201: { description: 'Created', content: json(ExpertDocumentSchema) },
    ...errorResponses(400, 401, 404, 409, 413, 415, 422, 503),
  },
});

export const expertRoutes = createRouter()
  .openapi(list, async (c) => {
    const { id } = c.req.valid('param');
    await requireOrchestrator(c, id);
    const rows = await listExpertise(c.var.db(), id);
    return c.json({ experts: rows.map(toSummaryJson) }, 200);
  })
  .openapi(get, async (c) => {
    const { id, domain } = c.req.valid('param');
    await requireOrchestrator(c, id);
    const document = await readExpertise(c.var.db(), id, domain);
    if (!document) throw new NotFoundError(`Expertise document ${domain}`);
    return c.json(toDocumentJson(document), 200);
  })
  .openapi(versions, async (c) => {
    const { id, domain } = c.req.valid('param');
    const query = c.req.valid('query');
    await requireOrchestrator(c, id);
    const rows = await expertiseHistory(c.var.db(), id, domain, query);
    if (!rows) throw new NotFoundError(`Expertise document ${domain}`);
    const last = rows.length === query.limit ? rows.at(-1) : undefined;
    return c.json({ domain, versions: rows.map(toVersionJson), next_before: last?.version ?? null }, 200);
  })
  .openapi(put, async (c) => {
    const { id, domain } = c.req.valid('param');
    const body = c.req.valid('json');
    await requireOrchestrator(c, id, { live: true });
    const db = c.var.db();
    const outcome = await writeExpertise(db, id, domain, {
      content: () => body.content,
      maxLines: body.max_lines,
      author: USER,
      reason: body.reason || null,
    }).catch((error: unknown) => {
      if (error instanceof ExpertiseError)
        throw new ValidationError([{ path: 'body.content', message: error.message }]);
      throw error;
    });
    if (outcome.status !== 'unchanged') {
      await hubFor(c, id).expertiseUpdated(id, {
        domain,
        version: outcome.version,
        lines: outcome.lines,
        max_lines: outcome.maxLines,
        lines_added: outcome.linesAdded,
        lines_removed: outcome.linesRemoved,
        diff: capDiff(outcome.diff),
        author: USER,
        reason: body.reason || null,
      });
    }
    const document = await readExpertise(db, id, domain);
    if (!document) throw new Error(`expertise document ${domain} vanished right after its write`);
    return c.json(toDocumentJson(document), outcome.status === 'created' ? 201 : 200);
  });
