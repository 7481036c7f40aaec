import { describe, expect, it } from 'vitest';
import { call } from '../helpers/api.ts';

describe('GET /api/health without a model configured', () => {
  it('reports the built-in offline model', async () => {
    const response = await call('/api/health', { token: null });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { model: { provider: string; label: string } };
    expect(body.model.provider).toBe('offline');
    expect(body.model.label).toMatch(/offline/i);
  });
});
