/**
 * The answer's shape: the model must call `suggest_completions` (forced with `tool_choice`), whose
 * input schema is generated from `CompletionsAnswer`; the input is validated against the same schema
 * on the way back, so a malformed answer is caught here instead of reaching the console.
 */
import type { Message, Tool } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';

export const AUTOCOMPLETE_TOOL_NAME = 'suggest_completions';
export const COMPLETION_COUNT = 3;
export const MIN_WORDS = 2;
export const MAX_WORDS = 6;
/** Room for six long words; anything longer is not a completion of a chat input. */
export const MAX_COMPLETION_CHARS = 80;
export const MAX_REASONING_CHARS = 200;

export const CompletionSchema = z.object({
  completion: z
    .string()
    .max(MAX_COMPLETION_CHARS)
    .refine((text) => text.trim() !== '', 'must not be blank')
    .refine((text) => !/[\r\n]/.test(text), 'must be one line')
    .describe(
      `${MIN_WORDS} to ${MAX_WORDS} words inserted exactly at the cursor: start with a space when they begin a ` +
        'new word after a word; no leading space when they finish the word being typed.',
    ),
  reasoning: z
    .string()
    .max(MAX_REASONING_CHARS)
    .refine((text) => text.trim() !== '', 'must not be blank')
    .describe('Why this completion fits, in a few words.'),
});

export const CompletionsAnswer = z.object({
  completions: z
    .array(CompletionSchema)
    // Three are asked for; fewer is still an answer (the offline model runs out when the person has
    // rejected most of what it knows), more is not what was asked.
    .min(1)
    .max(COMPLETION_COUNT)
    .describe(`${COMPLETION_COUNT} different completions, the likeliest first.`),
});

export type Completion = z.infer<typeof CompletionSchema>;

let tool: Tool | undefined;

/** The tool the model must call, its input schema generated from `CompletionsAnswer` (once per isolate). */
export function suggestCompletionsTool(): Tool {
  if (!tool) {
    const { $schema: _ignored, ...schema } = z.toJSONSchema(CompletionsAnswer) as Record<string, unknown>;
    tool = {
      name: AUTOCOMPLETE_TOOL_NAME,
      description: `Offer ${COMPLETION_COUNT} completions of the text at the cursor, each with a short reason.`,
      input_schema: { type: 'object', ...schema },
    };
  }
  return tool;
}

export type ReadAnswer = { ok: true; completions: Completion[] } | { ok: false; problem: string };

/** The completions of a model answer, or why the answer does not fit the schema. */
export function readCompletions(message: Pick<Message, 'content'>): ReadAnswer {
  const call = message.content.find(
    (block) => block.type === 'tool_use' && block.name === AUTOCOMPLETE_TOOL_NAME,
  );
  if (call?.type !== 'tool_use') return { ok: false, problem: `no ${AUTOCOMPLETE_TOOL_NAME} call` };
  const parsed = CompletionsAnswer.safeParse(call.input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}` };
  }
  const completions = parsed.data.completions.map((item) => ({
    completion: item.completion,
    reasoning: item.reasoning.trim(),
  }));
  const distinct = new Set(completions.map((item) => item.completion.trim().toLowerCase()));
  if (distinct.size < completions.length) return { ok: false, problem: 'completions: repeated' };
  return { ok: true, completions };
}
