import { describe, expect, it } from 'vitest';
import { call, expectError } from './helpers/api.ts';

interface Orchestrator {
  id: string;
  name: string;
  status: string;
  model: string;
  budget_usd: number | null;
  archived_at: string | null;
  usage?: { input_tokens: number; cost_usd: number; model_calls: number };
}

async function create(body: unknown = {}): Promise<Orchestrator> {
  const response = await call('/api/orchestrators', { method: 'POST', json: body });
  expect(response.status).toBe(201);
  const orchestrator = (await response.json()) as Orchestrator;
  expect(response.headers.get('Location')).toBe(`/api/orchestrators/${orchestrator.id}`);
  return orchestrator;
}

describe('orchestrators', () => {
  it('creates with the defaults when no body is sent', async () => {
    const response = await call('/api/orchestrators', { method: 'POST' });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Orchestrator;
    expect(created).toMatchObject({ name: 'orchestrator', model: 'opus', status: 'idle', budget_usd: null });
  });

  it('creates, reads back with zero usage, and keeps the budget exact', async () => {
    const created = await create({
      name: 'research',
      model: 'sonnet',
      budget_usd: 12.5,
      system_prompt: 'Be brief.',
    });
    const response = await call(`/api/orchestrators/${created.id}`);
    expect(response.status).toBe(200);
    const read = (await response.json()) as Orchestrator;
    expect(read).toMatchObject({ id: created.id, name: 'research', model: 'sonnet', budget_usd: 12.5 });
    expect(read.usage).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_write_tokens: 0,
      cache_read_tokens: 0,
      cost_usd: 0,
      model_calls: 0,
    });
  });

  it('archives idempotently and hides archived ones from the default list', async () => {
    const created = await create({ name: 'to-archive' });
    const first = (await (
      await call(`/api/orchestrators/${created.id}/archive`, { method: 'POST' })
    ).json()) as Orchestrator;
    expect(first.status).toBe('archived');
    expect(first.archived_at).not.toBeNull();
    const second = (await (
      await call(`/api/orchestrators/${created.id}/archive`, { method: 'POST' })
    ).json()) as Orchestrator;
    expect(second.archived_at).toBe(first.archived_at);

    const active = (await (await call('/api/orchestrators?limit=200')).json()) as {
      orchestrators: Orchestrator[];
    };
    expect(active.orchestrators.map((o) => o.id)).not.toContain(created.id);
    const all = (await (await call('/api/orchestrators?limit=200&include_archived=true')).json()) as {
      orchestrators: Orchestrator[];
    };
    expect(all.orchestrators.map((o) => o.id)).toContain(created.id);
  });

  it('pages newest first without repeating or skipping', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await create({ name: `page-${i}` })).id);
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const query: string = before ? `&before=${encodeURIComponent(before)}` : '';
      const page = (await (await call(`/api/orchestrators?limit=2${query}`)).json()) as {
        orchestrators: Orchestrator[];
        next_before: string | null;
      };
      expect(page.orchestrators.length).toBeLessThanOrEqual(2);
      seen.push(...page.orchestrators.map((o) => o.id));
      before = page.next_before;
    } while (before);
    const mine = seen.filter((id) => made.includes(id));
    expect(mine).toEqual([...made].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('404s for an orchestrator that does not exist', async () => {
    await expectError(await call(`/api/orchestrators/${crypto.randomUUID()}`), 404, 'not_found');
  });
});
