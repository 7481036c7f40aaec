/** Autocomplete feedback of one orchestrator: written by the console, read back as the learning. */
import { desc, eq } from 'drizzle-orm';
import type { FeedbackEntry } from '../autocomplete/learning.ts';
import type { Database } from './client.ts';
import { type AutocompleteOutcome, autocompleteFeedback } from './schema-autocomplete.ts';

export interface NewFeedback {
  orchestratorId: string;
  outcome: AutocompleteOutcome;
  inputBefore: string;
  completion?: string | null | undefined;
  reasoning?: string | null | undefined;
  inputSent?: string | null | undefined;
}

export async function insertFeedback(db: Database, input: NewFeedback): Promise<void> {
  await db.insert(autocompleteFeedback).values({
    orchestratorId: input.orchestratorId,
    outcome: input.outcome,
    inputBefore: input.inputBefore,
    completion: input.completion ?? null,
    reasoning: input.reasoning ?? null,
    inputSent: input.inputSent ?? null,
  });
}

/** The newest feedback rows, newest first (the index serves exactly this order). */
export async function recentFeedback(
  db: Database,
  orchestratorId: string,
  limit: number,
): Promise<FeedbackEntry[]> {
  return db
    .select({
      outcome: autocompleteFeedback.outcome,
      inputBefore: autocompleteFeedback.inputBefore,
      completion: autocompleteFeedback.completion,
      reasoning: autocompleteFeedback.reasoning,
      inputSent: autocompleteFeedback.inputSent,
    })
    .from(autocompleteFeedback)
    .where(eq(autocompleteFeedback.orchestratorId, orchestratorId))
    .orderBy(desc(autocompleteFeedback.createdAt), desc(autocompleteFeedback.id))
    .limit(limit);
}
