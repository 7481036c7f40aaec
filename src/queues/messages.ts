/**
 * The work queue's messages. Each kind carries ids and ranges only (the platform caps a message at
 * 128 KB); the handler of its kind validates the rest of the body.
 */
import type { PipelineRunMessage } from '../pipelines/message.ts';
import type { OptionSnapshotRunMessage } from '../snapshots/message.ts';
import type { SummarizeEventsMessage } from '../summaries/message.ts';
import type { AdwStepMessage } from './adw-step-message.ts';

/** A body as it arrives: its kind, and fields its handler checks before trusting them. */
export interface WorkMessage {
  kind: string;
  [field: string]: unknown;
}

/** Every message sent to the work queue: a workflow step, a range of events to summarise, a pipeline run,
 * an option-chain snapshot run. */
export type QueueMessage =
  | AdwStepMessage
  | SummarizeEventsMessage
  | PipelineRunMessage
  | OptionSnapshotRunMessage;
