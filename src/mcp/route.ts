/**
 * `/mcp`: the platform over MCP Streamable HTTP, served by the SDK's stateless web-standard handler.
 * It sits behind the same auth middleware as `/api` (bearer tokens only: MCP clients are programs,
 * and refusing the console's cookie keeps cross-site requests out), and its tools call the REST API
 * in-process with the caller's token.
 */
import { createMcpHandler } from '@modelcontextprotocol/server';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { requireAuth } from '../auth/middleware.ts';
import { handleError, handleNotFound } from '../http/error-handler.ts';
import { UnauthorizedError } from '../http/errors.ts';
import { limitBody } from '../http/json-body.ts';
import type { AppEnv } from '../http/types.ts';
import { createApiClient } from './api-client.ts';
import { refuseForeignBrowsers } from './browser-guard.ts';
import { createMcpServer } from './server.ts';

/** The REST API app's own `fetch`, called in-process. */
export type RestApiFetch = Hono<AppEnv>['fetch'];

export function mcpRoutes(restApi: RestApiFetch): Hono<AppEnv> {
  const mcp = new Hono<AppEnv>();
  mcp.use(requestId(), refuseForeignBrowsers(), limitBody(), requireAuth(), async (c, next) => {
    if (c.var.principal.via !== 'bearer') {
      throw new UnauthorizedError('MCP clients authenticate with an `Authorization: Bearer <token>` header.');
    }
    return next();
  });
  mcp.all('/', (c) => {
    const authorization = c.req.header('Authorization') ?? '';
    const api = createApiClient(async (request) => restApi(request, c.env, c.executionCtx), authorization);
    // A fresh server per request; GET and DELETE (session operations) are answered 405 by the SDK.
    return createMcpHandler(() => createMcpServer(api)).fetch(c.req.raw);
  });
  mcp.notFound(handleNotFound);
  mcp.onError(handleError);
  return mcp;
}
