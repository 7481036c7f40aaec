/**
 * How long the Messages API emulator takes to answer each model request: "model time" for the
 * turn-overhead figures. Measured inside the emulator's own process without touching its code,
 * through Node's HTTP server diagnostics channels: from the moment the request's headers are parsed
 * (`http.server.request.start`) to the moment the last byte of the answer is handed to the socket
 * (`http.server.response.finish`). That covers reading and validating the request body, planning the
 * scripted answer and writing every SSE event; the emulator itself waits for nothing (no delay steps).
 *
 * Each request is also tagged with its scope (`metadata.user_id`), so that a turn is charged only for
 * its own model calls, not for the event summaries the platform asks for meanwhile (scope
 * `<orchestrator id>:summaries`). The scope is read from the tail of the body as the emulator reads it:
 * a passive 'data' listener sees each chunk the emulator's own reader takes, and takes nothing itself.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface ModelRequestTiming {
  /** `performance.now()` when the request's headers were parsed, and when the answer was written. */
  startMs: number;
  endMs: number;
  /** The request's `metadata.user_id`, if found. */
  scope: string | undefined;
}

export interface EmulatorTimings {
  /** Every `POST /v1/messages` answered so far, in order of completion. */
  readonly requests: readonly ModelRequestTiming[];
  /** Milliseconds spent answering the scope's model requests that started at or after `sinceMs`. */
  busyMsSince(sinceMs: number, scope: string): number;
  stop(): void;
}

interface ServerMessage {
  request: IncomingMessage;
  response: ServerResponse;
  server: Server;
}

/** Times the model requests of the emulator listening on `port` (other HTTP servers are ignored). */
/** Enough of the body's end to hold `"metadata":{"user_id":"…"}`, which the SDK writes last but one. */
const TAIL_CHARS = 400;
const USER_ID = /"metadata":\{"user_id":"([^"]*)"/;

export function timeEmulator(port: number): EmulatorTimings {
  const started = new WeakMap<ServerResponse, { startMs: number; tail: () => string }>();
  const requests: ModelRequestTiming[] = [];
  const isModelRequest = (message: ServerMessage): boolean => {
    const address = message.server.address();
    return (
      typeof address === 'object' &&
      address?.port === port &&
      message.request.method === 'POST' &&
      (message.request.url ?? '').startsWith('/v1/messages')
    );
  };
  const onStart = (value: unknown): void => {
    const message = value as ServerMessage;
    if (!isModelRequest(message)) return;
    let tail = '';
    message.request.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('latin1')).slice(-TAIL_CHARS);
    });
    started.set(message.response, { startMs: performance.now(), tail: () => tail });
  };
  const onFinish = (value: unknown): void => {
    const message = value as ServerMessage;
    const start = started.get(message.response);
    if (start === undefined) return;
    started.delete(message.response);
    const scope = USER_ID.exec(start.tail())?.[1];
    requests.push({ startMs: start.startMs, endMs: performance.now(), scope });
  };
  subscribe('http.server.request.start', onStart);
  subscribe('http.server.response.finish', onFinish);
  return {
    requests,
    busyMsSince(sinceMs, scope) {
      let busy = 0;
      // Newest first; requests complete in about the order they start, so stop a little past `sinceMs`.
      for (let i = requests.length - 1; i >= 0; i--) {
        const request = requests[i];
        if (!request || request.endMs < sinceMs) break;
        if (request.startMs >= sinceMs && request.scope === scope) busy += request.endMs - request.startMs;
      }
      return busy;
    },
    stop() {
      unsubscribe('http.server.request.start', onStart);
      unsubscribe('http.server.response.finish', onFinish);
    },
  };
}
