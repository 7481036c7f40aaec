/**
 * Which events get a one-line AI summary: the ones a person reads in a
 * log view. Streaming deltas, typing indicators, turn markers, cost records and the summary updates
 * themselves are either noise or already one line of fact, and summarising them would only spend money
 * (or, for `summary_update`, summarise forever).
 */
import type { EventType, WireEvent } from '../events/types.ts';

export const SUMMARIZABLE_TYPES = [
  'text',
  'thinking',
  'tool_use',
  'tool_result',
  'PreToolUse',
  'PostToolUse',
  'UserPromptSubmit',
  'Stop',
  'chat_message',
  'file_changes',
] as const satisfies readonly EventType[];

const summarizable: ReadonlySet<string> = new Set(SUMMARIZABLE_TYPES);

/** True for an event that deserves a summary and does not have one yet. */
export function isSummarizable(event: Pick<WireEvent, 'type' | 'summary'>): boolean {
  return summarizable.has(event.type) && !event.summary;
}

/** The summary of one stored event, as written back and broadcast in `summary_update`. */
export interface EventSummary {
  seq: number;
  summary: string;
}
