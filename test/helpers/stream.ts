/** A test client of an orchestrator's WebSocket: collects events and waits for the ones a test needs. */
import type { WireEvent } from '../../src/events/types.ts';
import { call } from './api.ts';
import { hubOf } from './orchestrators.ts';
import { WAIT_LIMIT_MS } from './wait.ts';

export interface StreamClient {
  /** Every event received so far, in arrival order (control frames excluded). */
  readonly events: WireEvent[];
  readonly hello: Promise<{ last_seq: number }>;
  waitFor(predicate: (event: WireEvent) => boolean, what?: string): Promise<WireEvent>;
  close(): void;
}

export async function openStream(orchestratorId: string, afterSeq?: number): Promise<StreamClient> {
  const query = afterSeq === undefined ? '' : `?after_seq=${afterSeq}`;
  const response = await call(`/api/orchestrators/${orchestratorId}/ws${query}`, {
    headers: { Upgrade: 'websocket' },
  });
  const socket = response.webSocket;
  if (response.status !== 101 || !socket)
    throw new Error(`upgrade failed: ${response.status} ${await response.text()}`);
  const events: WireEvent[] = [];
  const waiters = new Set<() => void>();
  let resolveHello: (value: { last_seq: number }) => void = () => {};
  const hello = new Promise<{ last_seq: number }>((resolve) => {
    resolveHello = resolve;
  });
  socket.addEventListener('message', (message) => {
    // A frame holds one event (an object) or several emitted together (an array).
    const data = JSON.parse(String(message.data)) as
      | WireEvent
      | WireEvent[]
      | { type: 'connection_established'; last_seq: number };
    if (Array.isArray(data)) events.push(...data);
    else if (data.type === 'connection_established') resolveHello(data as { last_seq: number });
    else if ('seq' in data) events.push(data);
    for (const wake of waiters) wake();
  });
  socket.accept();
  return {
    events,
    hello,
    waitFor(predicate, what = 'an event') {
      const found = events.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `timed out waiting for ${what}; got: ${events.map((e) => `${e.seq}:${e.type}`).join(', ')}`,
            ),
          );
        }, WAIT_LIMIT_MS);
        const check = () => {
          const match = events.find(predicate);
          if (!match) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(match);
        };
        waiters.add(check);
      });
    },
    close: () => socket.close(1000, 'test done'),
  };
}

/** The next message a raw socket receives (a greeting, a pong, a refusal), as text. */
export function nextMessage(socket: WebSocket): Promise<string> {
  return new Promise((resolve) =>
    socket.addEventListener('message', (event) => resolve(String(event.data)), { once: true }),
  );
}

/**
 * Resolves once the stream has received every event the orchestrator has emitted so far: a barrier
 * for asserting that something did NOT happen. Whatever the object did before this call (an RPC or a
 * request that returned) is on the stream after it; events are delivered in seq order.
 */
export async function caughtUp(stream: StreamClient, orchestratorId: string): Promise<number> {
  const { last_seq } = await hubOf(orchestratorId).status(orchestratorId);
  if (last_seq > 0) await stream.waitFor((e) => e.seq >= last_seq, `the stream to reach seq ${last_seq}`);
  return last_seq;
}

/** Asserts that a list of events has strictly increasing, contiguous sequence numbers. */
export function expectContiguous(events: WireEvent[], from: number): void {
  events.forEach((event, index) => {
    if (event.seq !== from + index) {
      throw new Error(`seq gap or duplicate at index ${index}: expected ${from + index}, got ${event.seq}`);
    }
  });
}
