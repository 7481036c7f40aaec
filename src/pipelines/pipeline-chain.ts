/**
 * A run's pipeline as a chain of agents on the generic chain runner (src/chains/runner.ts), which
 * gives every step a timeout, its status and duration in the execution log, and progress callbacks
 * (turned into `pipeline_step` events by the caller).
 *
 * Decision: regime → portfolio → discipline → allocation → guardian. The pure pipeline
 * (src/quant/decision-pipeline.ts) computes all five in one synchronous call and keeps each step's
 * output, so the `regime` step makes that call (its duration is the computation's, and an input error
 * fails it) and each later step hands on its own part of the result. Backtest: one `backtest` step
 * that runs and stores it (src/backtests).
 */
import type { ChainAgent, ChainProgress } from '../chains/runner.ts';
import { runChain } from '../chains/runner.ts';
import type { DecisionResult } from '../quant/decision-pipeline.ts';
import { runDecisionPipeline } from '../quant/decision-pipeline.ts';
import { QuantInputError } from '../quant/errors.ts';
import { sampleBars } from '../quant/sample-bars.ts';
import { buildDecisionInput } from './decision-input.ts';
import type { DecisionParams } from './decision-params.ts';

export const DECISION_STEPS = ['regime', 'portfolio', 'discipline', 'allocation', 'guardian'] as const;
/** Generous: every step is CPU-only or one database write. */
const STEP_TIMEOUT_MS = 20_000;

export interface StepLogEntry {
  step: string;
  status: 'succeeded' | 'failed' | 'timed_out';
  duration_ms: number;
  error?: string;
}

export interface StepProgress {
  step: string;
  index: number;
  total: number;
  status: 'running' | 'succeeded' | 'failed';
  duration_ms?: number;
}

export interface PipelineOutcome {
  status: 'succeeded' | 'failed';
  result: Record<string, unknown> | null;
  error: string | null;
  log: StepLogEntry[];
  /** One line for the console's run list. */
  summary?: string;
  /** The caller's input was unusable (a 422 for a direct request). */
  inputError?: QuantInputError;
}

export interface PipelineChain {
  agents: ChainAgent[];
  /** The run's result once every step succeeded. */
  resultOf(results: Record<string, unknown>): { result: Record<string, unknown>; summary: string };
  /** The input error an agent failed with, if any. */
  inputError(): QuantInputError | undefined;
}

/** One line for the console: the regime and what the allocation decided. */
export function decisionSummary(result: DecisionResult): string {
  const decision = result.decision;
  return `${result.regime.label}: ${decision.allow_trade ? 'trade allowed' : 'no trade'}, ${decision.risk_mode} risk, size ×${decision.position_size_multiplier}`;
}

export function decisionChain(params: DecisionParams, now: Date): PipelineChain {
  let inputError: QuantInputError | undefined;
  const computed = (results: Readonly<Record<string, unknown>>) => results.regime as DecisionResult;
  const regime: ChainAgent = {
    name: 'regime',
    kind: 'deterministic',
    timeoutMs: STEP_TIMEOUT_MS,
    run: async () => {
      try {
        return runDecisionPipeline(buildDecisionInput(params, sampleBars(), now).input);
      } catch (error) {
        if (error instanceof QuantInputError) inputError = error;
        throw error;
      }
    },
  };
  const later = DECISION_STEPS.slice(1).map(
    (step): ChainAgent => ({
      name: step,
      kind: 'deterministic',
      timeoutMs: STEP_TIMEOUT_MS,
      run: async (_input, context) => computed(context.results).steps[step],
    }),
  );
  return {
    agents: [regime, ...later],
    resultOf: (results) => {
      const result = computed(results);
      return { result: result as unknown as Record<string, unknown>, summary: decisionSummary(result) };
    },
    inputError: () => inputError,
  };
}

/** Runs a chain; never throws for a step's failure (the outcome says which step and why). */
export async function runPipelineChain(
  chain: PipelineChain,
  onStep: (progress: StepProgress) => Promise<void> = async () => {},
): Promise<PipelineOutcome> {
  const total = chain.agents.length;
  const indexOf = new Map(chain.agents.map((agent, index) => [agent.name, index]));
  const onProgress = async (progress: ChainProgress) => {
    if (progress.type !== 'agent_status' || progress.status === 'retrying') return;
    await onStep({
      step: progress.agent,
      index: indexOf.get(progress.agent) ?? 0,
      total,
      status:
        progress.status === 'running' ? 'running' : progress.status === 'succeeded' ? 'succeeded' : 'failed',
      ...(progress.duration_ms === undefined ? {} : { duration_ms: progress.duration_ms }),
    });
  };
  const outcome = await runChain(chain.agents, undefined, { onProgress, defaultTimeoutMs: STEP_TIMEOUT_MS });
  const log: StepLogEntry[] = outcome.log.map((entry) => ({
    step: entry.agent,
    status: entry.status,
    duration_ms: entry.duration_ms,
    ...(entry.error === undefined ? {} : { error: entry.error }),
  }));
  if (outcome.status === 'failed') {
    const inputError = chain.inputError();
    return {
      status: 'failed',
      result: null,
      error: outcome.error ? `${outcome.error.agent}: ${outcome.error.message}` : 'the pipeline failed',
      log,
      ...(inputError ? { inputError } : {}),
    };
  }
  const { result, summary } = chain.resultOf(outcome.results);
  return { status: 'succeeded', result, error: null, log, summary };
}
