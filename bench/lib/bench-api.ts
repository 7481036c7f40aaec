/**
 * The Worker's REST API and event WebSocket as a benchmark client uses them: bearer-token requests
 * over keep-alive connections (Node's fetch), and a live event socket whose messages are timestamped
 * the moment they arrive, before anything else looks at them.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { WireEvent } from '../../src/events/types.ts';

export interface BenchApi {
  createOrchestrator(name: string): Promise<string>;
  sendMessage(orchestratorId: string, message: string): Promise<{ turn_id: string }>;
  health(): Promise<void>;
  lastSeq(orchestratorId: string): Promise<number>;
  /** The object's live state (`live` of GET /api/orchestrators/:id), for diagnosing a stalled run. */
  live(orchestratorId: string): Promise<Record<string, unknown>>;
  openEvents(
    orchestratorId: string,
    onEvent: (event: WireEvent, receivedMs: number) => void,
  ): Promise<WebSocket>;
}

export function benchApi(baseUrl: string, token: string): BenchApi {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    async createOrchestrator(name) {
      const created = (await call('POST', '/orchestrators', { name })) as { id: string };
      return created.id;
    },
    async sendMessage(orchestratorId, message) {
      return (await call('POST', `/orchestrators/${orchestratorId}/messages`, { message })) as {
        turn_id: string;
      };
    },
    async health() {
      await call('GET', '/health');
    },
    async live(orchestratorId) {
      const orchestrator = (await call('GET', `/orchestrators/${orchestratorId}`)) as {
        live: Record<string, unknown>;
      };
      return orchestrator.live;
    },
    async lastSeq(orchestratorId) {
      const orchestrator = (await call('GET', `/orchestrators/${orchestratorId}`)) as {
        live: { last_seq: number };
      };
      return orchestrator.live.last_seq;
    },
    openEvents: (orchestratorId, onEvent) =>
      openEventSocket(eventSocketUrl(baseUrl, orchestratorId), token, (data, receivedMs) => {
        // A frame holds one event (an object) or several emitted together (an array).
        const parsed = JSON.parse(data) as WireEvent | WireEvent[] | { type: string; seq?: undefined };
        for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
          if (message.seq !== undefined) onEvent(message as WireEvent, receivedMs);
        }
      }),
  };
}

export function eventSocketUrl(baseUrl: string, orchestratorId: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/api/orchestrators/${orchestratorId}/ws`;
}

/**
 * Opens a live event socket (no replay) and resolves once the server's `connection_established`
 * frame has arrived, so events emitted afterwards are guaranteed to reach it. `onMessage` gets every
 * later text frame with its arrival time on the `performance` clock. `compress: false` does not offer
 * permessage-deflate.
 */
export function openEventSocket(
  url: string,
  token: string,
  onMessage: (data: string, receivedMs: number) => void,
  options: { compress?: boolean } = {},
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      headers: { authorization: `Bearer ${token}` },
      // Offered by default, as browsers do; the server decides.
      perMessageDeflate: options.compress ?? true,
    });
    let established = false;
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const receivedMs = performance.now();
      if (isBinary) return;
      const text = data.toString('utf8');
      if (!established) {
        established = true;
        resolve(socket);
        return;
      }
      onMessage(text, receivedMs);
    });
    socket.once('error', reject);
    socket.once('close', (code: number) => {
      if (!established) reject(new Error(`event socket closed before it was established (${code})`));
    });
  });
}
