/**
 * The queue handler of `adw_step` messages: it only routes the step to its orchestrator's Durable
 * Object, which claims it and runs it; the invocation returns as soon as the object has taken it on,
 * so no queue invocation holds a step's agent loop, which can outlast a queue handler's time limit.
 *
 * Acknowledged without retry: a malformed message, an unknown workflow, and a step that is not
 * claimable (a duplicate, a late delivery after the step ran, an early one whose predecessor is not
 * done, or a cancelled workflow). An early message is redundant, not lost: the predecessor enqueues
 * its successor itself when it ends, so retrying it would only walk it into the dead-letter queue.
 * A failure to reach the object or the database throws, and the consumer retries with backoff.
 */

import { findAdw } from '../db/adws.ts';
import { openDatabase } from '../db/client.ts';
import { parseAdwStepMessage } from '../queues/adw-step-message.ts';
import type { WorkMessage } from '../queues/messages.ts';
import type { AcceptResult } from './step-runner.ts';

export async function handleAdwStep(body: WorkMessage, env: Env): Promise<AcceptResult | 'invalid'> {
  const message = parseAdwStepMessage(body);
  if (!message) {
    console.error('adw_step: dropping a malformed message', body);
    return 'invalid';
  }
  const orchestratorId = message.orchestrator_id ?? (await lookUpOrchestrator(env, message.adw_id));
  if (!orchestratorId) return 'not_claimable';
  const hub = env.ORCHESTRATOR.get(env.ORCHESTRATOR.idFromName(orchestratorId));
  return hub.acceptAdwStep(orchestratorId, message.adw_id, message.step_index, message.enqueued_at);
}

async function lookUpOrchestrator(env: Env, adwId: string): Promise<string | undefined> {
  const handle = openDatabase(env, { maxConnections: 1 });
  try {
    return (await findAdw(handle.db, adwId))?.orchestratorId;
  } finally {
    await handle.close();
  }
}
