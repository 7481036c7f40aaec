/**
 * Season parameters from a sentence through the Messages API emulator (scope `<orchestrator id>:chain`):
 * one forced `record_season_parameters` call whose answer is validated and priced into `model_calls`
 * (purpose `chain`); text that is not a season plan is a 400 `unparseable`, values that break the
 * rules a 422 with per-field messages, and a failing, late or off-schema model a 503 with suggestions.
 */
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ChainInputError, extractSeasonParameters } from '../src/chains/season-plan/index.ts';
import { modelCalls } from '../src/db/schema.ts';
import { withDatabase } from './helpers/api.ts';
import { type EmulatorStep, modelRequests, scriptModel } from './helpers/emulator.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';

const SENTENCE = 'Plan a 12-week spring season starting March 2 2026 with a 25% holdback, no replenishment';
const scope = (id: string) => `${id}:chain`;
const answer = (input: Record<string, unknown>, extra: Partial<EmulatorStep> = {}): EmulatorStep =>
  ({ tool_uses: [{ name: 'record_season_parameters', input }], ...extra }) as EmulatorStep;

async function failure(promise: Promise<unknown>): Promise<ChainInputError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ChainInputError))
    throw new Error(`expected a ChainInputError, got ${String(error)}`);
  return error;
}

const callsOf = (id: string) =>
  withDatabase((db) => db.select().from(modelCalls).where(eq(modelCalls.orchestratorId, id)));

describe('extractSeasonParameters with a model', () => {
  it('forces the tool, validates the answer, derives the end date and records the call', async () => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [
      answer(
        {
          about_season_planning: true,
          confidence: 0.9,
          forecast_horizon_weeks: 12,
          season_start_date: '2026-03-02',
          replenishment_strategy: 'none',
          dc_holdback_percentage: 0.25,
        },
        { usage: { input_tokens: 1_000, output_tokens: 100 } },
      ),
    ]);
    const result = await extractSeasonParameters(env, SENTENCE, { orchestratorId: id });
    expect(result).toEqual({
      source: 'model',
      confidence: 0.9,
      parameters: {
        forecast_horizon_weeks: 12,
        season_start_date: '2026-03-02',
        season_end_date: '2026-05-24',
        replenishment_strategy: 'none',
        dc_holdback_percentage: 0.25,
      },
    });
    const [request] = await modelRequests(scope(id));
    const sent = request?.body as {
      tool_choice: unknown;
      tools: Array<{ name: string; input_schema: { properties: Record<string, unknown> } }>;
      messages: Array<{ content: string }>;
    };
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'record_season_parameters' });
    expect(Object.keys(sent.tools[0]?.input_schema.properties ?? {})).toEqual(
      expect.arrayContaining(['forecast_horizon_weeks', 'season_start_date', 'dc_holdback_percentage']),
    );
    expect(sent.messages[0]?.content).toBe(SENTENCE);
    const rows = await callsOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ purpose: 'chain', agentId: null, inputTokens: 1_000, outputTokens: 100 });
    // 1,000 input and 100 output tokens of the fast model at $1 and $5 per million.
    expect(rows[0]?.costUsd).toBeCloseTo(0.0015, 6);
  });

  it('400 unparseable for unrelated text (after asking) and for empty text (without asking)', async () => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [answer({ about_season_planning: false, confidence: 0.95 })]);
    const error = await failure(
      extractSeasonParameters(env, 'What is the weather in Paris?', { orchestratorId: id }),
    );
    expect(error).toMatchObject({ status: 400, code: 'unparseable' });
    expect(error.suggestions.some((suggestion) => suggestion.startsWith('Plan a'))).toBe(true);
    expect(await callsOf(id)).toHaveLength(1);

    const empty = await failure(extractSeasonParameters(env, '   ', { orchestratorId: id }));
    expect(empty).toMatchObject({ status: 400, code: 'unparseable' });
    expect(await modelRequests(scope(id))).toHaveLength(1);
  });

  it('422 with per-field messages and suggestions for values that break the rules', async () => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [
      answer({
        about_season_planning: true,
        confidence: 0.8,
        forecast_horizon_weeks: 60,
        season_start_date: '2026-03-02',
        dc_holdback_percentage: 1.5,
      }),
    ]);
    const error = await failure(
      extractSeasonParameters(env, 'A 60-week season, hold back 150%', { orchestratorId: id }),
    );
    expect(error.status).toBe(422);
    expect(error.fields).toEqual({
      forecast_horizon_weeks: 'must be between 4 and 52 weeks',
      dc_holdback_percentage: 'must be between 0 and 1 (0.25 for 25%)',
    });
    expect(error.suggestions).toContain('weeks must be between 4 and 52');
  });

  it('503 with suggestions when the model is overloaded or answers off-schema', async () => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [{ error: { status: 529 } }, { text: 'Twelve weeks, I think.' }]);
    const overloaded = await failure(extractSeasonParameters(env, SENTENCE, { orchestratorId: id }));
    expect(overloaded).toMatchObject({ status: 503, code: 'model_unavailable' });
    expect(overloaded.message).toContain('529');
    expect(overloaded.suggestions).toEqual([
      'Try again in a moment.',
      'Or send the parameters as JSON instead of a sentence.',
    ]);
    const offSchema = await failure(extractSeasonParameters(env, SENTENCE, { orchestratorId: id }));
    expect(offSchema).toMatchObject({ status: 503, code: 'model_unavailable' });
    expect(offSchema.message).toContain('no record_season_parameters call');
  });

  it('503 when the model does not answer before the deadline', async () => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [
      answer({ about_season_planning: true, confidence: 1, forecast_horizon_weeks: 12 }, { delay_ms: 2_000 }),
    ]);
    const late = await failure(
      extractSeasonParameters(env, SENTENCE, { orchestratorId: id, timeoutMs: 100 }),
    );
    expect(late).toMatchObject({ status: 503, code: 'model_unavailable' });
    expect(late.message).toContain('did not answer within 100 ms');
    expect(await callsOf(id)).toEqual([]);
  });
});

describe('extractSeasonParameters without a model', () => {
  it('reads the sentence with the offline grammar, no request made', async () => {
    const result = await extractSeasonParameters(
      { ...env, ANTHROPIC_API_KEY: '', ANTHROPIC_BASE_URL: '' },
      'Plan a 26-week season from 2026-08-03, bi-weekly replenishment, 10% holdback, markdown at week 8',
    );
    expect(result.source).toBe('offline');
    expect(result.parameters).toEqual({
      forecast_horizon_weeks: 26,
      season_start_date: '2026-08-03',
      season_end_date: '2027-01-31',
      replenishment_strategy: 'bi-weekly',
      dc_holdback_percentage: 0.1,
      markdown_checkpoint_week: 8,
    });
  });
});
