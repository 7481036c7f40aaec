/**
 * The analysts' answer shapes: each analyst forces one tool (`tool_choice`), whose input schema is
 * generated from the zod schema the answer is validated against on the way back, so an off-schema
 * answer is caught here (and asked for once more) instead of being stored.
 */
import type { Message, Tool } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import type { AnalystKind } from '../db/schema-pipelines.ts';

const prose = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => text.trim() !== '', 'must not be blank');

export const SentimentAnswer = z.object({
  score: z
    .number()
    .min(-1)
    .max(1)
    .describe('Overall sentiment of the news: -1 very negative, 0 neutral, 1 very positive.'),
  confidence: z.number().min(0).max(1).describe('How much the news supports the score, 0 to 1.'),
  explanation: prose(2_000).describe('Two or three sentences: which headlines drive the score and why.'),
});

export const InsiderAnswer = z.object({
  summary: prose(1_000).describe('One or two sentences on what the insiders did.'),
  signal: z.enum(['bullish', 'bearish', 'neutral']).describe('What the discretionary trades suggest.'),
  confidence: z.number().min(0).max(1).describe('How strong the signal is, 0 to 1.'),
  report: prose(8_000).describe('A short Markdown report: the aggregates, the notable trades, the reading.'),
});

const points = (what: string) => z.array(prose(500)).max(8).describe(what);

export const CoachingAnswer = z.object({
  strengths: points('What the trader does well, grounded in the metrics.'),
  weaknesses: points('What costs the trader money, grounded in the metrics.'),
  rules: z.array(prose(500)).min(1).max(8).describe('Concrete, checkable rules for the next trades.'),
  summary: prose(1_000).describe('Two or three sentences of coaching.'),
});

export type SentimentResult = z.infer<typeof SentimentAnswer>;
export type InsiderResult = z.infer<typeof InsiderAnswer>;
export type CoachingResult = z.infer<typeof CoachingAnswer>;

export interface AnalystTool<T> {
  kind: AnalystKind;
  name: string;
  description: string;
  schema: z.ZodType<T>;
}

export const SENTIMENT_TOOL: AnalystTool<SentimentResult> = {
  kind: 'sentiment_shift',
  name: 'report_sentiment',
  description: 'Report the sentiment of the news about the symbol as a score with a confidence.',
  schema: SentimentAnswer,
};

export const INSIDER_TOOL: AnalystTool<InsiderResult> = {
  kind: 'insider_report',
  name: 'report_insider_activity',
  description: 'Report what the insider transactions suggest, from the aggregates computed for you.',
  schema: InsiderAnswer,
};

export const COACHING_TOOL: AnalystTool<CoachingResult> = {
  kind: 'trade_journal',
  name: 'coach_trade_journal',
  description: 'Coach the trader from the metrics of their journal: strengths, weaknesses, rules.',
  schema: CoachingAnswer,
};

export const ANALYST_TOOL_NAMES: ReadonlySet<string> = new Set([
  SENTIMENT_TOOL.name,
  INSIDER_TOOL.name,
  COACHING_TOOL.name,
]);

/** The Messages API tool of an analyst, its input schema generated from the answer's zod schema. */
export function toolDefinition(tool: AnalystTool<unknown>): Tool {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(tool.schema) as Record<string, unknown>;
  return { name: tool.name, description: tool.description, input_schema: { type: 'object', ...schema } };
}

export type ReadAnswer<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The tool input of a model answer, or why it does not fit the schema. */
export function readToolAnswer<T>(tool: AnalystTool<T>, message: Pick<Message, 'content'>): ReadAnswer<T> {
  const call = message.content.find((block) => block.type === 'tool_use' && block.name === tool.name);
  if (call?.type !== 'tool_use') return { ok: false, problem: `no ${tool.name} call` };
  const parsed = tool.schema.safeParse(call.input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, value: parsed.data };
}
