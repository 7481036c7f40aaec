import { describe, expect, it } from 'vitest';
import { LOST_RUN_AFTER_MS, lostRuns, type RunningRun } from './lost-runs.ts';

const NOW = new Date('2026-12-07T15:00:00Z');
const startedAgo = (id: string, trigger: RunningRun['trigger'], minutes: number): RunningRun => ({
  id,
  trigger,
  createdAt: new Date(NOW.getTime() - minutes * 60_000),
});

describe('lost snapshot runs', () => {
  it('a run still running past the bound is lost; one within it is left running', () => {
    const lost = lostRuns(
      [startedAgo('young', 'cron', 5), startedAgo('at-bound', 'cron', 30), startedAgo('old', 'cron', 31)],
      NOW,
    );
    expect(lost.map((run) => run.id)).toEqual(['old']);
  });

  it('says why, by how the run was started', () => {
    const [cron, manual] = lostRuns([startedAgo('c', 'cron', 95), startedAgo('m', 'manual', 45)], NOW);
    expect(cron?.error).toMatch(/^lost: still running 95 min after it was claimed; .*dead-lettered/);
    expect(manual?.error).toMatch(/^lost: still running 45 min after it started; the request running it/);
  });

  it('the bound is generous and can be given', () => {
    expect(LOST_RUN_AFTER_MS).toBe(30 * 60_000);
    expect(lostRuns([startedAgo('x', 'manual', 3)], NOW, 2 * 60_000).map((run) => run.id)).toEqual(['x']);
    expect(lostRuns([], NOW)).toEqual([]);
  });
});
