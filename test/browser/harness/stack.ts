/**
 * The real local stack for the browser tests and the UI benchmarks, as a user's `npm run dev` runs it:
 * the embedded PGlite (persisted in the stack's temporary folder), the built-in offline model (no
 * ANTHROPIC_* variables reach the Worker), `wrangler dev --local` serving the API, the Durable Object,
 * the queue and the built console (web/dist), with the object's and the queue's state persisted in the
 * same folder, so that `restartWorker()` stops wrangler and starts it again on the same port with the
 * same state, as a developer restarting `npm run dev` would. See scripts/local/local-stack.ts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type LocalStack, startLocalStack } from '../../../scripts/local/local-stack.ts';

export const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface ConsoleStack extends LocalStack {
  /** Stops wrangler and starts it again (same port, same persisted state); resolves once healthy. */
  restartWorker(): Promise<void>;
  /** A bearer-token call to the REST API (`path` below /api). */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** `name` tells the stacks of concurrent files apart (folder .wrangler/browser-<pid>-<name>). */
export async function startConsoleStack(name: string): Promise<ConsoleStack> {
  if (!existsSync(`${root}web/dist/index.html`)) {
    throw new Error('the console is not built: run `npm run build:web` (npm test does it first)');
  }
  const stack = await startLocalStack({
    root,
    dir: `${root}.wrangler/browser-${process.pid}-${name}`,
    persistDatabase: true,
    expectProvider: 'offline',
    tokenPrefix: 'browser',
  });
  return {
    ...stack,
    async restartWorker() {
      await stack.stopWorker();
      await stack.startWorker();
    },
    async api<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${stack.baseUrl}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${stack.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

type StoredEvent = { seq: number; type: string; agent_id: string | null };

/** Every event of an orchestrator, from the REST API (pages of 1,000). */
export async function allEvents(stack: ConsoleStack, orchestratorId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await stack.api<{ events: StoredEvent[]; next_after_seq: number | null }>(
      'GET',
      `/orchestrators/${orchestratorId}/events?after_seq=${after}&limit=1000`,
    );
    events.push(...page.events);
    if (page.next_after_seq === null) return events;
    after = page.next_after_seq;
  }
}
