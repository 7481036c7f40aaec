/**
 * One analyst consultation end to end: refuse when the orchestrator's budget is spent, ask the model
 * through the analyst's tool, and store every answered call as a `model_calls` row with purpose
 * `analyst` (priced, so it counts in the costs view and the budget), valid or not, before mapping a
 * failure: a model error is a 503, an answer off-schema twice a 502.
 */
import { describeFailure } from '../agents/retry.ts';
import type { Database } from '../db/client.ts';
import { spentUsd } from '../db/model-calls.ts';
import type { OrchestratorRow } from '../db/orchestrators.ts';
import { AppError, ConflictError, ServiceUnavailableError } from '../http/errors.ts';
import type { MessagesClient } from '../model/client.ts';
import { OFFLINE_MODEL_ID } from '../model/models.ts';
import type { ModelProvider } from '../model/provider.ts';
import { type RecordedCall, recordStandaloneCall } from '../model/record-call.ts';
import { ANALYST_MODEL, AnalystCallError, type AnsweredCall, askAnalyst } from './ask.ts';
import type { AnalystTool } from './tools.ts';

export interface AnalystDeps {
  db: Database;
  client: MessagesClient;
  provider: ModelProvider;
}

export interface Consultation<T> {
  value: T;
  model: string;
  costUsd: number;
}

/** The model answered, but not through the tool's schema, twice. */
export class AnalystAnswerError extends AppError {
  override readonly name = 'AnalystAnswerError';
  constructor(message: string) {
    super(502, 'service_unavailable', message);
  }
}

export async function consult<T>(
  deps: AnalystDeps,
  orchestrator: OrchestratorRow,
  tool: AnalystTool<T>,
  prompt: string,
): Promise<Consultation<T>> {
  refuseWhenBudgetSpent(orchestrator, await spentUsd(deps.db, orchestrator.id));
  const callerId = `${orchestrator.id}:analyst`;
  let outcome: Awaited<ReturnType<typeof askAnalyst<T>>>;
  try {
    outcome = await askAnalyst(deps.client, tool, prompt, callerId);
  } catch (error) {
    if (!(error instanceof AnalystCallError)) throw error;
    await recordCalls(deps, orchestrator.id, error.calls);
    const failure = describeFailure(error.cause);
    const why = failure.transport ? 'could not be reached' : `answered ${failure.status}`;
    throw new ServiceUnavailableError(
      `The model ${why}; the ${tool.kind} analysis was not made. Try again later.`,
    );
  }
  const recorded = await recordCalls(deps, orchestrator.id, outcome.calls);
  if (outcome.kind === 'invalid') {
    throw new AnalystAnswerError(
      `The model's answer did not fit the ${tool.name} schema twice (${outcome.problem}); nothing was stored.`,
    );
  }
  const model =
    recorded.at(-1)?.model ?? (deps.provider.provider === 'offline' ? OFFLINE_MODEL_ID : ANALYST_MODEL);
  const costUsd = recorded.reduce((sum, call) => sum + call.costUsd, 0);
  return { value: outcome.value, model, costUsd };
}

function refuseWhenBudgetSpent(orchestrator: OrchestratorRow, spent: number): void {
  const budget = orchestrator.budgetUsd;
  if (budget !== null && spent >= budget) {
    throw new ConflictError(
      `The orchestrator budget of $${budget.toFixed(2)} is spent ($${spent.toFixed(4)}); no analysis is asked for.`,
      { budget_usd: budget, spent_usd: spent },
    );
  }
}

function recordCalls(
  deps: AnalystDeps,
  orchestratorId: string,
  calls: readonly AnsweredCall[],
): Promise<RecordedCall[]> {
  const offline = deps.provider.provider === 'offline';
  return Promise.all(
    calls.map(({ message, durationMs }) =>
      recordStandaloneCall(deps.db, { orchestratorId, purpose: 'analyst', message, durationMs, offline }),
    ),
  );
}
