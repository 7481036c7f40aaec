/**
 * The ws-fanout clients: a child process (started by bench/ws-fanout.ts with `fork`) holding N live
 * event sockets on one orchestrator. Each socket checks that it receives every event exactly once and
 * in `seq` order, and records each event's delivery latency: the Durable Object's `ts` to this
 * process's receipt, both on the machine's wall clock. The socket offers permessage-deflate, as
 * browsers do; whether the server took it is reported.
 *
 * Only the envelope's `seq` and `ts` are read, from the front of the frame: the benchmark measures the
 * server's fan-out, so the clients do as little as a real client must to keep order.
 */
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';
import { openEventSocket } from './bench-api.ts';
import type { ClientStats, FromClients, ToClients } from './fanout-protocol.ts';
import { LatencyHistogram } from './latency-histogram.ts';

const TURN_TYPES = new Set(['turn_completed', 'turn_failed', 'turn_interrupted', 'orchestrator_updated']);

interface Received {
  received: number;
  firstSeq: number;
  lastSeq: number;
  gaps: number;
  duplicates: number;
  /** Receipt time (performance clock) of each in-order event, from `firstSeq` on. */
  receivedAt: number[];
  /** The close code once the socket has closed. */
  closed: number | false;
}

interface Client {
  socket: WebSocket;
  state: Received;
}

const latency = new LatencyHistogram();
const clients: Client[] = [];

function send(message: FromClients): void {
  process.send?.(message);
}

interface FrameEvent {
  seq?: number;
  type: string;
  ts?: string;
  data?: { turn_id?: string; status?: string };
}

/** A frame holds one event (an object) or several emitted together (an array). */
function onFrame(client: Received, index: number, data: string, receivedMs: number): void {
  const parsed = JSON.parse(data) as FrameEvent | FrameEvent[];
  for (const event of Array.isArray(parsed) ? parsed : [parsed]) onEvent(client, index, event, receivedMs);
}

function onEvent(client: Received, index: number, event: FrameEvent, receivedMs: number): void {
  if (event.seq === undefined || !event.ts) return;
  const seq = event.seq;
  latency.record(performance.timeOrigin + receivedMs - Date.parse(event.ts));
  client.received += 1;
  if (client.firstSeq === 0) client.firstSeq = seq;
  if (seq <= client.lastSeq) {
    client.duplicates += 1;
    return;
  }
  if (client.lastSeq !== 0 && seq !== client.lastSeq + 1) client.gaps += 1;
  client.lastSeq = seq;
  client.receivedAt.push(receivedMs);
  if (index === 0 && TURN_TYPES.has(event.type)) {
    send({
      type: 'turn_event',
      eventType: event.type,
      seq,
      turnId: event.data?.turn_id,
      status: event.data?.status,
    });
  }
}

async function connect(url: string, token: string, count: number, compress: boolean): Promise<void> {
  // A few at a time: the point is 100 open sockets, not a connection storm.
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, async (_, offset) => {
      const index = start + offset;
      const state: Received = {
        received: 0,
        firstSeq: 0,
        lastSeq: 0,
        gaps: 0,
        duplicates: 0,
        receivedAt: [],
        closed: false,
      };
      const socket = await openEventSocket(
        url,
        token,
        (data, receivedMs) => onFrame(state, index, data, receivedMs),
        { compress },
      );
      socket.on('close', (code: number) => {
        state.closed = code;
      });
      clients[index] = { socket, state };
    });
    await Promise.all(batch);
  }
  send({ type: 'ready', compression: clients[0]?.socket.extensions || 'none' });
}

async function collect(untilSeq: number, endSeq: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  const states = clients.map((client) => client.state);
  while (states.some((c) => c.lastSeq < untilSeq && c.closed === false) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stats: ClientStats[] = states.map((client) => {
    const endIndex = Math.min(endSeq - client.firstSeq, client.receivedAt.length - 1);
    const first = client.receivedAt[0] ?? 0;
    const end = client.receivedAt[endIndex] ?? first;
    return {
      received: client.received,
      firstSeq: client.firstSeq,
      lastSeq: client.lastSeq,
      gaps: client.gaps,
      duplicates: client.duplicates,
      windowEvents: endIndex + 1,
      windowSeconds: (end - first) / 1_000,
      closed: client.closed,
    };
  });
  send({
    type: 'stats',
    stats: {
      clients: stats,
      latency: latency.toData(),
      incomplete: states.filter((client) => client.lastSeq < untilSeq).length,
    },
  });
}

process.on('message', (message: ToClients) => {
  const fail = (error: unknown): void =>
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  if (message.type === 'connect')
    connect(message.url, message.token, message.clients, message.compress).catch(fail);
  else if (message.type === 'collect')
    collect(message.untilSeq, message.endSeq, message.timeoutMs).catch(fail);
  else if (message.type === 'close') {
    for (const client of clients) client.socket.close();
    process.disconnect();
  }
});
// The driver went away (Ctrl-C, failure): nothing to report to, stop.
process.on('disconnect', () => {
  for (const client of clients) client.socket.terminate();
  process.exit(0);
});
