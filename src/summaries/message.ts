/**
 * The queue message that asks for summaries: ids and a seq range, never payloads (queue messages are
 * capped at 128 KB). The consumer reads the events themselves from Postgres, so the message stays
 * valid however large the events are, and a redelivered or late copy does no harm.
 */
import { z } from 'zod';

export const SUMMARIZE_EVENTS = 'summarize_events';

export const SummarizeEventsMessage = z
  .object({
    kind: z.literal(SUMMARIZE_EVENTS),
    orchestrator_id: z.uuid(),
    /** Exclusive lower bound: events up to it were asked for by an earlier message. */
    after_seq: z.number().int().min(0),
    /** Inclusive upper bound: every event up to it is already in Postgres. */
    up_to_seq: z.number().int().min(1),
  })
  .refine((message) => message.up_to_seq > message.after_seq, {
    message: 'up_to_seq must be greater than after_seq',
    path: ['up_to_seq'],
  });

export type SummarizeEventsMessage = z.infer<typeof SummarizeEventsMessage>;

export function summarizeEventsMessage(
  orchestratorId: string,
  afterSeq: number,
  upToSeq: number,
): SummarizeEventsMessage {
  return { kind: SUMMARIZE_EVENTS, orchestrator_id: orchestratorId, after_seq: afterSeq, up_to_seq: upToSeq };
}
