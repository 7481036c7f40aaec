import { describe, expect, it } from 'vitest';
import { appendEvents, type EventRow, eventsAfter } from '../src/db/events.ts';
import { insertOrchestrator } from '../src/db/orchestrators.ts';
import { withDatabase } from './helpers/api.ts';

function makeEvents(orchestratorId: string, from: number, count: number): EventRow[] {
  return Array.from({ length: count }, (_, i) => ({
    orchestratorId,
    seq: from + i,
    type: i % 2 ? 'PreToolUse' : 'text',
    category: i % 2 ? 'hook' : 'response',
    data: { n: from + i },
    createdAt: new Date(),
  }));
}

describe('event persistence', () => {
  it('stores a batch larger than one statement, and a retried batch adds no duplicates', async () => {
    await withDatabase(async (db) => {
      const orchestrator = await insertOrchestrator(db, { name: 'events', model: 'opus' });
      await appendEvents(db, makeEvents(orchestrator.id, 1, 2_500));
      await appendEvents(db, makeEvents(orchestrator.id, 2_001, 600));
      const all = await eventsAfter(db, orchestrator.id, 0, 10_000);
      expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 2_600 }, (_, i) => i + 1));
      expect(all[2_599]?.data).toEqual({ n: 2_600 });
    });
  });

  it('replays strictly after a sequence number, in order, within a limit', async () => {
    await withDatabase(async (db) => {
      const orchestrator = await insertOrchestrator(db, { name: 'replay', model: 'opus' });
      const other = await insertOrchestrator(db, { name: 'other', model: 'opus' });
      await appendEvents(db, [...makeEvents(orchestrator.id, 1, 10), ...makeEvents(other.id, 1, 10)]);
      const replay = await eventsAfter(db, orchestrator.id, 7, 2);
      expect(replay.map((e) => [e.orchestratorId, e.seq])).toEqual([
        [orchestrator.id, 8],
        [orchestrator.id, 9],
      ]);
    });
  });
});
