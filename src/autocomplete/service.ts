/**
 * One autocomplete request end to end: refuse when the orchestrator's budget is spent, gather the
 * context (live agents, catalog, workflow types, file names, recent feedback), ask the fast model,
 * and store every answered call as a `model_calls` row with purpose `autocomplete`, so completions
 * count in the costs view and the budget like any other call.
 */
import { describeFailure } from '../agents/retry.ts';
import { catalogSummary } from '../catalog/index.ts';
import { liveAgents } from '../db/agents.ts';
import { recentFeedback } from '../db/autocomplete.ts';
import type { Database } from '../db/client.ts';
import { spentUsd } from '../db/model-calls.ts';
import type { OrchestratorRow } from '../db/orchestrators.ts';
import { ConflictError, ServiceUnavailableError } from '../http/errors.ts';
import type { MessagesClient } from '../model/client.ts';
import { OFFLINE_MODEL_ID } from '../model/models.ts';
import type { ModelProvider } from '../model/provider.ts';
import { type RecordedCall, recordStandaloneCall } from '../model/record-call.ts';
import { workflowTypes } from '../workflows/definitions.ts';
import { listFiles } from '../workspace/store.ts';
import { type AnsweredCall, AUTOCOMPLETE_MODEL, askForCompletions } from './ask.ts';
import { LEARNING_ROWS } from './learning.ts';
import { type AutocompleteContext, autocompletePrompt, MAX_FILES, normalizeCompletion } from './prompt.ts';
import { AUTOCOMPLETE_TOOL_NAME, type Completion } from './schema.ts';

export interface AutocompleteResult {
  completions: Completion[];
  model: string;
  costUsd: number;
  timedOut: boolean;
}

export interface AutocompleteDeps {
  db: Database;
  client: MessagesClient;
  provider: ModelProvider;
  timeoutMs?: number;
}

/**
 * `findOrchestrator` is the caller's lookup (it throws 404/409); it runs alongside the budget and
 * context queries, one round trip instead of three, since every keystroke pause pays for them.
 */
export async function autocomplete(
  deps: AutocompleteDeps,
  orchestratorId: string,
  findOrchestrator: () => Promise<OrchestratorRow>,
  input: { text: string; cursor: number },
): Promise<AutocompleteResult> {
  const { db } = deps;
  const [orchestrator, spent, context] = await Promise.all([
    findOrchestrator(),
    spentUsd(db, orchestratorId),
    loadContext(db, orchestratorId, input),
  ]);
  refuseWhenBudgetSpent(orchestrator, spent);
  const outcome = await askForCompletions(deps.client, autocompletePrompt(context), {
    callerId: `${orchestrator.id}:autocomplete`,
    ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
  }).catch((error: unknown) => {
    // Overloaded, rate limited, unreachable: completions are a nicety, so no retry; the next pause asks again.
    const failure = describeFailure(error);
    const why = failure.transport ? 'could not be reached' : `answered ${failure.status}`;
    throw new ServiceUnavailableError(`The model ${why}; no completions this time.`);
  });
  const recorded = await Promise.all(
    outcome.calls.map((call) => recordCall(db, orchestrator.id, deps.provider, call)),
  );
  const costUsd = recorded.reduce((sum, call) => sum + call.costUsd, 0);
  const model =
    recorded.at(-1)?.model ?? (deps.provider.provider === 'offline' ? OFFLINE_MODEL_ID : AUTOCOMPLETE_MODEL);
  if (outcome.kind === 'invalid') {
    throw new ServiceUnavailableError(
      `The model's completions did not fit the ${AUTOCOMPLETE_TOOL_NAME} schema twice (${outcome.problem}); try again.`,
    );
  }
  if (outcome.kind === 'timed_out') return { completions: [], model, costUsd, timedOut: true };
  const before = input.text.slice(0, input.cursor);
  const completions = outcome.completions.map((item) => ({
    completion: normalizeCompletion(before, item.completion),
    reasoning: item.reasoning,
  }));
  return { completions, model, costUsd, timedOut: false };
}

function refuseWhenBudgetSpent(orchestrator: OrchestratorRow, spent: number): void {
  const budget = orchestrator.budgetUsd;
  if (budget !== null && spent >= budget) {
    throw new ConflictError(
      `The orchestrator budget of $${budget.toFixed(2)} is spent ($${spent.toFixed(4)}); no completions are asked for.`,
      { budget_usd: budget, spent_usd: spent },
    );
  }
}

async function loadContext(
  db: Database,
  orchestratorId: string,
  input: { text: string; cursor: number },
): Promise<AutocompleteContext> {
  const [agents, files, feedback] = await Promise.all([
    liveAgents(db, orchestratorId),
    listFiles(db, orchestratorId, { limit: MAX_FILES }),
    recentFeedback(db, orchestratorId, LEARNING_ROWS),
  ]);
  const catalog = catalogSummary();
  return {
    text: input.text,
    cursor: input.cursor,
    // A workflow's step agents come and go on their own; the person addresses their own agents.
    agents: agents
      .filter((agent) => !agent.adwId)
      .map((agent) => ({ name: agent.name, status: agent.status, template: agent.template })),
    slashCommands: catalog.slashCommands,
    agentTemplates: catalog.agentTemplates,
    workflowTypes: workflowTypes(),
    files: files.map((file) => file.path),
    feedback,
  };
}

function recordCall(
  db: Database,
  orchestratorId: string,
  provider: ModelProvider,
  { message, durationMs }: AnsweredCall,
): Promise<RecordedCall> {
  const offline = provider.provider === 'offline';
  return recordStandaloneCall(db, { orchestratorId, purpose: 'autocomplete', message, durationMs, offline });
}
