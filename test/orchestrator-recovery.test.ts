/**
 * No lost work and no lost or duplicated events: a Durable Object evicted mid-turn resumes from its
 * checkpoint without running a tool twice; WebSocket clients replay from `after_seq` with no gap and
 * no duplicate, across reconnects and evictions; orchestrators never see each other's events.
 */
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call } from './helpers/api.ts';
import { modelRequests, scriptModel, waitForModelRequests } from './helpers/emulator.ts';
import { createOrchestrator, hubOf, ofType, say, turnEnded, turnSettled } from './helpers/orchestrators.ts';
import { expectContiguous, openStream } from './helpers/stream.ts';
import { summariesSettled, withSummaries } from './helpers/summaries.ts';

describe('recovery after a reset or an eviction', () => {
  it('resumes a turn reset mid-call: the finished tool is not run again, no event is lost or repeated', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { tool_uses: [{ name: 'create_agent', input: { name: 'keeper' } }] },
      // Still on its way when the object is reset: the reset loses this call.
      { text: 'lost with the reset instance', delay_ms: 60_000 },
      { text: 'Recovered and done.' },
    ]);
    const stream = await openStream(id, 0);
    const { turn_id } = await say(id, 'create keeper');
    await stream.waitFor((e) => e.type === 'PostToolUse', 'the tool to finish');
    await waitForModelRequests(id, 2);

    // What a deploy or a crash does: the instance, its sockets and its work in flight are gone; storage stays.
    await runInDurableObject(hubOf(id), (_instance, state) => state.abort('simulated deploy')).catch(
      () => {},
    );
    expect(await runDurableObjectAlarm(hubOf(id))).toBe(true);
    // The client reconnects from the last event it saw.
    const resumed = await openStream(id, stream.events.at(-1)?.seq ?? 0);
    const end = await turnEnded(resumed, turn_id);
    expect(end.type).toBe('turn_completed');

    const all = [...stream.events, ...resumed.events];
    expectContiguous(all, 1);
    expect(ofType(all, 'agent_created')).toHaveLength(1);
    expect(ofType(all, 'PreToolUse')).toHaveLength(1);
    const agents = (await (await call(`/api/orchestrators/${id}/agents`)).json()) as { agents: unknown[] };
    expect(agents.agents).toHaveLength(1);
    // The resumed call re-sent the same conversation, tool result included.
    const requests = await modelRequests(id);
    expect(requests).toHaveLength(3);
    expect(JSON.stringify(requests[2]?.body)).toContain('Created agent keeper');
    resumed.close();
  });

  it('keeps delivering to hibernated sockets after eviction, continuing the sequence', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [{ text: 'one' }, { text: 'two' }]);
    const stream = await openStream(id, 0);
    await turnEnded(stream, (await say(id, 'first')).turn_id);
    const before = stream.events.length;
    await evictDurableObject(hubOf(id));
    await turnEnded(stream, (await say(id, 'second')).turn_id);
    expect(stream.events.length).toBeGreaterThan(before);
    expectContiguous(stream.events, 1);
    stream.close();
  });
});

describe('replay from after_seq', () => {
  it('replays history, then live events, with no gap and no duplicate, across reconnects', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [
      { text: 'first answer' },
      { text: 'second answer '.repeat(20), chunk_delay_ms: 20 },
    ]);
    const witness = await openStream(id, 0);
    await turnEnded(witness, (await say(id, 'one')).turn_id);
    const midpoint = witness.events.length;

    const second = say(id, 'two');
    // Connect while the second turn is streaming, resuming from the middle of the first.
    const resumed = await openStream(id, Math.floor(midpoint / 2));
    await turnSettled(witness, (await second).turn_id);
    await turnSettled(resumed, (await second).turn_id);
    // Summaries arrive in the background as events of their own: let them land first.
    await summariesSettled(witness);
    await resumed.waitFor((e) => e.seq === witness.events.at(-1)?.seq, 'the last summary update');
    expect((await resumed.hello).last_seq).toBeGreaterThanOrEqual(midpoint);
    expectContiguous(resumed.events, Math.floor(midpoint / 2) + 1);
    expect(resumed.events.map((e) => e.seq)).toEqual(
      witness.events.filter((e) => e.seq > Math.floor(midpoint / 2)).map((e) => e.seq),
    );

    // A reconnect from the last seen seq gets nothing twice.
    const lastSeen = resumed.events.at(-1)?.seq ?? 0;
    resumed.close();
    const again = await openStream(id, lastSeen);
    expect((await again.hello).last_seq).toBe(lastSeen);
    expect(again.events).toEqual([]);
    again.close();
    witness.close();
  });

  it('replays identically after the object was evicted', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [{ text: 'kept' }]);
    const witness = await openStream(id, 0);
    await turnEnded(witness, (await say(id, 'remember')).turn_id);
    // Summaries arrive in the background (summary_update): let them land before the eviction.
    await summariesSettled(witness);
    await evictDurableObject(hubOf(id), { webSockets: 'close' });
    const replay = await openStream(id, 0);
    await replay.waitFor((e) => e.seq === witness.events.at(-1)?.seq, 'the full replay');
    // A replay carries the summaries on the events, as a live client has them after applying updates.
    expect(replay.events).toEqual(withSummaries(witness.events));
    replay.close();
  });

  it('serves the same events through REST, filtered', async () => {
    const id = await createOrchestrator();
    await scriptModel(id, [{ tool_uses: [{ name: 'list_agents', input: {} }] }, { text: 'none' }]);
    const stream = await openStream(id, 0);
    await turnEnded(stream, (await say(id, 'list')).turn_id);
    await summariesSettled(stream);
    const all = (await (await call(`/api/orchestrators/${id}/events?limit=1000`)).json()) as {
      events: unknown[];
      last_seq: number;
    };
    // REST rows carry their summaries, as a live client has them after applying summary_update.
    expect(all.events).toEqual(withSummaries(stream.events));
    const hooks = (await (await call(`/api/orchestrators/${id}/events?category=hook`)).json()) as {
      events: Array<{ type: string }>;
    };
    expect(hooks.events.map((e) => e.type)).toEqual(['UserPromptSubmit', 'PreToolUse', 'PostToolUse']);
    const found = (await (
      await call(`/api/orchestrators/${id}/events?text=list_agents&type=tool_use`)
    ).json()) as { events: unknown[] };
    expect(found.events).toHaveLength(1);
    const page = (await (await call(`/api/orchestrators/${id}/events?after_seq=2&limit=3`)).json()) as {
      events: Array<{ seq: number }>;
      next_after_seq: number;
    };
    expect(page.events.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(page.next_after_seq).toBe(5);
    stream.close();
  });
});

describe('isolation', () => {
  it('never sends one orchestrator’s events to another’s sockets', async () => {
    const [a, b] = [await createOrchestrator(), await createOrchestrator()];
    await scriptModel(a, [{ text: 'for a only' }]);
    await scriptModel(b, [{ text: 'for b only' }]);
    const [streamA, streamB] = [await openStream(a, 0), await openStream(b, 0)];
    await Promise.all([
      turnEnded(streamA, (await say(a, 'a')).turn_id),
      turnEnded(streamB, (await say(b, 'b')).turn_id),
    ]);
    expect(streamA.events.every((e) => e.orchestrator_id === a)).toBe(true);
    expect(streamB.events.every((e) => e.orchestrator_id === b)).toBe(true);
    expectContiguous(streamA.events, 1);
    expectContiguous(streamB.events, 1);
    streamA.close();
    streamB.close();
  });
});
