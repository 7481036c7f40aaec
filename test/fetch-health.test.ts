import { describe, expect, it } from 'vitest';
import { call } from './helpers/api.ts';

describe('GET /api/health', () => {
  // The offline-model variant is test/offline/fetch-health.test.ts (no model configured there).
  it('reports the database as ok and the configured model, without credentials', async () => {
    const response = await call('/api/health', { token: null });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      database: { status: string; latency_ms: number };
      model: { provider: string; label: string; base_url?: string };
    };
    expect(body.status).toBe('ok');
    expect(body.database.status).toBe('ok');
    expect(body.database.latency_ms).toBeGreaterThanOrEqual(0);
    expect(body.model.provider).toBe('anthropic-compatible');
    expect(body.model.base_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(JSON.stringify(body)).not.toContain('test-key');
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const echoed = await call('/api/health', { headers: { 'X-Request-Id': 'client-id-123' } });
    expect(echoed.headers.get('X-Request-Id')).toBe('client-id-123');
    const replaced = await call('/api/health', { headers: { 'X-Request-Id': 'bad id with spaces' } });
    expect(replaced.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
