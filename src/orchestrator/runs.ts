/**
 * Starting one agent loop inside the orchestrator's Durable Object: the orchestrator's own turn or a
 * command agent's command. Wires the loop to the object's checkpoint store, tool ledger, event
 * stream, budgets and cost records, and hands back a handle to await or abort it.
 */
import type { ContentBlock } from '@anthropic-ai/sdk/resources/messages';
import { type LoopOutcome, runAgentLoop } from '../agents/loop.ts';
import { createToolExecutor } from '../agents/tool-executor.ts';
import type { Database } from '../db/client.ts';
import type { EventInput } from '../events/types.ts';
import { createModelClient } from '../model/client.ts';
import { resolveModel } from '../model/models.ts';
import type { ToolDefinition, ToolResult } from '../tools/types.ts';
import { runAccounting } from './run-accounting.ts';
import type { RuntimeStore } from './runtime-store.ts';

export interface RuntimeContext {
  orchestratorId: string;
  env: Env;
  db: () => Database;
  store: RuntimeStore;
  emit: (event: EventInput) => void;
  /** Writes pending events to Postgres, for reads that must see everything emitted so far. */
  flushEvents: () => Promise<void>;
}

export interface RunSpec {
  runId: string;
  kind: 'orchestrator' | 'agent';
  conversationId: string;
  agentId: string | null;
  promptId: string | null;
  model: string;
  system: string;
  tools: ToolDefinition[];
  maxTurns: number;
  /** `metadata.user_id` of its requests: an opaque id that tells one caller's traffic from another's. */
  callerId: string;
  budgets: { orchestratorUsd: number | null; agentUsd: number | null };
  /** Set for a workflow step's run: its events and model calls are tagged with the workflow and step. */
  adw?: { id: string; step: string };
  onBlock?: (block: ContentBlock) => Promise<void>;
  onToolResult?: (name: string, result: ToolResult) => void;
}

export interface RunHandle {
  spec: RunSpec;
  abort(reason: string): void;
  done: Promise<LoopOutcome>;
}

const MAX_TOKENS = 8_192;

export function launchRun(ctx: RuntimeContext, spec: RunSpec): RunHandle {
  const controller = new AbortController();
  const emit = (event: EventInput) =>
    ctx.emit({
      ...event,
      ...(spec.agentId ? { agentId: spec.agentId } : {}),
      ...(spec.promptId ? { promptId: spec.promptId } : {}),
      ...(spec.adw ? { adwId: spec.adw.id, adwStep: spec.adw.step } : {}),
    });
  const { client, provider } = createModelClient(ctx.env);
  const conversation = ctx.store.conversations.open(spec.conversationId);
  const accounting = runAccounting({
    db: ctx.db,
    orchestratorId: ctx.orchestratorId,
    agentId: spec.agentId,
    adwId: spec.adw?.id ?? null,
    purpose: spec.adw ? 'workflow' : spec.kind,
    provider,
    orchestratorBudgetUsd: spec.budgets.orchestratorUsd,
    agentBudgetUsd: spec.budgets.agentUsd,
    emit,
  });
  const executeTools = createToolExecutor({
    tools: spec.tools,
    ledger: conversation,
    context: {
      db: ctx.db(),
      orchestratorId: ctx.orchestratorId,
      agentId: spec.agentId,
      promptId: spec.promptId,
      signal: controller.signal,
      events: { emit },
      costsRecorded: accounting.drain,
    },
    emit,
    ...(spec.onToolResult ? { onResult: spec.onToolResult } : {}),
  });
  const loop = runAgentLoop({
    client,
    model: resolveModel(spec.model),
    system: spec.system,
    tools: spec.tools,
    maxTurns: spec.maxTurns,
    maxTokens: MAX_TOKENS,
    metadataUserId: spec.callerId,
    signal: controller.signal,
    store: conversation,
    emit,
    beforeCall: accounting.beforeCall,
    recordCall: accounting.recordCall,
    executeTools,
    ...(spec.onBlock ? { onBlock: spec.onBlock } : {}),
  });
  // The run is done once its cost rows are stored too, so totals read afterwards include it.
  const done = loop.then(async (outcome) => {
    await accounting.drain();
    return outcome;
  });
  return { spec, abort: (reason) => controller.abort(new Error(reason)), done };
}
