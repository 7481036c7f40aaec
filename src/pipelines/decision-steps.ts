/**
 * The decision run as five named steps (regime → portfolio → discipline → allocation → guardian) and
 * their execution log. The pure pipeline (src/quant/decision-pipeline.ts) computes all five in one
 * synchronous call and keeps each step's output, so the steps are recorded from that one call: the
 * first step carries the call's duration and the others 0 (in the Workers runtime the clock does not
 * advance during synchronous work anyway). A failure is attributed to the step whose input it names.
 */
import { type DecisionResult, runDecisionPipeline } from '../quant/decision-pipeline.ts';
import { QuantInputError } from '../quant/errors.ts';
import { sampleBars } from '../quant/sample-bars.ts';
import { buildDecisionInput } from './decision-input.ts';
import type { DecisionParams } from './decision-params.ts';

export const DECISION_STEPS = ['regime', 'portfolio', 'discipline', 'allocation', 'guardian'] as const;
export type DecisionStep = (typeof DECISION_STEPS)[number];

export interface StepLogEntry {
  step: string;
  status: 'succeeded' | 'failed' | 'timed_out';
  duration_ms: number;
  error?: string;
}

export type DecisionOutcome =
  | { ok: true; result: DecisionResult; asOf: string; log: StepLogEntry[] }
  | { ok: false; error: string; inputError: boolean; log: StepLogEntry[] };

const STEP_OF_FIELD: ReadonlyArray<[RegExp, DecisionStep]> = [
  [/^(prices|regime|as_of)/, 'regime'],
  [/^(holdings|holdingPrices|cash)/, 'portfolio'],
  [/^(discipline|executionScore|cachedExecutionScore|now|execution_score)/, 'discipline'],
  [/^(allocation|peakEquity|equityHistory)/, 'allocation'],
  [/^guardian/, 'guardian'],
];

function failedStep(error: unknown): DecisionStep {
  if (!(error instanceof QuantInputError)) return 'regime';
  return STEP_OF_FIELD.find(([pattern]) => pattern.test(error.field))?.[1] ?? 'regime';
}

/** Runs the pipeline on the bundled bars; never throws for bad input (the outcome says why). */
export function runDecisionSteps(
  params: DecisionParams,
  now: Date,
  clock: () => number = Date.now,
): DecisionOutcome {
  const started = clock();
  try {
    const { input, asOf } = buildDecisionInput(params, sampleBars(), now);
    const result = runDecisionPipeline(input);
    const duration = Math.max(0, clock() - started);
    const log = DECISION_STEPS.map((step, index) => ({
      step,
      status: 'succeeded' as const,
      duration_ms: index === 0 ? duration : 0,
    }));
    return { ok: true, result, asOf, log };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = failedStep(error);
    const log: StepLogEntry[] = [];
    for (const step of DECISION_STEPS) {
      if (step === failed) {
        log.push({ step, status: 'failed', duration_ms: Math.max(0, clock() - started), error: message });
        break;
      }
      log.push({ step, status: 'succeeded', duration_ms: 0 });
    }
    return { ok: false, error: message, inputError: error instanceof QuantInputError, log };
  }
}
