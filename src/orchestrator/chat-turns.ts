/**
 * The orchestrator's own turns: a user message starts one; a newer message interrupts the running
 * one (recorded as interrupted) and runs next. The conversation persists across turns, like the
 * original's resumed session.
 */
import type { ContentBlock } from '@anthropic-ai/sdk/resources/messages';
import { nextUserTurn } from '../agents/conversation.ts';
import type { LoopOutcome } from '../agents/loop.ts';
import { agentTemplates } from '../catalog/index.ts';
import { insertChatMessage, markTurnInterrupted } from '../db/chat.ts';
import { findOrchestrator, type OrchestratorRow, usageTotals } from '../db/orchestrators.ts';
import { insertSystemLog } from '../db/system-logs.ts';
import { chatMessageJson, toolUseData } from '../events/chat-json.ts';
import { usageWithCallsJson } from '../events/usage-json.ts';
import { type AdwControl, adwTools } from '../workflows/adw-tools.ts';
import { workflowTypes } from '../workflows/definitions.ts';
import { type AgentReport, formatAgentReports } from './agent-report.ts';
import type { AgentSupervisor } from './agent-supervisor.ts';
import { managementTools } from './management-tools.ts';
import { launchRun, type RunHandle, type RuntimeContext } from './runs.ts';
import { orchestratorSystemPrompt } from './system-prompt.ts';

const CONVERSATION_ID = 'orchestrator';
const ORCHESTRATOR_MAX_TURNS = 40;

export type SubmitResult =
  | ({ ok: true } & SubmittedMessage)
  | { ok: false; reason: 'not_found' | 'archived' };

export interface SubmittedMessage {
  message_id: string;
  turn_id: string;
  interrupted_turn_id: string | null;
}

export class ChatTurns {
  readonly #ctx: RuntimeContext;
  readonly #agents: AgentSupervisor;
  readonly #workflows: AdwControl;
  /** The running turn, and the promise of its bookkeeping being done (events, history, totals). */
  #current: { handle: RunHandle; settled: Promise<void> } | undefined;
  #historyWrites: Promise<void> = Promise.resolve();
  /** Set while a report turn is being prepared, so two deliveries never start two turns. */
  #delivering = false;

  constructor(ctx: RuntimeContext, agents: AgentSupervisor, workflows: AdwControl) {
    this.#ctx = ctx;
    this.#agents = agents;
    this.#workflows = workflows;
  }

  get running(): boolean {
    return this.#current !== undefined;
  }

  /** Records the message and starts its turn; a missing or archived orchestrator is an answer, not a throw. */
  async submit(text: string): Promise<SubmitResult> {
    const interrupted = await this.interrupt('a new message arrived');
    const db = this.#ctx.db();
    const orchestrator = await findOrchestrator(db, this.#ctx.orchestratorId);
    if (!orchestrator) return { ok: false, reason: 'not_found' };
    if (orchestrator.archivedAt) return { ok: false, reason: 'archived' };
    const turnId = crypto.randomUUID();
    const message = await insertChatMessage(db, {
      orchestratorId: this.#ctx.orchestratorId,
      sender: 'user',
      content: text,
      turnId,
    });
    this.#ctx.emit({
      type: 'chat_message',
      data: { message: chatMessageJson(message) },
    });
    this.#ctx.emit({
      type: 'UserPromptSubmit',
      data: { prompt: text.slice(0, 1_000), prompt_length: text.length, turn_id: turnId },
    });
    // A report turn may have started while this message was being recorded: the message wins.
    if (this.#current) await this.interrupt('a new message arrived');

    this.#appendUserTurn(text, turnId);
    this.#start(turnId, orchestrator);
    return { ok: true, message_id: message.id, turn_id: turnId, interrupted_turn_id: interrupted };
  }

  /** Stops the running turn, if any, and waits for it to settle. Returns its id. */
  async interrupt(reason: string): Promise<string | null> {
    const current = this.#current;
    if (!current) return null;
    current.handle.abort(reason);
    // Wait for the turn's own closing events, so they come before anything the caller does next.
    await current.settled;
    return current.handle.spec.runId;
  }

  /** A turn left in flight by an evicted instance continues from its checkpoint. */
  async resume(): Promise<void> {
    if (this.#current) return;
    const run = this.#ctx.store.runs.all().find((r) => r.kind === 'orchestrator');
    if (!run) return;
    if (!run) {
      await this.deliverAgentReports();
      return;
    }
    const orchestrator = await findOrchestrator(this.#ctx.db(), this.#ctx.orchestratorId);
    if (orchestrator) this.#start(run.id, orchestrator, true);
  }

  /**
   * A command the orchestrator dispatched has ended. The report waits in the object's storage and
   * reaches the orchestrator as its next turn (at once when idle, after the running turn
   * otherwise), so the person hears the outcome without asking.
   */
  receiveAgentReport(promptId: string, report: AgentReport): void {
    this.#ctx.store.agentReports.add(promptId, report);
    void this.deliverAgentReports();
  }

  /** Starts a turn with every waiting report, unless a turn runs (its end delivers them). */
  async deliverAgentReports(): Promise<void> {
    if (this.#current || this.#delivering || this.#ctx.store.agentReports.size === 0) return;
    this.#delivering = true;
    try {
      const orchestrator = await findOrchestrator(this.#ctx.db(), this.#ctx.orchestratorId);
      if (!orchestrator || orchestrator.archivedAt || this.#current) return;
      const reports = this.#ctx.store.agentReports.takeAll();
      if (reports.length === 0) return;
      const turnId = crypto.randomUUID();
      this.#appendUserTurn(formatAgentReports(reports), turnId);
      this.#start(
        turnId,
        orchestrator,
        false,
        reports.map((report) => report.agent),
      );
    } catch (error) {
      console.error(`orchestrator ${this.#ctx.orchestratorId}: delivering agent reports failed`, error);
    } finally {
      this.#delivering = false;
    }
  }

  /** The next user message of the orchestrator's conversation, and the run that answers it. */
  #appendUserTurn(text: string, turnId: string): void {
    const conversation = this.#ctx.store.conversations.open(CONVERSATION_ID);
    const turn = nextUserTurn(conversation.messages(), text, (id) => {
      const entry = conversation.lookup(id);
      return entry?.state === 'finished' ? entry.result : undefined;
    });
    if (turn.replaceLast) this.#ctx.store.conversations.replaceLast(CONVERSATION_ID, turn.replaceLast);
    for (const next of turn.append) conversation.append(next);
    this.#ctx.store.runs.add({
      id: turnId,
      kind: 'orchestrator',
      conversation_id: CONVERSATION_ID,
      agent_id: null,
      prompt_id: null,
      started_at: Date.now(),
    });
  }

  /** Synchronous up to `#current` being set, so nothing can start a second turn in between. */
  #start(turnId: string, orchestrator: OrchestratorRow, resumed = false, reportsFrom?: string[]): void {
    const templates = agentTemplates().map((t) => ({ name: t.name, description: t.description }));
    const handle = launchRun(this.#ctx, {
      runId: turnId,
      kind: 'orchestrator',
      conversationId: CONVERSATION_ID,
      agentId: null,
      promptId: null,
      model: orchestrator?.model ?? 'opus',
      system: orchestratorSystemPrompt(
        { templates, workflowTypes: workflowTypes() },
        orchestrator?.systemPrompt,
      ),
      tools: [...managementTools(this.#agents), ...adwTools(this.#workflows)],
      maxTurns: ORCHESTRATOR_MAX_TURNS,
      callerId: this.#ctx.orchestratorId,
      budgets: { orchestratorUsd: orchestrator?.budgetUsd ?? null, agentUsd: null },
      // History rows are written in order but off the stream's path; the turn's end waits for them.
      onBlock: async (block) => {
        this.#historyWrites = this.#historyWrites
          .then(() => this.#record(turnId, block))
          .catch((error: unknown) =>
            console.error(`orchestrator ${this.#ctx.orchestratorId}: chat history write failed`, error),
          );
      },
    });
    this.#ctx.emit({ type: 'chat_typing', data: { is_typing: true, turn_id: turnId } });
    this.#ctx.emit({
      type: 'turn_started',
      data: { turn_id: turnId, resumed, ...(reportsFrom ? { agent_reports: reportsFrom } : {}) },
    });
    const current = { handle, settled: handle.done.then((outcome) => this.#finish(turnId, outcome)) };
    this.#current = current;
    void current.settled.finally(() => {
      if (this.#current !== current) return;
      this.#current = undefined;
      void this.deliverAgentReports();
    });
  }

  /** Chat history keeps the orchestrator's text, thinking and tool calls, so a reload shows them all. */
  async #record(turnId: string, block: ContentBlock): Promise<void> {
    const base = { orchestratorId: this.#ctx.orchestratorId, sender: 'orchestrator' as const, turnId };
    const db = this.#ctx.db();
    if (block.type === 'text') await insertChatMessage(db, { ...base, kind: 'text', content: block.text });
    else if (block.type === 'thinking')
      await insertChatMessage(db, { ...base, kind: 'thinking', content: block.thinking });
    else if (block.type === 'tool_use') {
      await insertChatMessage(db, {
        ...base,
        kind: 'tool_use',
        content: block.name,
        data: toolUseData(block),
      });
    }
  }

  async #finish(turnId: string, outcome: LoopOutcome): Promise<void> {
    const db = this.#ctx.db();
    await this.#historyWrites;
    try {
      this.#ctx.emit({ type: 'chat_typing', data: { is_typing: false, turn_id: turnId } });
      const type =
        outcome.status === 'interrupted'
          ? 'turn_interrupted'
          : outcome.status === 'completed'
            ? 'turn_completed'
            : 'turn_failed';
      this.#ctx.emit({
        type,
        data: {
          turn_id: turnId,
          status: outcome.status,
          turns: outcome.turns,
          stop_reason: outcome.stopReason,
          ...(outcome.error ? { error: outcome.error } : {}),
        },
      });
      if (outcome.status === 'interrupted') {
        await markTurnInterrupted(db, turnId);
        await this.#log('warning', 'The running turn was interrupted.', { turn_id: turnId });
      } else if (outcome.status !== 'completed') {
        await this.#log(
          'error',
          `The turn ended early: ${outcome.status}${outcome.error ? ` (${outcome.error})` : ''}.`,
          { turn_id: turnId },
        );
      }
      const usage = await usageTotals(db, this.#ctx.orchestratorId);
      this.#ctx.emit({
        type: 'orchestrator_updated',
        data: { usage: usageWithCallsJson(usage) },
      });
    } catch (error) {
      console.error(`orchestrator ${this.#ctx.orchestratorId}: finishing turn ${turnId} failed`, error);
    } finally {
      this.#ctx.store.runs.remove(turnId);
    }
  }

  async #log(level: 'warning' | 'error', message: string, details: Record<string, unknown>): Promise<void> {
    await insertSystemLog(this.#ctx.db(), {
      orchestratorId: this.#ctx.orchestratorId,
      level,
      message,
      details,
    });
    this.#ctx.emit({ type: 'system_log', data: { level, message, ...details } });
  }
}
