/**
 * What the person did with the chat input's completions, per orchestrator: the learning signal that
 * shapes the next completions (accepted ones are preferred, rejected ones avoided).
 */
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orchestrators } from './schema.ts';

export type AutocompleteOutcome = 'accepted' | 'rejected' | 'ignored';

export const autocompleteFeedback = pgTable(
  'autocomplete_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    /** accepted: taken into the input; rejected: dismissed; ignored: the message was sent without one. */
    outcome: text('outcome').$type<AutocompleteOutcome>().notNull(),
    inputBefore: text('input_before').notNull(),
    completion: text('completion'),
    reasoning: text('reasoning'),
    /** The message as finally sent, when known. */
    inputSent: text('input_sent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('autocomplete_feedback_recent_idx').on(t.orchestratorId, t.createdAt.desc()),
    check('autocomplete_feedback_outcome_check', sql`${t.outcome} in ('accepted', 'rejected', 'ignored')`),
  ],
);
