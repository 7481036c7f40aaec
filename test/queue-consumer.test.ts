import { describe, expect, it } from 'vitest';
import { deliverBatch } from './helpers/queue.ts';

describe('work queue consumer', () => {
  it('acknowledges messages no handler knows instead of retrying them into the dead-letter queue', async () => {
    const result = await deliverBatch([
      { id: 'unknown-kind', body: { kind: 'no-such-kind' } },
      { id: 'not-an-object', body: 'plain text' },
      { id: 'no-kind', body: { step: 1 } },
    ]);
    expect(result.explicitAcks.sort()).toEqual(['no-kind', 'not-an-object', 'unknown-kind']);
    expect(result.retryMessages).toEqual([]);
  });
});
