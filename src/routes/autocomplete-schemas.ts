/** Request and response schemas of the autocomplete routes (routes/autocomplete.ts), also their OpenAPI entries. */
import { z } from '@hono/zod-openapi';
import { MAX_COMPLETION_CHARS } from '../autocomplete/schema.ts';
import { freeText, lineText } from '../http/text.ts';

/** The chat message limit (routes/chat.ts): a completion is asked for while typing one. */
const MAX_TEXT_CHARS = 100_000;
const MAX_REASONING_CHARS = 1_000;

export const AutocompleteRequestSchema = z
  .object({
    text: freeText()
      .max(MAX_TEXT_CHARS)
      .openapi({ description: 'The whole input as typed (not trimmed)', example: 'create an agent' }),
    cursor: z.number().int().min(0).optional().openapi({
      description: 'Where to complete, in UTF-16 code units (a JavaScript string index); default the end',
    }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.cursor !== undefined && body.cursor > body.text.length) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: `must be at most ${body.text.length}` });
    }
  })
  .openapi('AutocompleteRequest');

export const AutocompleteResponseSchema = z
  .object({
    completions: z
      .array(
        z.object({
          completion: z.string().openapi({
            description: 'Inserted exactly at the cursor (a leading space starts a new word)',
          }),
          reasoning: z.string(),
        }),
      )
      .openapi({ description: 'Three completions, the likeliest first; none when the model timed out' }),
    model: z.string().openapi({ description: 'The model that answered (`offline` for the built-in one)' }),
    cost_usd: z.number().openapi({ description: 'What the call(s) cost, also stored in the costs' }),
    timed_out: z.boolean().openapi({
      description: 'True when the model did not answer within the deadline (2.5 s): no completions',
    }),
  })
  .openapi('AutocompleteResponse');

export const FeedbackRequestSchema = z
  .object({
    outcome: z.enum(['accepted', 'rejected', 'ignored']).openapi({
      description: 'accepted: taken into the input; rejected: dismissed; ignored: sent without one',
    }),
    input_before: freeText().max(MAX_TEXT_CHARS).openapi({ description: 'The input when it was offered' }),
    completion: lineText()
      .trim()
      .min(1)
      .max(MAX_COMPLETION_CHARS * 2)
      .optional()
      .openapi({ description: 'The completion; required for accepted and rejected' }),
    reasoning: freeText().trim().max(MAX_REASONING_CHARS).optional(),
    input_sent: freeText()
      .max(MAX_TEXT_CHARS)
      .optional()
      .openapi({ description: 'The message as sent (for ignored)' }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.outcome !== 'ignored' && body.completion === undefined) {
      ctx.addIssue({ code: 'custom', path: ['completion'], message: `is required when ${body.outcome}` });
    }
  })
  .openapi('AutocompleteFeedback');
