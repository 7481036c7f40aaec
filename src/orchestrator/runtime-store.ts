/**
 * The parts of the orchestrator Durable Object's own storage that runs, command queues and workflow
 * steps use. The object's SQLite store implements it; declaring it here keeps the runtime free of
 * imports from the Durable Object layer above it.
 */
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { ConversationStore } from '../agents/loop.ts';
import type { ToolLedger } from '../agents/tool-executor.ts';
import type { AdwStepPhase, AdwStepRecord, StepResult } from '../workflows/step-record.ts';
import type { AgentReport } from './agent-report.ts';

/** A run in flight, so a restarted object knows what to resume. */
export interface RunRecord {
  id: string;
  kind: 'orchestrator' | 'agent' | 'adw';
  conversation_id: string;
  agent_id: string | null;
  prompt_id: string | null;
  started_at: number;
}

export interface RuntimeStore {
  conversations: {
    open(conversationId: string): ConversationStore & ToolLedger;
    replaceLast(conversationId: string, message: MessageParam): void;
    clear(conversationId: string): void;
  };
  runs: {
    add(run: RunRecord): void;
    remove(id: string): void;
    all(): RunRecord[];
  };
  adwSteps: {
    take(adwId: string, stepIndex: number): boolean;
    get(adwId: string, stepIndex: number): AdwStepRecord | undefined;
    update(adwId: string, stepIndex: number, change: { phase?: AdwStepPhase; nudges?: number }): void;
    finish(adwId: string, stepIndex: number, result: StepResult): void;
    remove(adwId: string, stepIndex: number): void;
    all(): AdwStepRecord[];
  };
  agentReports: {
    add(promptId: string, report: AgentReport): void;
    readonly size: number;
    takeAll(): AgentReport[];
  };
}
