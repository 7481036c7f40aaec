/** The API description: `/api/openapi.json` (OpenAPI 3.1, generated from the route schemas) and `/api/docs`. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/types.ts';
import { docsPage } from './docs-page.ts';

export function mountDocs(api: OpenAPIHono<AppEnv>): void {
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description:
      'One of the API_TOKENS. Browsers use the session cookie from POST /api/auth/session instead.',
  });
  api.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Edge Orchestrator API',
      version: '0.1.0',
      description: 'Errors always have the shape {"error": {"type", "message", "details"?, "request_id"}}.',
    },
    servers: [{ url: `${new URL(c.req.url).origin}/api` }],
  }));
  api.get('/docs', (c) => c.html(docsPage));
}
