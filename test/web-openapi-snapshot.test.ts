import { describe, expect, it } from 'vitest';
import { normalizeOpenApiDocument } from '../web/src/api/normalize-openapi.ts';
import snapshot from '../web/src/api/openapi.json';
import { call } from './helpers/api.ts';

describe('the web console API types', () => {
  it('come from an OpenAPI snapshot equal to the served document (else run npm run api:snapshot)', async () => {
    const response = await call('/api/openapi.json', { token: null });
    expect(response.status).toBe(200);
    expect(normalizeOpenApiDocument(await response.json())).toEqual(snapshot);
  });
});
