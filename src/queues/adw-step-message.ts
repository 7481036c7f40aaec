/**
 * The work-queue message of one workflow step: ids only (messages are capped at 128 KB, and a step's
 * state lives in Postgres). `orchestrator_id` routes it to the right Durable Object without a lookup.
 */
import { isUuid } from '../db/uuid.ts';

export const ADW_STEP = 'adw_step';

export interface AdwStepMessage {
  kind: typeof ADW_STEP;
  adw_id: string;
  step_index: number;
  orchestrator_id?: string;
  /** When it was enqueued (ms since the epoch), for the dispatch-latency benchmark. */
  enqueued_at?: number;
}

/** The message's ids, or undefined when it is malformed (acknowledged, not retried: it cannot improve). */
export function parseAdwStepMessage(body: Record<string, unknown>): AdwStepMessage | undefined {
  const { adw_id, step_index, orchestrator_id, enqueued_at } = body;
  if (typeof adw_id !== 'string' || !isUuid(adw_id)) return undefined;
  if (typeof step_index !== 'number' || !Number.isInteger(step_index) || step_index < 0 || step_index > 100)
    return undefined;
  if (orchestrator_id !== undefined && (typeof orchestrator_id !== 'string' || !isUuid(orchestrator_id)))
    return undefined;
  return {
    kind: ADW_STEP,
    adw_id,
    step_index,
    ...(orchestrator_id ? { orchestrator_id } : {}),
    ...(typeof enqueued_at === 'number' && Number.isFinite(enqueued_at) ? { enqueued_at } : {}),
  };
}
