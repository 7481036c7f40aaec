/** Chain-run test shortcuts: the run's Durable Object, starting test agents in it, and its socket. */
import { env, runInDurableObject } from 'cloudflare:test';
import type { ChainMessage } from '../../src/chains/channel-messages.ts';
import type { ChainAgent } from '../../src/chains/runner.ts';
import type { ChainRunSpec } from '../../src/durable-objects/chain-run-store.ts';
import { call } from './api.ts';
import { WAIT_LIMIT_MS } from './wait.ts';

export function chainRunOf(runId: string) {
  return env.CHAIN_RUN.get(env.CHAIN_RUN.idFromName(runId));
}

/** Starts `agents` in a fresh run's object (in-process: they need not be a registered chain). */
export async function startTestChain(
  agents: ChainAgent[],
  spec: Partial<ChainRunSpec> = {},
): Promise<string> {
  const runId = spec.run_id ?? crypto.randomUUID();
  await runInDurableObject(chainRunOf(runId), (run) =>
    run.startWith(agents, {
      run_id: runId,
      chain: 'test_chain',
      params: { answer: 42 },
      request: null,
      orchestrator_id: null,
      ...spec,
    }),
  );
  return runId;
}

/** Every message a socket gets; heartbeats too (they are not replayed, so tests can tell them apart). */
export interface ChainSocket {
  readonly messages: ChainMessage[];
  readonly heartbeats: Array<{ type: 'heartbeat'; run_id: string; seq: number; timestamp: string }>;
  waitFor(predicate: (message: ChainMessage) => boolean, what: string): Promise<ChainMessage>;
  waitForHeartbeat(): Promise<void>;
  close(): void;
}

export async function openChainSocket(
  runId: string,
  init: { token?: string | null } = {},
): Promise<ChainSocket> {
  const response = await call(`/api/chains/runs/${runId}/ws`, { headers: { Upgrade: 'websocket' }, ...init });
  const socket = response.webSocket;
  if (response.status !== 101 || !socket)
    throw new Error(`upgrade failed: ${response.status} ${await response.text()}`);
  const messages: ChainMessage[] = [];
  const heartbeats: ChainSocket['heartbeats'] = [];
  const waiters = new Set<() => void>();
  socket.addEventListener('message', (event) => {
    const data = JSON.parse(String(event.data)) as ChainMessage | ChainSocket['heartbeats'][number];
    if (data.type === 'heartbeat') heartbeats.push(data);
    else messages.push(data);
    for (const wake of waiters) wake();
  });
  socket.accept();
  const waitUntil = <T>(probe: () => T | undefined, what: string): Promise<T> => {
    const found = probe();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `timed out waiting for ${what}; got: ${messages.map((m) => `${m.seq}:${m.type}`).join(', ')}`,
          ),
        );
      }, WAIT_LIMIT_MS);
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(value);
      };
      waiters.add(check);
    });
  };
  return {
    messages,
    heartbeats,
    waitFor: (predicate, what) => waitUntil(() => messages.find(predicate), what),
    waitForHeartbeat: async () => {
      await waitUntil(() => heartbeats[0], 'a heartbeat');
    },
    close: () => socket.close(1000, 'test done'),
  };
}

/** The run's last message: `complete` or `error`. */
export function runEnded(socket: ChainSocket): Promise<ChainMessage> {
  return socket.waitFor((m) => m.type === 'complete' || m.type === 'error', 'the end of the run');
}

/** A promise the test resolves by hand: holds an agent mid-run. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
