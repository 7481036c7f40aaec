/**
 * An orchestrator's remote MCP servers (src/mcp-client), whose tools its agents may be granted:
 * - `GET  /orchestrators/{id}/mcp-servers` every server with its cached tools and last error;
 * - `POST /orchestrators/{id}/mcp-servers` add one (409 when the name is taken);
 * - `GET | PATCH | DELETE /orchestrators/{id}/mcp-servers/{name}`;
 * - `POST /orchestrators/{id}/mcp-servers/{name}/refresh` list its tools now (a failure is recorded
 *   in `last_error` and answered 200: the refresh did run).
 * Credentials are sealed before they reach the database and never come back (`has_secret`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { SecretBoxError } from '../crypto/secret-box.ts';
import {
  deleteMcpServer,
  findMcpServer,
  insertMcpServer,
  listMcpServers,
  type McpServerChanges,
  updateMcpServer,
} from '../db/mcp-servers.ts';
import { ConflictError, NotFoundError, ServiceUnavailableError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../http/types.ts';
import { type AuthSetting, type StoredAuth, storedAuth } from '../mcp-client/stored-auth.ts';
import { refreshToolList } from '../mcp-client/tool-list.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import { requireOrchestrator } from './hub.ts';
import {
  CreateServerSchema,
  PatchServerSchema,
  ServerListSchema,
  ServerParams,
  ServerSchema,
  toServerJson,
} from './mcp-servers-schemas.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];
const tags = ['mcp-servers'];
const base = '/orchestrators/{id}/mcp-servers';

const list = createRoute({
  method: 'get',
  path: base,
  tags,
  summary: 'The remote MCP servers of an orchestrator',
  security,
  request: { params: z.object({ id: UuidParam }) },
  responses: {
    200: { description: 'Every server, by name', content: json(ServerListSchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

const create = createRoute({
  method: 'post',
  path: base,
  tags,
  summary: 'Add a remote MCP server',
  description: 'Its tools are listed on first use or with …/refresh. 503 when SECRETS_KEY is not set.',
  security,
  request: {
    params: z.object({ id: UuidParam }),
    body: { content: json(CreateServerSchema), required: true },
  },
  responses: {
    201: { description: 'Added', content: json(ServerSchema) },
    ...errorResponses(400, 401, 404, 409, 413, 415, 422, 503),
  },
});

const get = createRoute({
  method: 'get',
  path: `${base}/{name}`,
  tags,
  summary: 'A remote MCP server',
  security,
  request: { params: ServerParams },
  responses: {
    200: { description: 'The server', content: json(ServerSchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

const patch = createRoute({
  method: 'patch',
  path: `${base}/{name}`,
  tags,
  summary: 'Change a remote MCP server’s URL, credentials or enabled flag',
  description: 'A new URL or auth forgets the cached tools and the last error.',
  security,
  request: { params: ServerParams, body: { content: json(PatchServerSchema), required: true } },
  responses: {
    200: { description: 'Changed', content: json(ServerSchema) },
    ...errorResponses(400, 401, 404, 409, 413, 415, 422, 503),
  },
});

const remove = createRoute({
  method: 'delete',
  path: `${base}/{name}`,
  tags,
  summary: 'Remove a remote MCP server (its credentials with it)',
  security,
  request: { params: ServerParams },
  responses: { 204: { description: 'Removed' }, ...errorResponses(401, 404, 409, 422, 503) },
});

const refresh = createRoute({
  method: 'post',
  path: `${base}/{name}/refresh`,
  tags,
  summary: 'List a remote MCP server’s tools now',
  description: 'A failure is recorded in `last_error` (the response is still 200).',
  security,
  request: { params: ServerParams },
  responses: {
    200: { description: 'The server after listing', content: json(ServerSchema) },
    ...errorResponses(401, 404, 409, 422, 503),
  },
});

export const mcpServerRoutes = createRouter()
  .openapi(list, async (c) => {
    const { id } = c.req.valid('param');
    await requireOrchestrator(c, id);
    const rows = await listMcpServers(c.var.db(), id);
    return c.json({ servers: rows.map(toServerJson) }, 200);
  })
  .openapi(create, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await requireOrchestrator(c, id, { live: true });
    const auth = await sealAuth(c, body.auth ?? { type: 'none' }, id, body.name);
    const row = await insertMcpServer(c.var.db(), {
      orchestratorId: id,
      name: body.name,
      url: body.url,
      enabled: body.enabled ?? true,
      ...auth,
    });
    if (!row) throw new ConflictError(`An MCP server named ${body.name} already exists.`);
    return c.json(toServerJson(row), 201);
  })
  .openapi(get, async (c) => {
    const { id, name } = c.req.valid('param');
    await requireOrchestrator(c, id);
    return c.json(toServerJson(await requireServer(c, id, name)), 200);
  })
  .openapi(patch, async (c) => {
    const { id, name } = c.req.valid('param');
    const body = c.req.valid('json');
    await requireOrchestrator(c, id, { live: true });
    const row = await requireServer(c, id, name);
    const changes: McpServerChanges = {};
    if (body.enabled !== undefined) changes.enabled = body.enabled;
    if (body.url !== undefined) changes.url = body.url;
    if (body.auth) Object.assign(changes, await sealAuth(c, body.auth, id, name));
    if (body.url !== undefined || body.auth) {
      // Another endpoint or identity may offer other tools: list them afresh.
      Object.assign(changes, { toolsCache: [], toolsCachedAt: null, lastError: null });
    }
    const updated = await updateMcpServer(c.var.db(), row.id, changes);
    if (!updated) throw new NotFoundError(`MCP server ${name}`);
    return c.json(toServerJson(updated), 200);
  })
  .openapi(remove, async (c) => {
    const { id, name } = c.req.valid('param');
    await requireOrchestrator(c, id, { live: true });
    if (!(await deleteMcpServer(c.var.db(), id, name))) throw new NotFoundError(`MCP server ${name}`);
    return c.body(null, 204);
  })
  .openapi(refresh, async (c) => {
    const { id, name } = c.req.valid('param');
    await requireOrchestrator(c, id, { live: true });
    const row = await requireServer(c, id, name);
    const outcome = await refreshToolList(row, {
      db: c.var.db(),
      encodedKey: c.env.SECRETS_KEY,
      signal: c.req.raw.signal,
    });
    return c.json(toServerJson(outcome.row), 200);
  });

async function requireServer(c: Context<AppEnv>, id: string, name: string) {
  const row = await findMcpServer(c.var.db(), id, name);
  if (!row) throw new NotFoundError(`MCP server ${name}`);
  return row;
}

async function sealAuth(
  c: Context<AppEnv>,
  setting: AuthSetting,
  id: string,
  name: string,
): Promise<StoredAuth> {
  try {
    return await storedAuth(setting, { encodedKey: c.env.SECRETS_KEY, orchestratorId: id, serverName: name });
  } catch (error) {
    if (error instanceof SecretBoxError) {
      throw new ServiceUnavailableError(
        'Credentials cannot be stored: the server’s SECRETS_KEY is not set or invalid.',
      );
    }
    throw error;
  }
}
