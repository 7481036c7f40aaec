/**
 * The season plan's parameters: five required (horizon, start and end dates, replenishment, DC
 * holdback) and two optional (the markdown checkpoint week and its sell-through threshold), with the
 * business rules as one zod schema. Failures become a ChainInputError whose per-field messages and
 * suggestions can be shown as they are.
 */
import { z } from 'zod';

export const MIN_WEEKS = 4;
export const MAX_WEEKS = 52;
export const REPLENISHMENT_STRATEGIES = ['none', 'weekly', 'bi-weekly'] as const;
export type ReplenishmentStrategy = (typeof REPLENISHMENT_STRATEGIES)[number];

export type SeasonParameters = {
  forecast_horizon_weeks: number;
  /** YYYY-MM-DD. */
  season_start_date: string;
  /** YYYY-MM-DD, after the start. */
  season_end_date: string;
  replenishment_strategy: ReplenishmentStrategy;
  /** Share of the buy kept at the distribution centre for later replenishment, 0–1. */
  dc_holdback_percentage: number;
  /** The week (1-based, within the horizon) at which sell-through is checked for a markdown. */
  markdown_checkpoint_week?: number;
  /** The sell-through (0–1) below which the checkpoint marks down. */
  markdown_threshold?: number;
};

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((text) => isRealDate(text), 'is not a real date');

export const SeasonParametersSchema: z.ZodType<SeasonParameters> = z
  .object({
    forecast_horizon_weeks: z
      .number({ error: 'must be a whole number of weeks' })
      .int('must be a whole number of weeks')
      .min(MIN_WEEKS, `must be between ${MIN_WEEKS} and ${MAX_WEEKS} weeks`)
      .max(MAX_WEEKS, `must be between ${MIN_WEEKS} and ${MAX_WEEKS} weeks`),
    season_start_date: isoDate,
    season_end_date: isoDate,
    replenishment_strategy: z.enum(REPLENISHMENT_STRATEGIES, {
      error: `must be one of ${REPLENISHMENT_STRATEGIES.join(', ')}`,
    }),
    dc_holdback_percentage: z
      .number({ error: 'must be a fraction between 0 and 1' })
      .min(0, 'must be between 0 and 1 (0.25 for 25%)')
      .max(1, 'must be between 0 and 1 (0.25 for 25%)'),
    markdown_checkpoint_week: z
      .number()
      .int('must be a whole week number')
      .min(1, 'must be 1 or later')
      .optional(),
    markdown_threshold: z
      .number()
      .min(0, 'must be between 0 and 1 (0.6 for 60%)')
      .max(1, 'must be between 0 and 1 (0.6 for 60%)')
      .optional(),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.season_end_date <= value.season_start_date) {
      context.addIssue({
        code: 'custom',
        path: ['season_end_date'],
        message: 'must be after season_start_date',
      });
    }
    const checkpoint = value.markdown_checkpoint_week;
    if (checkpoint !== undefined && checkpoint > value.forecast_horizon_weeks) {
      context.addIssue({
        code: 'custom',
        path: ['markdown_checkpoint_week'],
        message: `must be within the ${value.forecast_horizon_weeks}-week horizon`,
      });
    }
  });

export type ChainInputStatus = 400 | 422 | 503;

/** Why a season plan cannot start: the status to answer, a stable code, and what to try instead. */
export class ChainInputError extends Error {
  override readonly name = 'ChainInputError';
  readonly status: ChainInputStatus;
  readonly code: string;
  readonly suggestions: string[];
  readonly fields?: Record<string, string>;

  constructor(
    status: ChainInputStatus,
    code: string,
    message: string,
    options: { suggestions: string[]; fields?: Record<string, string>; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.status = status;
    this.code = code;
    this.suggestions = options.suggestions;
    if (options.fields) this.fields = options.fields;
  }
}

export const EXAMPLE_SENTENCES = [
  'Plan a 12-week spring season starting 2026-03-02 with weekly replenishment and a 25% DC holdback.',
  'Plan a 26-week season from 2026-08-03 to 2027-01-31, no replenishment, hold back 10%, markdown at week 8 if sell-through is below 60%.',
];

/** Field → what to write instead, for the rules a value most often breaks. */
const FIELD_SUGGESTIONS: Record<string, string> = {
  forecast_horizon_weeks: `weeks must be between ${MIN_WEEKS} and ${MAX_WEEKS}`,
  season_start_date: 'give the start date as YYYY-MM-DD (e.g. 2026-03-02)',
  season_end_date: 'the end date must come after the start date (or leave it out: it follows from the weeks)',
  replenishment_strategy: `replenishment is one of ${REPLENISHMENT_STRATEGIES.join(', ')}`,
  dc_holdback_percentage: 'holdback must be between 0 and 1 (0.25, or "25%" in a sentence)',
  markdown_checkpoint_week: 'the markdown checkpoint must be a week within the horizon',
  markdown_threshold:
    'the markdown threshold is a sell-through between 0 and 1 (0.6, or "60%" in a sentence)',
};

/** The parameters, or a 422 ChainInputError with one message per field and what to change. */
export function validateSeasonParameters(input: unknown): SeasonParameters {
  const parsed = SeasonParametersSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.') || 'parameters';
    fields[field] ??= isMissing(input, issue.path) ? 'is required' : issue.message;
  }
  const names = Object.keys(fields);
  const suggestions = names.map((name) => FIELD_SUGGESTIONS[name] ?? `check ${name}`);
  const summary = names.map((name) => `${name} ${fields[name]}`).join('; ');
  throw new ChainInputError(422, 'invalid_parameters', `The season parameters are invalid: ${summary}.`, {
    suggestions: [...new Set(suggestions)],
    fields,
  });
}

/** Fills what follows from the rest: the end date from start + weeks, or the weeks from the dates. */
export function completeDerivedFields(partial: Record<string, unknown>): Record<string, unknown> {
  const result = { ...partial };
  const start = typeof result.season_start_date === 'string' ? result.season_start_date : undefined;
  const end = typeof result.season_end_date === 'string' ? result.season_end_date : undefined;
  const weeks = typeof result.forecast_horizon_weeks === 'number' ? result.forecast_horizon_weeks : undefined;
  if (start && isRealDate(start) && weeks !== undefined && end === undefined) {
    result.season_end_date = addDays(start, weeks * 7 - 1);
  } else if (start && end && isRealDate(start) && isRealDate(end) && weeks === undefined) {
    result.forecast_horizon_weeks = Math.round((daysBetween(start, end) + 1) / 7);
  }
  return result;
}

export function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A top-level field the input does not have at all (zod 4's issues do not carry the input). */
function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  const [field] = path;
  if (path.length !== 1 || typeof field !== 'string') return false;
  return (
    typeof input !== 'object' || input === null || (input as Record<string, unknown>)[field] === undefined
  );
}

function isRealDate(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}
