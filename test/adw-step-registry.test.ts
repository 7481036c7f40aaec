/**
 * The Durable Object's record of the workflow steps it holds: a step's result has its own typed
 * table, and a result an earlier version left as JSON in `meta` is adopted once, so a step that was
 * finishing during a deploy still ends the way it was decided.
 */
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { AdwStepRegistry } from '../src/durable-objects/adw-step-registry.ts';
import { hubOf } from './helpers/orchestrators.ts';

const adwId = '4c587aa1-872b-4c59-8fee-c9d5bc29e4df';

describe('workflow step records', () => {
  it('keeps a finishing step’s result in its own table until the step is let go', async () => {
    await runInDurableObject(hubOf(crypto.randomUUID()), (_instance, state) => {
      const steps = new AdwStepRegistry(state.storage.sql);
      expect(steps.take(adwId, 0)).toBe(true);
      expect(steps.take(adwId, 0)).toBe(false);
      expect(steps.get(adwId, 0)).toEqual({
        adw_id: adwId,
        step_index: 0,
        phase: 'claiming',
        nudges: 0,
        result: null,
      });
      steps.update(adwId, 0, { phase: 'running', nudges: 1 });
      steps.finish(adwId, 0, { status: 'failed', error: 'plan step max_turns' });
      expect(steps.all()).toEqual([
        {
          adw_id: adwId,
          step_index: 0,
          phase: 'finishing',
          nudges: 1,
          result: { status: 'failed', error: 'plan step max_turns' },
        },
      ]);
      steps.remove(adwId, 0);
      expect(steps.all()).toEqual([]);
      expect(state.storage.sql.exec('select * from adw_step_results').toArray()).toEqual([]);
    });
  });

  it('adopts a result an earlier version kept in meta, once', async () => {
    await runInDurableObject(hubOf(crypto.randomUUID()), (_instance, state) => {
      const sql = state.storage.sql;
      // As an object deployed before results had a table left it: the step finishing, its result in meta.
      sql.exec(
        `insert into adw_steps (adw_id, step_index, phase, nudges) values (?, 1, 'finishing', 0)`,
        adwId,
      );
      sql.exec(
        'insert into meta (key, value) values (?, ?)',
        `adw_end:${adwId}:1`,
        JSON.stringify({ status: 'completed', error: null }),
      );
      const steps = new AdwStepRegistry(sql);
      expect(steps.get(adwId, 1)?.result).toEqual({ status: 'completed', error: null });
      expect(sql.exec(`select key from meta where key like 'adw_end:%'`).toArray()).toEqual([]);
      // A later open finds nothing left to adopt and keeps the result.
      expect(new AdwStepRegistry(sql).get(adwId, 1)?.result).toEqual({ status: 'completed', error: null });
      steps.remove(adwId, 1);
    });
  });
});
