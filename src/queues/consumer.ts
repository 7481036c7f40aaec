/**
 * The work queue's consumer. Messages carry ids, never payloads (the platform caps them at 128 KB),
 * and are dispatched by `kind`. Delivery is at-least-once and unordered, so every handler must be
 * idempotent. A message no handler knows is a bug, not a transient failure: it is logged and
 * acknowledged rather than retried into the dead-letter queue.
 */

import { handlePipelineRun } from '../pipelines/consumer.ts';
import { PIPELINE_RUN } from '../pipelines/message.ts';
import { handleOptionSnapshotRun } from '../snapshots/consumer.ts';
import { OPTION_SNAPSHOT_RUN } from '../snapshots/message.ts';
import { summarizeEvents } from '../summaries/consumer.ts';
import { SUMMARIZE_EVENTS } from '../summaries/message.ts';
import { handleAdwStep } from '../workflows/consumer.ts';
import { ADW_STEP } from './adw-step-message.ts';
import type { QueueMessage, WorkMessage } from './messages.ts';
import { retryDelaySeconds } from './retry-delay.ts';

export type WorkHandler = (message: WorkMessage, env: Env) => Promise<void>;

/** Handlers by message kind: the type asks for one per kind of QueueMessage. */
const handlers: Record<QueueMessage['kind'], WorkHandler> = {
  [SUMMARIZE_EVENTS]: summarizeEvents,
  [ADW_STEP]: async (message, env) => {
    await handleAdwStep(message, env);
  },
  [PIPELINE_RUN]: handlePipelineRun,
  [OPTION_SNAPSHOT_RUN]: handleOptionSnapshotRun,
};
const handlerByKind = new Map<string, WorkHandler>(Object.entries(handlers));

export async function consumeWork(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    const body = message.body;
    const handler = isWorkMessage(body) ? handlerByKind.get(body.kind) : undefined;
    if (!isWorkMessage(body) || !handler) {
      console.error(`queue ${batch.queue}: dropping message ${message.id} of unknown shape`, body);
      message.ack();
      continue;
    }
    try {
      await handler(body, env);
      message.ack();
    } catch (error) {
      console.error(
        `queue ${batch.queue}: ${body.kind} message ${message.id} failed (attempt ${message.attempts})`,
        error,
      );
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

function isWorkMessage(value: unknown): value is WorkMessage {
  return (
    typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
  );
}
