import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../src/worker.ts';

describe('work queue consumer', () => {
  it('acknowledges messages no handler knows instead of retrying them into the dead-letter queue', async () => {
    const batch = createMessageBatch<unknown>('orchestrator-work', [
      { id: 'unknown-kind', timestamp: new Date(), attempts: 1, body: { kind: 'no-such-kind' } },
      { id: 'not-an-object', timestamp: new Date(), attempts: 1, body: 'plain text' },
      { id: 'no-kind', timestamp: new Date(), attempts: 1, body: { step: 1 } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(['no-kind', 'not-an-object', 'unknown-kind']);
    expect(result.retryMessages).toEqual([]);
  });
});
