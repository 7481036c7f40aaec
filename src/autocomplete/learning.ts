/**
 * The learning signal: what the person did with earlier completions, as prompt sections. Accepted
 * completions are examples to prefer, rejected ones to avoid, and an ignored one shows what the person
 * sent instead. Only the newest rows count (the caller loads them, newest first), so old habits fade.
 */
import type { AutocompleteOutcome } from '../db/schema-autocomplete.ts';
import { section } from './sections.ts';

/** Feedback rows that shape the next prompt. */
export const LEARNING_ROWS = 30;
/** The end of what was typed is what a completion continues; its start rarely matters. */
const TYPED_CHARS = 160;
const SENT_CHARS = 200;

export interface FeedbackEntry {
  outcome: AutocompleteOutcome;
  inputBefore: string;
  completion: string | null;
  reasoning: string | null;
  inputSent: string | null;
}

export interface LearningExample {
  typed: string;
  completion: string;
}

export interface TypedInstead {
  typed: string;
  sent: string;
}

export interface Learning {
  accepted: LearningExample[];
  rejected: LearningExample[];
  typedInstead: TypedInstead[];
}

/**
 * Newest-first feedback → the examples, each completion once: its newest outcome wins, so a completion
 * accepted long ago and rejected since is only avoided.
 */
export function learningFrom(feedback: readonly FeedbackEntry[]): Learning {
  const learning: Learning = { accepted: [], rejected: [], typedInstead: [] };
  const seen = new Set<string>();
  for (const entry of feedback.slice(0, LEARNING_ROWS)) {
    const typed = tail(entry.inputBefore, TYPED_CHARS);
    if (entry.outcome === 'ignored') {
      const sent = entry.inputSent?.trim();
      if (!sent || once(seen, `i:${sent}`)) continue;
      learning.typedInstead.push({ typed, sent: head(sent, SENT_CHARS) });
      continue;
    }
    const completion = entry.completion?.trim();
    if (!completion || once(seen, `c:${completion.toLowerCase()}`)) continue;
    const example = { typed, completion };
    if (entry.outcome === 'accepted') learning.accepted.push(example);
    else learning.rejected.push(example);
  }
  return learning;
}

/** The learning as prompt sections (none when there is no feedback yet). */
export function learningSections(learning: Learning): string[] {
  return [
    ...section('accepted_before', learning.accepted),
    ...section('rejected_before', learning.rejected),
    ...section('typed_instead', learning.typedInstead),
  ];
}

/** True when the key was seen already; records it otherwise. */
function once(seen: Set<string>, key: string): boolean {
  if (seen.has(key)) return true;
  seen.add(key);
  return false;
}

function tail(text: string, chars: number): string {
  return text.length > chars ? `…${text.slice(-chars)}` : text;
}

function head(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars)}…` : text;
}
