import { describe, expect, it } from 'vitest';
import { call } from './helpers/api.ts';

describe('API description', () => {
  it('serves an OpenAPI 3.1 document without credentials, generated from the route schemas', async () => {
    const response = await call('/api/openapi.json', { token: null });
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/auth/session',
        '/auth/ws-ticket',
        '/orchestrators',
        '/orchestrators/{id}',
      ]),
    );
    expect(doc.paths['/orchestrators']?.post?.responses).toHaveProperty('422');
    expect(doc.paths['/orchestrators']?.post?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.schemas).toHaveProperty('CreateOrchestrator');
    expect(doc.components.schemas).toHaveProperty('Error');
    expect(doc.components.securitySchemes).toHaveProperty('bearerAuth');
  });

  it('serves a self-contained docs page', async () => {
    const response = await call('/api/docs', { token: null });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('./openapi.json');
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
  });

  it('serves the web console for any non-API path', async () => {
    const response = await call('/some/client/route', { token: null });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Edge Orchestrator</title>');
  });
});
