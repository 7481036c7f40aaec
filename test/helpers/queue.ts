/** Handing message batches to the Worker's queue handler, as the platform would, and reading the outcome. */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import worker from '../../src/worker.ts';

/** Delivers one batch (first attempt) and resolves with what the handler acknowledged and retried. */
export async function deliverBatch(messages: Array<{ id: string; body: unknown }>) {
  const batch = createMessageBatch<unknown>(
    'orchestrator-work',
    messages.map(({ id, body }) => ({ id, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}
