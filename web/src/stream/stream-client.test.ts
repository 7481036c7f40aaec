import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';
import { type ConnectionState, type SocketLike, StreamClient } from './stream-client.ts';
import { parseFrame, SeqGate, type WireEvent } from './wire.ts';

const event = (seq: number, type = 'text'): WireEvent => ({
  seq,
  type,
  category: 'response',
  ts: '2026-01-01T00:00:00Z',
  orchestrator_id: 'o',
  data: {},
});

class FakeSocket implements SocketLike {
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  sent: string[] = [];
  closed = false;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
  receive(value: unknown) {
    this.onmessage?.({ data: typeof value === 'string' ? value : JSON.stringify(value) });
  }
  drop() {
    this.onclose?.({});
  }
}

function harness(afterSeq = 0) {
  const sockets: FakeSocket[] = [];
  const states: ConnectionState[] = [];
  const received: number[] = [];
  const timers = new Map<number, { callback: () => void; ms: number }>();
  let nextTimer = 1;
  const client = new StreamClient({
    afterSeq,
    getTicket: async () => 'tk',
    url: (ticket, after) => `ws://x/ws?ticket=${ticket}&after_seq=${after}`,
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    onEvents: (events) => received.push(...events.map((e) => e.seq)),
    onState: (state) => states.push(state),
    setTimer: (callback, ms) => {
      const id = nextTimer++;
      timers.set(id, { callback, ms });
      return id;
    },
    clearTimer: (id) => timers.delete(id as number),
    random: () => 0.5,
  });
  /** Fires the pending retry timer (the longest-lived one is the ping; retries are the only others). */
  const fireRetry = async () => {
    const retry = [...timers.entries()].find(([, t]) => t.ms < 20_000);
    if (!retry) throw new Error('no retry scheduled');
    timers.delete(retry[0]);
    retry[1].callback();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { client, sockets, states, received, timers, fireRetry };
}

const tick = async () => {
  await Promise.resolve();
  await Promise.resolve();
};

describe('parseFrame', () => {
  it('reads the control frame, single events, arrays and pong', () => {
    expect(parseFrame('{"type":"connection_established","last_seq":7}')).toEqual({
      kind: 'control',
      lastSeq: 7,
    });
    expect(parseFrame(JSON.stringify(event(3)))).toEqual({ kind: 'events', events: [event(3)] });
    expect(parseFrame(JSON.stringify([event(1), event(2)]))).toEqual({
      kind: 'events',
      events: [event(1), event(2)],
    });
    expect(parseFrame('pong')).toEqual({ kind: 'pong' });
    expect(parseFrame('{oops')).toEqual({ kind: 'invalid' });
  });
});

describe('SeqGate', () => {
  it('drops duplicates and older seqs, and orders a batch', () => {
    const gate = new SeqGate(2);
    expect(gate.admit([event(1), event(2), event(3)]).map((e) => e.seq)).toEqual([3]);
    expect(gate.admit([event(5), event(4), event(4)]).map((e) => e.seq)).toEqual([4, 5]);
    expect(gate.admit([event(5)])).toEqual([]);
    expect(gate.lastSeq).toBe(5);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially under full jitter and is capped', () => {
    expect(backoffDelay(0, {}, () => 0.999)).toBe(499);
    expect(backoffDelay(3, {}, () => 0.999)).toBe(3996);
    expect(backoffDelay(30, {}, () => 0.999)).toBe(9990);
    expect(backoffDelay(5, {}, () => 0)).toBe(0);
  });
});

describe('StreamClient', () => {
  it('connects after the history, goes live on the control frame, and resumes after a drop', async () => {
    const h = harness(10);
    h.client.start();
    await tick();
    expect(h.sockets[0]?.url).toBe('ws://x/ws?ticket=tk&after_seq=10');
    h.sockets[0]?.receive({ type: 'connection_established', last_seq: 12 });
    expect(h.client.state).toBe('live');
    h.sockets[0]?.receive([event(10), event(11), event(12)]);
    h.sockets[0]?.receive(event(12));
    expect(h.received).toEqual([11, 12]);

    h.sockets[0]?.drop();
    expect(h.client.state).toBe('reconnecting');
    await h.fireRetry();
    expect(h.sockets[1]?.url).toBe('ws://x/ws?ticket=tk&after_seq=12');
    h.sockets[1]?.receive({ type: 'connection_established', last_seq: 14 });
    h.sockets[1]?.receive([event(12), event(13), event(14)]);
    expect(h.received).toEqual([11, 12, 13, 14]);
    expect(h.states).toEqual(['live', 'reconnecting', 'live']);
  });

  it('backs off longer on each failed attempt, and starts over once live', async () => {
    const h = harness();
    h.client.start();
    await tick();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      h.sockets.at(-1)?.drop();
      delays.push([...h.timers.values()].find((t) => t.ms < 20_000)?.ms ?? -1);
      await h.fireRetry();
    }
    expect(delays).toEqual([250, 500, 1000, 2000]);
    h.sockets.at(-1)?.receive({ type: 'connection_established', last_seq: 0 });
    h.sockets.at(-1)?.drop();
    expect([...h.timers.values()].find((t) => t.ms < 20_000)?.ms).toBe(250);
  });

  it('ignores frames from a socket it has replaced', async () => {
    const h = harness();
    h.client.start();
    await tick();
    const old = h.sockets[0];
    old?.drop();
    await h.fireRetry();
    old?.receive(event(1));
    expect(h.received).toEqual([]);
    h.sockets[1]?.receive(event(1));
    expect(h.received).toEqual([1]);
  });

  it('goes offline with the browser and reconnects at once when it is back', async () => {
    const h = harness(3);
    h.client.start();
    await tick();
    h.sockets[0]?.receive({ type: 'connection_established', last_seq: 3 });
    h.client.setNetworkOnline(false);
    expect(h.client.state).toBe('offline');
    expect(h.sockets[0]?.closed).toBe(true);
    expect(h.timers.size).toBe(0);
    h.client.setNetworkOnline(true);
    await tick();
    expect(h.client.state).toBe('reconnecting');
    expect(h.sockets[1]?.url).toContain('after_seq=3');
  });

  it('pings after a quiet spell and reconnects when no frame answers', async () => {
    const h = harness();
    h.client.start();
    await tick();
    h.sockets[0]?.receive({ type: 'connection_established', last_seq: 0 });
    const ping = [...h.timers.entries()].find(([, t]) => t.ms === 25_000);
    h.timers.delete(ping?.[0] ?? 0);
    ping?.[1].callback();
    expect(h.sockets[0]?.sent).toEqual(['ping']);
    const dead = [...h.timers.entries()].find(([, t]) => t.ms === 10_000);
    h.timers.delete(dead?.[0] ?? 0);
    dead?.[1].callback();
    expect(h.sockets[0]?.closed).toBe(true);
    expect(h.client.state).toBe('reconnecting');
  });
});
