/**
 * A new user's first session with the built-in offline model, through the REST API and WebSockets
 * only: create an orchestrator, ask in words for two agents, command both at once to write files,
 * watch the stream, and read the files back. A second socket joins in the middle of the run with
 * `after_seq` and must see exactly what the first one saw from there on.
 */
import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../../src/events/types.ts';
import { agentIdOf, ask, exchangeOf, fileContent, filePaths, lastSeq } from '../helpers/conversation.ts';
import { createOrchestrator, ofType, say } from '../helpers/orchestrators.ts';
import { expectContiguous, openStream, type StreamClient } from '../helpers/stream.ts';

const LABEL = '[offline model]';
/** Extra files alpha writes, so its command surely outlasts the moment beta starts. */
const EXTRA_FILES = 12;

/** One message commanding both agents (the grammar: one command per line, text continues it). */
const COMMAND_BOTH = [
  'tell alpha to write notes/alpha.md: # Alpha',
  'Written by alpha; on two lines.',
  ...Array.from({ length: EXTRA_FILES }, (_, n) => `write notes/alpha-${n}.txt: alpha note ${n}`),
  'tell beta to write notes/beta.md: # Beta',
].join('\n');

function ofAgent(events: WireEvent[], type: string, agentId: string): WireEvent[] {
  return events.filter((e) => e.type === type && e.agent_id === agentId);
}

/** Waits until the stream has received every event up to `seq`. */
function caughtUp(stream: StreamClient, seq: number, who: string): Promise<WireEvent> {
  return stream.waitFor((e) => e.seq === seq, `${who} to reach seq ${seq}`);
}

describe('two agents writing files with the offline model', () => {
  it('creates both in words, runs both at once, streams it all, and serves the files', async () => {
    const id = await createOrchestrator({ name: 'first session' });
    const stream = await openStream(id, 0);
    expect((await stream.hello).last_seq).toBe(0);

    const created = await ask(id, stream, 'Create agents alpha and beta.');
    expect(created.end).toBe('turn_completed');
    expect(created.replies[0]).toBe(`${LABEL} Calling create_agent, create_agent.`);
    expect(created.replies.at(-1)).toContain('Created agent alpha');
    expect(created.replies.at(-1)).toContain('Created agent beta');
    expect(
      ofType(stream.events, 'agent_created').map((e) => (e.data.agent as { name: string }).name),
    ).toEqual(['alpha', 'beta']);
    const alpha = agentIdOf(stream, 'alpha');
    const beta = agentIdOf(stream, 'beta');

    const commanded = await say(id, COMMAND_BOTH);
    // A second client joins while the agents are at work, from a point in the middle of the run.
    const executing = await stream.waitFor(
      (e) => e.type === 'agent_status_changed' && e.agent_id === alpha && e.data.new_status === 'executing',
      'alpha to start',
    );
    const joinAfter = executing.seq - 3;
    const late = await openStream(id, joinAfter);
    expect((await late.hello).last_seq).toBeGreaterThanOrEqual(executing.seq);

    const dispatched = await exchangeOf(stream, commanded.turn_id);
    expect(dispatched.replies[0]).toBe(`${LABEL} Calling command_agent, command_agent.`);
    expect(dispatched.results.map((e) => e.data.content)).toEqual([
      'Command dispatched to alpha; it runs in the background.',
      'Command dispatched to beta; it runs in the background.',
    ]);
    for (const agentId of [alpha, beta]) {
      await stream.waitFor(
        (e) => e.type === 'agent_updated' && e.agent_id === agentId,
        `the totals of agent ${agentId}`,
      );
    }
    expect(commanded.interrupted_turn_id).toBeNull();

    // The whole run, in order, on the first socket: nothing missing, nothing twice.
    // (Summaries of these events may still arrive later, as further events: compare up to here.)
    const last = await lastSeq(id);
    await caughtUp(stream, last, 'the first socket');
    const seen = stream.events.filter((e) => e.seq <= last);
    expectContiguous(seen, 1);

    // Both agents were executing at once: each started before either stopped.
    const started = [alpha, beta].map((agentId) =>
      ofAgent(stream.events, 'agent_status_changed', agentId).find((e) => e.data.new_status === 'executing'),
    );
    const stops = [alpha, beta].map((agentId) => ofAgent(stream.events, 'Stop', agentId));
    expect(stops.map((s) => s.map((e) => e.data.reason))).toEqual([['completed'], ['completed']]);
    const firstStop = Math.min(...stops.map((s) => s[0]?.seq ?? 0));
    expect(started.every((e) => e !== undefined && e.seq < firstStop)).toBe(true);

    // Each agent reported the files it wrote.
    const produced = (agentId: string) =>
      ofAgent(stream.events, 'file_changes', agentId).flatMap((e) =>
        (e.data.produced as Array<{ path: string }>).map((file) => file.path),
      );
    expect(produced(alpha)).toEqual([
      'notes/alpha.md',
      ...Array.from({ length: EXTRA_FILES }, (_, n) => `notes/alpha-${n}.txt`),
    ]);
    expect(produced(beta)).toEqual(['notes/beta.md']);

    // The files, read back through REST, hold what the message said (continuation lines included).
    expect(await fileContent(id, 'notes/alpha.md')).toBe('# Alpha\nWritten by alpha; on two lines.');
    expect(await fileContent(id, 'notes/alpha-7.txt')).toBe('alpha note 7');
    expect(await fileContent(id, 'notes/beta.md')).toBe('# Beta');
    expect(await filePaths(id, 'notes')).toHaveLength(EXTRA_FILES + 2);

    // Every text the offline model wrote, the orchestrator's and the agents', says what it is.
    const texts = ofType(seen, 'text').map((e) => String(e.data.text));
    expect(texts.length).toBeGreaterThan(6);
    for (const text of texts) expect(text.startsWith(LABEL), text).toBe(true);

    // The late socket replayed from its after_seq, then went live: the same events, no gap, no repeat.
    await caughtUp(late, last, 'the late socket');
    const replayed = late.events.filter((e) => e.seq <= last);
    expectContiguous(replayed, joinAfter + 1);
    expect(replayed).toEqual(seen.filter((e) => e.seq > joinAfter));
    stream.close();
    late.close();
  });
});
