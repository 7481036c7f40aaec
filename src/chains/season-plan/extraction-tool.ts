/**
 * The model's side of parameter extraction as pure functions: the `record_season_parameters` tool
 * (forced with `tool_choice`, its input schema generated from zod), the system prompt, reading the
 * tool call back, and turning what was found (by the model or the offline grammar) into validated
 * parameters: defaults for what a sentence usually leaves out, derived dates, the business rules.
 */
import type { Message, Tool } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import {
  ChainInputError,
  completeDerivedFields,
  EXAMPLE_SENTENCES,
  MAX_WEEKS,
  MIN_WEEKS,
  REPLENISHMENT_STRATEGIES,
  type SeasonParameters,
  validateSeasonParameters,
} from './parameters.ts';

export const EXTRACTION_TOOL_NAME = 'record_season_parameters';

/**
 * What the model fills in. Every parameter is optional here (the model leaves out what the text does
 * not say, instead of inventing it); the rules are checked afterwards so their messages reach the person.
 */
const ExtractionAnswer = z.object({
  about_season_planning: z
    .boolean()
    .describe(
      'false when the text is not a request to plan a retail season (then leave every parameter out).',
    ),
  confidence: z.number().min(0).max(1).describe('How sure you are of the values, 0–1.'),
  forecast_horizon_weeks: z
    .number()
    .int()
    .optional()
    .describe(
      `Length of the season in weeks (the business allows ${MIN_WEEKS}–${MAX_WEEKS}; report what the text says).`,
    ),
  season_start_date: z.string().optional().describe('First day of the season, YYYY-MM-DD.'),
  season_end_date: z.string().optional().describe('Last day of the season, YYYY-MM-DD, only when stated.'),
  replenishment_strategy: z.enum(REPLENISHMENT_STRATEGIES).optional(),
  dc_holdback_percentage: z
    .number()
    .optional()
    .describe('Share of the buy held back at the distribution centre as a fraction (25% → 0.25).'),
  markdown_checkpoint_week: z
    .number()
    .int()
    .optional()
    .describe('Week number at which a markdown is considered.'),
  markdown_threshold: z
    .number()
    .optional()
    .describe('Sell-through fraction below which to mark down (60% → 0.6).'),
});

let tool: Tool | undefined;

export function extractionTool(): Tool {
  if (!tool) {
    const { $schema: _ignored, ...schema } = z.toJSONSchema(ExtractionAnswer) as Record<string, unknown>;
    tool = {
      name: EXTRACTION_TOOL_NAME,
      description: 'Record the season-planning parameters stated in the text.',
      input_schema: { type: 'object', ...schema },
    };
  }
  return tool;
}

export function extractionSystemPrompt(today: string): string {
  return [
    "You read a retail merchandise planner's description of a selling season and record its parameters.",
    `Today is ${today}; a date without a year is its next occurrence on or after today.`,
    'Percentages become fractions (25% → 0.25). Leave out anything the text does not state; never guess.',
    'If the text is not about planning a retail season, set about_season_planning to false.',
    `Answer only by calling ${EXTRACTION_TOOL_NAME} once.`,
    `Example: "${EXAMPLE_SENTENCES[1]}"`,
  ].join(' ');
}

export type ReadExtraction =
  | { ok: true; aboutSeasonPlanning: boolean; confidence: number; found: Record<string, unknown> }
  | { ok: false; problem: string };

/** The tool call's parameters, or why the answer does not fit the tool's schema. */
export function readExtraction(message: Pick<Message, 'content'>): ReadExtraction {
  const call = message.content.find(
    (block) => block.type === 'tool_use' && block.name === EXTRACTION_TOOL_NAME,
  );
  if (call?.type !== 'tool_use') return { ok: false, problem: `no ${EXTRACTION_TOOL_NAME} call` };
  const parsed = ExtractionAnswer.safeParse(call.input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}` };
  }
  const { about_season_planning, confidence, ...found } = parsed.data;
  return { ok: true, aboutSeasonPlanning: about_season_planning, confidence, found };
}

/** What a sentence may leave out: restocked weekly, nothing held back at the DC. */
export const DEFAULTS = { replenishment_strategy: 'weekly', dc_holdback_percentage: 0 } as const;

/**
 * Validated parameters from what was found. Nothing found at all is a 400 `unparseable` (the text
 * is not a season plan); found but breaking a rule or missing the horizon or start is a 422.
 */
export function parametersFrom(found: Record<string, unknown>): SeasonParameters {
  const stated = Object.fromEntries(
    Object.entries(found).filter(([, value]) => value !== undefined && value !== null),
  );
  const planning = ['forecast_horizon_weeks', 'season_start_date', 'season_end_date'];
  if (!planning.some((field) => field in stated)) throw unparseable();
  return validateSeasonParameters(completeDerivedFields({ ...DEFAULTS, ...stated }));
}

export function unparseable(): ChainInputError {
  return new ChainInputError(
    400,
    'unparseable',
    'No season plan found in the text: say how many weeks and when the season starts.',
    { suggestions: [...EXAMPLE_SENTENCES, 'Or send the parameters as JSON instead of a sentence.'] },
  );
}
