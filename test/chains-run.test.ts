/**
 * A chain run's Durable Object with test agents: messages in order on the socket, the whole history
 * replayed to a late socket, a timed-out agent failing the run (504-class) in the socket and the row,
 * two runs side by side without mixing, the heartbeat from the alarm, and recovery after a reset.
 */
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { ChainAgent } from '../src/chains/runner.ts';
import { findChainRun } from '../src/db/chain-runs.ts';
import { withDatabase } from './helpers/api.ts';
import { chainRunOf, gate, openChainSocket, runEnded, startTestChain } from './helpers/chains.ts';

const step = (name: string, fn: (input: unknown) => unknown): ChainAgent => ({
  name,
  kind: 'deterministic',
  run: async (input) => fn(input),
});

/** An agent that waits for `opened` before answering `value`. */
const held = (name: string, opened: Promise<void>, value: unknown): ChainAgent => ({
  name,
  kind: 'llm',
  run: async () => {
    await opened;
    return value;
  },
});

const row = (id: string) => withDatabase((db) => findChainRun(db, id));

describe('a chain run', () => {
  it('streams agent statuses, progress and the result in order, and replays it all to a late socket', async () => {
    const hold = gate();
    const runId = await startTestChain([
      held('first', hold.opened, 1),
      step('second', (n) => ({ doubled: (n as number) * 2 })),
    ]);
    expect(await row(runId)).toMatchObject({
      status: 'running',
      chain: 'test_chain',
      params: { answer: 42 },
    });

    const early = await openChainSocket(runId);
    await early.waitFor((m) => m.type === 'agent_status' && m.agent === 'first', 'the first agent running');
    hold.open();
    const end = await runEnded(early);
    expect(end).toMatchObject({
      type: 'complete',
      run_id: runId,
      result: { first: 1, second: { doubled: 2 } },
    });
    const summary = early.messages.map((m) =>
      m.type === 'agent_status'
        ? `${m.agent}:${m.status}`
        : m.type === 'progress'
          ? `progress:${m.percent}`
          : m.type,
    );
    expect(summary).toEqual([
      'first:running',
      'first:succeeded',
      'progress:50',
      'second:running',
      'second:succeeded',
      'progress:100',
      'complete',
    ]);
    expect(early.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const message of early.messages) {
      expect(message.run_id).toBe(runId);
      expect(Number.isNaN(Date.parse(message.timestamp))).toBe(false);
    }

    const late = await openChainSocket(runId);
    await runEnded(late);
    expect(late.messages).toEqual(early.messages);
    early.close();
    late.close();

    const stored = await row(runId);
    expect(stored).toMatchObject({
      status: 'succeeded',
      result: { first: 1, second: { doubled: 2 } },
      error: null,
    });
    expect(stored?.finishedAt).toBeInstanceOf(Date);
    expect(stored?.executionLog.map((e) => [e.agent, e.kind, e.status, e.attempts])).toEqual([
      ['first', 'llm', 'succeeded', 1],
      ['second', 'deterministic', 'succeeded', 1],
    ]);
  });

  it('fails with agent_timeout when an agent outlives its time, in the socket and the row', async () => {
    const slow: ChainAgent = {
      name: 'slow',
      kind: 'llm',
      run: (_input, { signal }) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    };
    // timeout_ms caps the agent's own 60 s: the run's deadline wins.
    const runId = await startTestChain([step('quick', () => 'ok'), { ...slow, timeoutMs: 60_000 }], {
      timeout_ms: 20,
    });
    const socket = await openChainSocket(runId);
    const end = await runEnded(socket);
    expect(end).toMatchObject({
      type: 'error',
      error: {
        code: 'agent_timeout',
        status: 504,
        agent: 'slow',
        message: 'Agent "slow" did not finish within 20 ms.',
      },
    });
    expect(end.type === 'error' && end.error.suggestions?.length).toBeGreaterThan(0);
    expect(socket.messages.some((m) => m.type === 'agent_status' && m.status === 'timed_out')).toBe(true);
    socket.close();

    const stored = await row(runId);
    expect(stored).toMatchObject({
      status: 'failed',
      result: null,
      error: { code: 'agent_timeout', status: 504 },
    });
    expect(stored?.executionLog.map((e) => [e.agent, e.status])).toEqual([
      ['quick', 'succeeded'],
      ['slow', 'timed_out'],
    ]);
  });

  it('keeps two concurrent runs apart', async () => {
    const holdA = gate();
    const holdB = gate();
    const [runA, runB] = await Promise.all([
      startTestChain([held('a', holdA.opened, 'from A'), step('tail', (x) => `${x as string}!`)]),
      startTestChain([held('b', holdB.opened, 'from B')]),
    ]);
    const [socketA, socketB] = await Promise.all([openChainSocket(runA), openChainSocket(runB)]);
    holdB.open();
    await runEnded(socketB);
    holdA.open();
    const [endA, endB] = await Promise.all([runEnded(socketA), runEnded(socketB)]);
    expect(endA).toMatchObject({ type: 'complete', result: { a: 'from A', tail: 'from A!' } });
    expect(endB).toMatchObject({ type: 'complete', result: { b: 'from B' } });
    expect(socketA.messages.every((m) => m.run_id === runA)).toBe(true);
    expect(socketB.messages.every((m) => m.run_id === runB)).toBe(true);
    expect(socketB.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    socketA.close();
    socketB.close();
  });

  it('sends a heartbeat from the alarm while the run is active, and none after it ended', async () => {
    const hold = gate();
    const runId = await startTestChain([held('waiting', hold.opened, 'done')]);
    const socket = await openChainSocket(runId);
    await socket.waitFor((m) => m.type === 'agent_status', 'the agent running');
    expect(await runDurableObjectAlarm(chainRunOf(runId))).toBe(true);
    await socket.waitForHeartbeat();
    expect(socket.heartbeats[0]).toMatchObject({
      type: 'heartbeat',
      run_id: runId,
      seq: socket.messages.length,
    });

    hold.open();
    await runEnded(socket);
    // The ending is recorded, so no alarm is left to fire.
    expect(await runDurableObjectAlarm(chainRunOf(runId))).toBe(false);
    // A late socket gets the history without the heartbeat.
    const late = await openChainSocket(runId);
    await runEnded(late);
    expect(late.heartbeats).toEqual([]);
    expect(late.messages).toEqual(socket.messages);
    socket.close();
    late.close();
  });

  it('restarts a registered chain after a reset, continuing the message sequence', async () => {
    const never = gate();
    const runId = await startTestChain([held('lost', never.opened, null)], {
      chain: 'season_plan',
      params: {
        forecast_horizon_weeks: 8,
        season_start_date: '2026-03-02',
        season_end_date: '2026-04-26',
        replenishment_strategy: 'none',
        dc_holdback_percentage: 0.1,
      },
    });
    const before = await openChainSocket(runId);
    await before.waitFor((m) => m.type === 'agent_status', 'the held agent running');
    // What a deploy does: the instance and its work in flight are gone; storage stays.
    await runInDurableObject(chainRunOf(runId), (_run, state) => state.abort('simulated deploy')).catch(
      () => {},
    );
    expect(await runDurableObjectAlarm(chainRunOf(runId))).toBe(true);
    const after = await openChainSocket(runId);
    const end = await runEnded(after);
    expect(end.type).toBe('complete');
    expect(after.messages.map((m) => m.seq)).toEqual(after.messages.map((_m, index) => index + 1));
    expect(after.messages[0]).toMatchObject({ type: 'agent_status', agent: 'lost', status: 'running' });
    expect(after.messages[1]).toMatchObject({ type: 'agent_status', agent: 'context', status: 'running' });
    expect((await row(runId))?.status).toBe('succeeded');
    after.close();
  });

  it('fails a run whose agents cannot be restarted after a reset', async () => {
    const never = gate();
    const runId = await startTestChain([held('lost', never.opened, null)]);
    await runInDurableObject(chainRunOf(runId), (_run, state) => state.abort('simulated deploy')).catch(
      () => {},
    );
    expect(await runDurableObjectAlarm(chainRunOf(runId))).toBe(true);
    const socket = await openChainSocket(runId);
    expect(await runEnded(socket)).toMatchObject({
      type: 'error',
      error: { code: 'interrupted', status: 500 },
    });
    expect(await row(runId)).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    socket.close();
  });
});
