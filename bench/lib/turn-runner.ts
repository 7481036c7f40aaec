/**
 * Runs one orchestrator turn at a time against the real Worker and times it from the client's side:
 * the clock starts when `POST /messages` is sent and stops when `turn_completed` arrives on the event
 * socket. Every event of the turn is kept with its arrival time, so the turn can be cut into the
 * stretches between consecutive events (where the time went), and the model calls' time is known
 * twice: as the emulator measured its own answering, and as the Durable Object saw it (`model_call`
 * events' `duration_ms`, which also covers the SDK and the fetch).
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { WireEvent } from '../../src/events/types.ts';
import type { EmulatorStep } from '../../test/emulator/steps.ts';
import type { BenchApi } from './bench-api.ts';
import type { Stack } from './stack.ts';

const TURN_TIMEOUT_MS = 30_000;
const END_TYPES = new Set(['turn_completed', 'turn_failed', 'turn_interrupted']);

export interface TimedEvent {
  type: string;
  /** Milliseconds since the POST was sent. */
  atMs: number;
}

export interface TurnTiming {
  /** POST sent → `turn_completed` received. */
  wallMs: number;
  /** POST sent → its 202 response read. */
  acceptedMs: number;
  /** Time the emulator spent answering this turn's model requests. */
  emulatorMs: number;
  /** Sum of the turn's `model_call` durations, as the Durable Object measured them. */
  modelCallMs: number;
  modelCalls: number;
  /** Events received during the turn that belong to background work (event summaries). */
  backgroundEvents: number;
  /** The turn's own events up to `turn_completed`, in arrival order. */
  events: TimedEvent[];
}

export interface TurnRunner {
  run(steps: EmulatorStep[]): Promise<TurnTiming>;
  /** How often the event socket had to be reopened before a turn (see `run`). */
  readonly reconnects: number;
  close(): void;
}

/** Opens the orchestrator's event socket; turns then run one after another through `run`. */
export async function turnRunner(stack: Stack, api: BenchApi, orchestratorId: string): Promise<TurnRunner> {
  let current: { startMs: number; events: (WireEvent & { atMs: number })[]; wake: () => void } | undefined;
  const open = () =>
    api.openEvents(orchestratorId, (event, receivedMs) => {
      if (!current) return;
      current.events.push({ ...event, atMs: receivedMs - current.startMs });
      current.wake();
    });
  let socket = await open();
  let reconnects = 0;
  let turnNumber = 0;

  /** Resolves with the first event of the turn matching `predicate`, waiting for it to arrive. */
  const waitFor = async (predicate: (event: WireEvent) => boolean): Promise<WireEvent & { atMs: number }> => {
    const deadline = performance.now() + TURN_TIMEOUT_MS;
    while (current) {
      const found = current.events.find(predicate);
      if (found) return found;
      const remaining = deadline - performance.now();
      if (remaining <= 0) break;
      const turn = current;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        turn.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const seen = current?.events.map((event) => event.type).join(', ') ?? '';
    throw new Error(`turn ${turnNumber}: no matching event within ${TURN_TIMEOUT_MS} ms (saw: ${seen})`);
  };

  return {
    get reconnects() {
      return reconnects;
    },
    async run(steps) {
      turnNumber += 1;
      // `wrangler dev` closes the object's sockets (1006) when it evicts the idle object, about 15 s
      // after its last event; a client reconnects, as the web console does. Not timed.
      if (socket.readyState !== WebSocket.OPEN) {
        socket = await open();
        reconnects += 1;
      }
      // Scripted before the clock starts: the control call is the benchmark's, not the turn's.
      await stack.emulator.control.script(orchestratorId, steps);
      const startMs = performance.now();
      current = { startMs, events: [], wake: () => {} };
      const accepted = api
        .sendMessage(orchestratorId, `bench turn ${turnNumber}`)
        .then((body) => ({ body, atMs: performance.now() - startMs }));
      const end = await waitFor((event) => END_TYPES.has(event.type));
      const emulatorMs = stack.emulator.timings.busyMsSince(startMs, orchestratorId);
      const { body, atMs: acceptedMs } = await accepted;
      if (end.data.turn_id !== body.turn_id || end.type !== 'turn_completed') {
        throw new Error(
          `turn ${turnNumber} ended as ${end.type} (${JSON.stringify(end.data).slice(0, 300)})`,
        );
      }
      // The turn's bookkeeping ends with `orchestrator_updated`; the next message must not find the
      // turn still settling, or it would interrupt it.
      await waitFor((event) => event.type === 'orchestrator_updated' && event.seq > end.seq);
      // Event summaries are asked for in the background, in batches, and
      // land as `summary_update` and a `model_call` of purpose `summary`: platform work that may
      // overlap a turn, but not a step of it.
      const own = current.events.filter((event) => event.seq <= end.seq && !isSummaryEvent(event));
      const background = current.events.length - own.length;
      current = undefined;
      const calls = own.filter((event) => event.type === 'model_call');
      return {
        wallMs: end.atMs,
        acceptedMs,
        emulatorMs,
        modelCallMs: calls.reduce((sum, event) => sum + Number(event.data.duration_ms ?? 0), 0),
        modelCalls: calls.length,
        backgroundEvents: background,
        events: own.map(({ type, atMs }) => ({ type, atMs })),
      };
    },
    close() {
      socket.close();
    },
  };
}

function isSummaryEvent(event: WireEvent): boolean {
  return (
    event.type === 'summary_update' || (event.type === 'model_call' && event.data.purpose !== 'orchestrator')
  );
}
