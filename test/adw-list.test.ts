/**
 * Listing an orchestrator's workflows: each listed workflow is exactly what GET /api/adws/:id returns,
 * and a page costs a constant number of queries, whatever its size (not three per workflow).
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { listAdws } from '../src/db/adw-list.ts';
import { insertAdw } from '../src/db/adws.ts';
import { openDatabase } from '../src/db/client.ts';
import type { AdwJson } from '../src/workflows/adw-json.ts';
import { loadAdwPageJson } from '../src/workflows/adw-view.ts';
import { adwFinished, getAdw, startAdw, stepScope, write } from './helpers/adws.ts';
import { call, withDatabase } from './helpers/api.ts';
import { scriptModel } from './helpers/emulator.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { openStream } from './helpers/stream.ts';

describe('GET /api/orchestrators/:id/adws', () => {
  it('lists each workflow as GET /api/adws/:id shows it, in a constant number of queries', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    // One completed (costs and agent names on both steps), one failed, three never started.
    const done = await startAdw(id, { workflow_type: 'plan_build', prompt: 'x', name: 'done' });
    await scriptModel(stepScope(id, 'plan', done.id), [
      { tool_uses: [write('specs/x.md', '# Plan: x\n')] },
      { tool_uses: [{ name: 'submit_plan', input: { path: 'specs/x.md' } }] },
      { text: 'planned' },
    ]);
    await scriptModel(stepScope(id, 'build', done.id), [{ text: 'built' }]);
    await adwFinished(stream, done.id);
    const failed = await startAdw(id, { workflow_type: 'plan_build_review', prompt: 'y', name: 'failed' });
    await scriptModel(stepScope(id, 'plan', failed.id), [{ text: 'a' }, { text: 'b' }, { text: 'c' }]);
    await adwFinished(stream, failed.id);
    for (const name of ['p1', 'p2', 'p3']) {
      await withDatabase((db) =>
        insertAdw(db, {
          orchestratorId: id,
          name,
          workflowType: 'plan_build',
          input: { prompt: name },
          steps: ['plan', 'build'],
        }),
      );
    }

    const response = await call(`/api/orchestrators/${id}/adws?limit=200`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { adws: AdwJson[]; next_before: string | null };
    expect(page.adws.map((a) => a.name)).toEqual(['p3', 'p2', 'p1', 'failed', 'done']);
    expect(page.next_before).toBeNull();
    for (const listed of page.adws) expect(listed).toEqual(await getAdw(listed.id));
    const shownDone = page.adws.find((a) => a.id === done.id);
    expect(shownDone?.steps.map((s) => s.agent_name)).toEqual([
      `plan-${done.id.slice(0, 8)}`,
      `build-${done.id.slice(0, 8)}`,
    ]);
    expect(shownDone?.steps.every((s) => s.cost_usd > 0)).toBe(true);
    expect(shownDone?.cost_usd).toBeGreaterThan(0);

    // The page's details take the same few queries for one workflow as for five.
    let queries = 0;
    const handle = openDatabase(env, { logger: { logQuery: () => void queries++ } });
    try {
      const counts: number[] = [];
      for (const limit of [1, 5]) {
        const rows = await listAdws(handle.db, id, { limit });
        queries = 0;
        const shown = await loadAdwPageJson(handle.db, rows);
        expect(shown).toEqual(page.adws.slice(0, limit));
        counts.push(queries);
      }
      expect(counts[0]).toBe(counts[1]);
      expect(counts[1]).toBeLessThanOrEqual(3);
      queries = 0;
      expect(await loadAdwPageJson(handle.db, [])).toEqual([]);
      expect(queries).toBe(0);
    } finally {
      await handle.close();
    }
    stream.close();
  });
});
