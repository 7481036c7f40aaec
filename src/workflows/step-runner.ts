/**
 * Workflow steps inside the orchestrator's Durable Object: the queue consumer hands a step over by RPC
 * (`accept`), and this object claims it, runs its agent with the existing run machinery (checkpoints,
 * tool ledger, alarm heartbeat) and, when it ends, records StepEnd and enqueues the next step.
 *
 * Why here and not in the consumer: a step's agent loop can run for many minutes, longer than one
 * queue invocation may; a Durable Object run is checkpointed and resumed by the alarm after a reset.
 *
 * Crash safety: a step is written to this object's SQLite (`adw_steps`, phase `claiming`) before its
 * compare-and-set claim in Postgres, and stays there until its successor is enqueued. The alarm drives
 * every recorded step forward from its phase, so no step is ever claimed without an owner, and a reset
 * between the claim, the run, StepEnd and the next enqueue resumes where it stopped. A redelivered
 * message finds the step recorded (or no longer pending) and does nothing.
 */
import { nextUserTurn } from '../agents/conversation.ts';
import type { LoopOutcome } from '../agents/loop.ts';
import { expandSlashCommand } from '../catalog/index.ts';
import {
  type AdwRow,
  type AdwStepRow,
  cancelAdw,
  claimStep,
  endStep,
  failAdw,
  findAdw,
  findStep,
  finishAdw,
  insertAdw,
  markStepStarted,
  refreshProgress,
  setStepAgent,
  skipStep,
  stepsOf,
} from '../db/adws.ts';
import { findLiveAgent, insertAgent, setAgentStatus } from '../db/agents.ts';
import { findOrchestrator } from '../db/orchestrators.ts';
import type { AdwStepRecord } from '../durable-objects/hub-store.ts';
import type { EventInput } from '../events/types.ts';
import { FileActivity } from '../orchestrator/agent-supervisor.ts';
import { launchRun, type RunHandle, type RuntimeContext } from '../orchestrator/runs.ts';
import { fileTools } from '../tools/file-tools.ts';
import { ToolError } from '../tools/types.ts';
import { adwStatusJson, durationMs } from './adw-json.ts';
import type { AdwControl } from './adw-tools.ts';
import { adwJsonOf } from './adw-view.ts';
import { checkAdw } from './check.ts';
import {
  findWorkflow,
  type StepDefinition,
  WORKFLOW_TYPE_NAMES,
  type WorkflowDefinition,
} from './definitions.ts';
import { ADW_STEP, type AdwStepMessage } from './message.ts';
import {
  afterStep,
  MAX_NUDGES,
  missingSubmitError,
  nudgeText,
  type StepOutputs,
  stepAgentName,
  stepCommand,
  stepSystemPrompt,
  stepTimestamp,
} from './progress.ts';
import { submitTool } from './submit-tools.ts';

const STEP_MAX_TURNS = 100;
const WORKFLOW = '_workflow';

export interface WorkflowDeps {
  ctx: RuntimeContext;
  send: (message: AdwStepMessage) => Promise<void>;
  /** Asks for the alarm, so a step whose Postgres work failed is driven again later. */
  retryLater: () => void;
}

export type AcceptResult = 'started' | 'already_owned' | 'not_claimable';

export interface StartInput {
  name: string;
  workflowType: string;
  prompt: string;
  description?: string | undefined;
}

export class WorkflowRunner implements AdwControl {
  readonly #deps: WorkflowDeps;
  readonly #running = new Map<string, { handle: RunHandle; adwId: string }>();
  /** Steps being driven right now, so the alarm and a delivery never drive one twice at once. */
  readonly #driving = new Set<string>();
  readonly #queueMs = new Map<string, number>();
  /**
   * Workflows cancelled while this instance lives: a launch that was already past its database checks
   * (a reminder's relaunch, a claim in flight) looks here right before it starts the run, so a cancelled
   * step never starts (or restarts) its agent.
   */
  readonly #cancelled = new Set<string>();

  constructor(deps: WorkflowDeps) {
    this.#deps = deps;
  }

  get activeRuns(): number {
    return this.#running.size + this.#driving.size;
  }

  get #ctx(): RuntimeContext {
    return this.#deps.ctx;
  }

  /** Creates a workflow and enqueues its first step; `adw_created` carries the GET /api/adws/:id object. */
  async start(input: StartInput) {
    const definition = findWorkflow(input.workflowType);
    if (!definition) {
      throw new ToolError(
        `Unknown workflow type "${input.workflowType}". Valid types: ${WORKFLOW_TYPE_NAMES.join(', ')}.`,
      );
    }
    const db = this.#ctx.db();
    const row = await insertAdw(db, {
      orchestratorId: this.#ctx.orchestratorId,
      name: input.name,
      workflowType: definition.type,
      description: input.description,
      input: { prompt: input.prompt },
      steps: definition.steps.map((step) => step.name),
    });
    const adw = await adwJsonOf(db, row);
    this.#emit(row.id, WORKFLOW, 'adw_created', { adw });
    this.#log(
      row.id,
      WORKFLOW,
      'info',
      `Workflow ${row.name} (${definition.type}) created with ${definition.steps.length} steps.`,
    );
    await this.#enqueue(row.id, 0);
    return adw;
  }

  async check(adw: string, tail: number, stepDetails: boolean): Promise<string> {
    await this.#ctx.flushEvents();
    return checkAdw(this.#ctx.db(), this.#ctx.orchestratorId, adw, { tail, stepDetails });
  }

  /** Called by the queue consumer: takes the step on and claims it; the run continues in the background. */
  async accept(adwId: string, stepIndex: number, enqueuedAt?: number): Promise<AcceptResult> {
    const fresh = this.#ctx.store.adwSteps.take(adwId, stepIndex);
    // How long the message spent in the queue (both clocks are the platform's): StepStart reports it.
    if (fresh && enqueuedAt !== undefined)
      this.#queueMs.set(key(adwId, stepIndex), Math.max(0, Date.now() - enqueuedAt));
    try {
      // A step already recorded is driven too: a redelivery after a failed claim (or a reset) moves it
      // on at once instead of waiting for the alarm; one in flight here is left alone by #drive.
      const result = await this.#drive(adwId, stepIndex);
      return fresh ? result : 'already_owned';
    } catch (error) {
      this.#deps.retryLater();
      throw error;
    }
  }

  /** Steps left in flight by an evicted instance (or whose Postgres work failed): drive each again. */
  async resume(): Promise<void> {
    for (const record of this.#ctx.store.adwSteps.all()) {
      if (this.#running.has(key(record.adw_id, record.step_index))) continue;
      await this.#drive(record.adw_id, record.step_index).catch((error: unknown) => {
        console.error(`orchestrator ${this.#ctx.orchestratorId}: workflow step resume failed`, error);
        this.#deps.retryLater();
      });
    }
  }

  /** Cancels a workflow; undefined when there is no such workflow of this orchestrator. */
  async cancel(adwId: string): Promise<{ ok: true } | { ok: false; status: string } | undefined> {
    const db = this.#ctx.db();
    const existing = await findAdw(db, adwId);
    if (!existing || existing.orchestratorId !== this.#ctx.orchestratorId) return undefined;
    const result = await cancelAdw(db, adwId);
    if (!result)
      return existing.status === 'cancelled' ? { ok: true } : { ok: false, status: existing.status };
    this.#cancelled.add(adwId);
    for (const step of result.steps) {
      const id = key(adwId, step.stepIndex);
      this.#running.get(id)?.handle.abort('workflow cancelled');
      if (step.agentId) {
        // As an interrupted command agent: back to idle, whether its run is here, ended or lost in a reset.
        await setAgentStatus(db, step.agentId, 'idle');
        this.#emit(
          adwId,
          step.step,
          'agent_status_changed',
          { old_status: 'executing', new_status: 'idle' },
          step.agentId,
        );
      }
      this.#emitCancelled(adwId, step);
      // A step this instance does not run now (reset, or between phases) is forgotten here; one that
      // runs cleans up when its interrupted run ends.
      if (!this.#running.has(id)) this.#forget(adwId, step.stepIndex);
    }
    this.#emit(adwId, WORKFLOW, 'adw_status', adwStatusJson(result.adw));
    this.#log(adwId, WORKFLOW, 'warning', 'Workflow cancelled.');
    return { ok: true };
  }

  /** StepEnd `cancelled`; a step that never started has no agent and no duration (as a skipped one). */
  #emitCancelled(adwId: string, step: AdwStepRow): void {
    this.#emit(adwId, step.step, 'adw_step_change', {
      adw_id: adwId,
      step: step.step,
      step_index: step.stepIndex,
      change: 'StepEnd',
      status: 'cancelled',
      ...(step.agentId ? { agent_id: step.agentId, agent_name: stepAgentName(step.step, adwId) } : {}),
      ...(step.startedAt ? { duration_ms: durationMs(step.startedAt, step.completedAt) } : {}),
    });
  }

  async #drive(adwId: string, stepIndex: number): Promise<AcceptResult> {
    const id = key(adwId, stepIndex);
    if (this.#driving.has(id) || this.#running.has(id)) return 'already_owned';
    this.#driving.add(id);
    try {
      const record = this.#ctx.store.adwSteps.get(adwId, stepIndex);
      if (!record) return 'not_claimable';
      if (record.phase === 'finishing') {
        await this.#finishStep(record);
        return 'already_owned';
      }
      const db = this.#ctx.db();
      let step = await findStep(db, adwId, stepIndex);
      if (step?.status === 'pending' && record.phase === 'claiming')
        step = await claimStep(db, adwId, stepIndex);
      // Running with our record present means this object claimed it (the record comes first).
      if (step?.status !== 'running') {
        this.#forget(adwId, stepIndex);
        return 'not_claimable';
      }
      const adw = await findAdw(db, adwId);
      const definition = adw && findWorkflow(adw.workflowType);
      const stepDefinition = definition?.steps[stepIndex];
      if (!adw || !definition || !stepDefinition) {
        this.#forget(adwId, stepIndex);
        return 'not_claimable';
      }
      await this.#launch(record, adw, stepDefinition, step);
      return 'started';
    } finally {
      this.#driving.delete(id);
    }
  }

  async #launch(record: AdwStepRecord, adw: AdwRow, step: StepDefinition, row: AdwStepRow): Promise<void> {
    const db = this.#ctx.db();
    const { adw_id: adwId, step_index: stepIndex } = record;
    const agent = await this.#stepAgent(adw, step);
    const runId = `adw:${adwId}:${stepIndex}`;
    const startedAt = row.startedAt ?? new Date();
    const timestamp = stepTimestamp(startedAt, adwId);
    if (record.phase === 'claiming') {
      const started = await markStepStarted(db, adwId, step.name);
      // Cancelled between the claim and here: the step must not start.
      if (!started) {
        this.#forget(adwId, stepIndex);
        return;
      }
      await setStepAgent(db, adwId, stepIndex, agent.id);
      const steps = await stepsOf(db, adwId);
      const command = stepCommand(step, {
        prompt: String(adw.input.prompt ?? ''),
        planPath: outputOf(steps, 'plan', 'plan_path'),
        reviewPath: outputOf(steps, 'review', 'review_path'),
      });
      const expanded = expandSlashCommand(command, timestamp)?.prompt ?? command;
      // Cancelled while this step was being set up: it never starts.
      if (this.#cancelled.has(adwId)) {
        this.#forget(adwId, stepIndex);
        return;
      }
      // One synchronous block: the phase, the first message, the run record and StepStart commit together.
      const conversation = this.#ctx.store.conversations.open(runId);
      this.#ctx.store.conversations.clear(runId);
      conversation.append({ role: 'user', content: [{ type: 'text', text: expanded }] });
      this.#ctx.store.runs.add({
        id: runId,
        kind: 'adw',
        conversation_id: runId,
        agent_id: agent.id,
        prompt_id: null,
        started_at: Date.now(),
      });
      this.#ctx.store.adwSteps.update(adwId, stepIndex, { phase: 'running' });
      this.#emit(adwId, WORKFLOW, 'adw_status', adwStatusJson(started));
      if (stepIndex === 0) this.#log(adwId, WORKFLOW, 'info', 'Workflow started.');
      this.#emit(adwId, step.name, 'adw_step_change', {
        adw_id: adwId,
        step: step.name,
        step_index: stepIndex,
        change: 'StepStart',
        status: 'running',
        agent_id: agent.id,
        agent_name: agent.name,
        ...queueTime(this.#queueMs, key(adwId, stepIndex)),
      });
      this.#emit(
        adwId,
        step.name,
        'UserPromptSubmit',
        { prompt: command.slice(0, 1_000), prompt_length: command.length, slash_command: step.command },
        agent.id,
      );
    }
    if (record.phase === 'running' && this.#runEnded(runId)) {
      // The run had ended before a reset (or its bookkeeping failed): evaluate it, do not call the model
      // again on a finished conversation.
      const ended: LoopOutcome = { status: 'completed', turns: 0, stopReason: 'end_turn', finalText: '' };
      await this.#afterRun(adwId, stepIndex, step, agent.id, ended, new FileActivity());
      return;
    }
    await setAgentStatus(db, agent.id, 'executing');
    this.#emit(
      adwId,
      step.name,
      'agent_status_changed',
      { old_status: agent.status, new_status: 'executing' },
      agent.id,
    );
    const orchestrator = await findOrchestrator(db, this.#ctx.orchestratorId);
    const tools = [
      ...fileTools.filter((tool) => (step.tools as readonly string[]).includes(tool.name)),
      ...(step.submitTool ? [submitTool(step.submitTool, { adwId, stepIndex, timestamp })] : []),
    ];
    const files = new FileActivity();
    if (this.#cancelled.has(adwId)) {
      // Cancelled during the awaits above (the cancel saw no run to abort): do not start one.
      await setAgentStatus(db, agent.id, 'idle');
      this.#emit(
        adwId,
        step.name,
        'agent_status_changed',
        { old_status: 'executing', new_status: 'idle' },
        agent.id,
      );
      this.#forget(adwId, stepIndex);
      return;
    }
    const handle = launchRun(this.#ctx, {
      runId,
      kind: 'agent',
      conversationId: runId,
      agentId: agent.id,
      promptId: null,
      model: step.model,
      system: stepSystemPrompt(step.name, step.submitTool),
      tools,
      maxTurns: STEP_MAX_TURNS,
      callerId: `${this.#ctx.orchestratorId}:${agent.name}`,
      budgets: { orchestratorUsd: orchestrator?.budgetUsd ?? null, agentUsd: agent.budgetUsd },
      adw: { id: adwId, step: step.name },
      onToolResult: (_name, result) => files.record(result),
    });
    const id = key(adwId, stepIndex);
    this.#running.set(id, { handle, adwId });
    void handle.done
      .then((outcome) => this.#afterRun(adwId, stepIndex, step, agent.id, outcome, files))
      .catch((error: unknown) => {
        console.error(
          `orchestrator ${this.#ctx.orchestratorId}: workflow step ${id} failed to finish`,
          error,
        );
        this.#deps.retryLater();
      })
      .finally(() => {
        // A reminder relaunches the step under the same key: only remove this run's own entry.
        if (this.#running.get(id)?.handle === handle) this.#running.delete(id);
      });
  }

  /** True when the step's conversation ends with the model's final answer (no tool call pending). */
  #runEnded(runId: string): boolean {
    const last = this.#ctx.store.conversations.open(runId).last();
    if (last?.role !== 'assistant') return false;
    return typeof last.content === 'string' || !last.content.some((block) => block.type === 'tool_use');
  }

  async #stepAgent(adw: AdwRow, step: StepDefinition) {
    const db = this.#ctx.db();
    const name = stepAgentName(step.name, adw.id);
    const inserted = await insertAgent(db, {
      orchestratorId: this.#ctx.orchestratorId,
      name,
      model: step.model,
      systemPrompt: stepSystemPrompt(step.name, step.submitTool),
      adwId: adw.id,
      adwStep: step.name,
      metadata: { adw_id: adw.id, adw_step: step.name },
    });
    if (inserted) {
      this.#emit(
        adw.id,
        step.name,
        'agent_created',
        {
          agent: {
            id: inserted.id,
            name: inserted.name,
            model: inserted.model,
            template: null,
            status: inserted.status,
            budget_usd: null,
            color: null,
            created_at: inserted.createdAt.toISOString(),
          },
        },
        inserted.id,
      );
      return inserted;
    }
    const existing = await findLiveAgent(db, this.#ctx.orchestratorId, name);
    if (!existing || existing.adwId !== adw.id) throw new Error(`the agent name ${name} is taken`);
    return existing;
  }

  async #afterRun(
    adwId: string,
    stepIndex: number,
    step: StepDefinition,
    agentId: string,
    outcome: LoopOutcome,
    files: FileActivity,
  ): Promise<void> {
    const db = this.#ctx.db();
    const changes = files.summary();
    if (changes.produced.length > 0 || changes.consumed.length > 0)
      this.#emit(adwId, step.name, 'file_changes', changes, agentId);
    this.#emit(
      adwId,
      step.name,
      'Stop',
      {
        reason: outcome.status,
        num_turns: outcome.turns,
        ...(outcome.error ? { error: outcome.error } : {}),
      },
      agentId,
    );
    const row = await findStep(db, adwId, stepIndex);
    if (row?.status !== 'running') {
      // Cancelled (or ended by someone else) while it ran: nothing left to record.
      await setAgentStatus(db, agentId, 'idle');
      this.#forget(adwId, stepIndex);
      return;
    }
    const record = this.#ctx.store.adwSteps.get(adwId, stepIndex);
    if (!record) return;
    const missingOutput = step.submitTool !== null && Object.keys(row.output).length === 0;
    if (outcome.status === 'completed' && missingOutput && step.submitTool) {
      if (record.nudges < MAX_NUDGES) {
        const attempt = record.nudges + 1;
        const runId = `adw:${adwId}:${stepIndex}`;
        const conversation = this.#ctx.store.conversations.open(runId);
        const turn = nextUserTurn(
          conversation.messages(),
          nudgeText(step.submitTool, attempt),
          () => undefined,
        );
        if (turn.replaceLast) this.#ctx.store.conversations.replaceLast(runId, turn.replaceLast);
        for (const message of turn.append) conversation.append(message);
        this.#ctx.store.adwSteps.update(adwId, stepIndex, { nudges: attempt });
        this.#log(
          adwId,
          step.name,
          'warning',
          `The ${step.name} step ended without calling ${step.submitTool}; reminder ${attempt} of ${MAX_NUDGES}.`,
        );
        const adw = await findAdw(db, adwId);
        if (adw) await this.#launch({ ...record, phase: 'running', nudges: attempt }, adw, step, row);
        return;
      }
      return this.#toFinishing(adwId, stepIndex, 'failed', missingSubmitError(step.name, step.submitTool));
    }
    if (outcome.status === 'completed') return this.#toFinishing(adwId, stepIndex, 'completed');
    return this.#toFinishing(
      adwId,
      stepIndex,
      'failed',
      `${step.name} step ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}`,
    );
  }

  async #toFinishing(
    adwId: string,
    stepIndex: number,
    status: 'completed' | 'failed',
    error?: string,
  ): Promise<void> {
    this.#ctx.store.runs.remove(`adw:${adwId}:${stepIndex}`);
    this.#ctx.store.adwSteps.update(adwId, stepIndex, { phase: 'finishing' });
    this.#ctx.store.meta.set(
      `adw_end:${adwId}:${stepIndex}`,
      JSON.stringify({ status, error: error ?? null }),
    );
    const record = this.#ctx.store.adwSteps.get(adwId, stepIndex);
    if (record) await this.#finishStep(record);
  }

  /** StepEnd, the workflow's progress, and the next step (or the workflow's end). Idempotent. */
  async #finishStep(record: AdwStepRecord): Promise<void> {
    const db = this.#ctx.db();
    const { adw_id: adwId, step_index: stepIndex } = record;
    const endKey = `adw_end:${adwId}:${stepIndex}`;
    const end = JSON.parse(this.#ctx.store.meta.get(endKey) ?? '{"status":"failed","error":"unknown"}') as {
      status: 'completed' | 'failed';
      error: string | null;
    };
    const ended = await endStep(db, adwId, stepIndex, end.status, end.error ?? undefined);
    const row = ended ?? (await findStep(db, adwId, stepIndex));
    const adw = await findAdw(db, adwId);
    const definition = adw && findWorkflow(adw.workflowType);
    if (!row || !adw || !definition) {
      this.#forget(adwId, stepIndex);
      return;
    }
    if (ended) {
      if (ended.agentId) {
        await setAgentStatus(db, ended.agentId, ended.status === 'completed' ? 'complete' : 'blocked');
        this.#emit(
          adwId,
          ended.step,
          'agent_status_changed',
          { old_status: 'executing', new_status: ended.status === 'completed' ? 'complete' : 'blocked' },
          ended.agentId,
        );
      }
      this.#emit(adwId, ended.step, 'adw_step_change', {
        adw_id: adwId,
        step: ended.step,
        step_index: stepIndex,
        change: 'StepEnd',
        status: ended.status,
        ...(ended.agentId ? { agent_id: ended.agentId, agent_name: stepAgentName(ended.step, adwId) } : {}),
        duration_ms: durationMs(ended.startedAt, ended.completedAt),
        output: ended.output,
        ...(ended.error ? { error: ended.error } : {}),
      });
      const progress = await refreshProgress(db, adwId);
      if (progress) this.#emit(adwId, WORKFLOW, 'adw_status', adwStatusJson(progress));
    }
    if (row.status === 'failed') {
      const failed = await failAdw(db, adwId, { step: row.step, message: row.error ?? 'failed' });
      if (failed) {
        // The steps after it will never run: cancelled with the failure, like a cancel's pending steps.
        for (const cancelled of failed.steps) this.#emitCancelled(adwId, cancelled);
        this.#emit(adwId, WORKFLOW, 'adw_status', adwStatusJson(failed.adw));
        this.#log(adwId, WORKFLOW, 'error', `Workflow failed at step ${row.step}: ${row.error ?? 'failed'}.`);
      }
    } else if (row.status === 'completed') {
      await this.#advance(adw, definition, stepIndex);
    }
    this.#forget(adwId, stepIndex);
  }

  async #advance(adw: AdwRow, definition: WorkflowDefinition, stepIndex: number): Promise<void> {
    const db = this.#ctx.db();
    const steps = await stepsOf(db, adw.id);
    const outputs: StepOutputs = {};
    const planPath = outputOf(steps, 'plan', 'plan_path');
    const verdict = outputOf(steps, 'review', 'verdict');
    if (planPath) outputs.plan_path = planPath;
    if (verdict === 'PASS' || verdict === 'FAIL') outputs.verdict = verdict;
    const { skip, next } = afterStep(definition, stepIndex, outputs);
    for (const index of skip) {
      const skipped = await skipStep(db, adw.id, index);
      if (!skipped) continue;
      this.#emit(adw.id, skipped.step, 'adw_step_change', {
        adw_id: adw.id,
        step: skipped.step,
        step_index: index,
        change: 'StepEnd',
        status: 'skipped',
      });
      this.#log(
        adw.id,
        skipped.step,
        'info',
        `The ${skipped.step} step is skipped: the review verdict is ${verdict ?? 'not FAIL'}.`,
      );
    }
    if (next !== null) {
      await this.#enqueue(adw.id, next);
      return;
    }
    const finished = await finishAdw(db, adw.id, 'completed', undefined, {
      ...(planPath ? { plan_path: planPath } : {}),
      ...(verdict ? { verdict } : {}),
    });
    if (finished) {
      this.#emit(adw.id, WORKFLOW, 'adw_status', adwStatusJson(finished));
      this.#log(
        adw.id,
        WORKFLOW,
        'info',
        `Workflow completed: ${finished.completedSteps} of ${finished.totalSteps} steps done.`,
      );
    }
  }

  async #enqueue(adwId: string, stepIndex: number): Promise<void> {
    await this.#deps.send({
      kind: ADW_STEP,
      adw_id: adwId,
      step_index: stepIndex,
      orchestrator_id: this.#ctx.orchestratorId,
      enqueued_at: Date.now(),
    });
    this.#log(adwId, WORKFLOW, 'debug', `Step ${stepIndex + 1} enqueued.`);
  }

  #forget(adwId: string, stepIndex: number): void {
    this.#ctx.store.runs.remove(`adw:${adwId}:${stepIndex}`);
    this.#ctx.store.adwSteps.remove(adwId, stepIndex);
    this.#ctx.store.meta.delete(`adw_end:${adwId}:${stepIndex}`);
  }

  #emit(
    adwId: string,
    step: string,
    type: EventInput['type'],
    data: Record<string, unknown>,
    agentId?: string,
  ): void {
    this.#ctx.emit({ type, adwId, adwStep: step, ...(agentId ? { agentId } : {}), data });
  }

  #log(adwId: string, step: string, level: 'debug' | 'info' | 'warning' | 'error', message: string): void {
    const eventType = {
      debug: 'SystemDebug',
      info: 'SystemInfo',
      warning: 'SystemWarning',
      error: 'SystemError',
    }[level];
    this.#emit(adwId, step, 'adw_event', { adw_id: adwId, step, level, event_type: eventType, message });
  }
}

function queueTime(times: Map<string, number>, id: string): { queue_ms?: number } {
  const ms = times.get(id);
  times.delete(id);
  return ms === undefined ? {} : { queue_ms: ms };
}

function key(adwId: string, stepIndex: number): string {
  return `${adwId}:${stepIndex}`;
}

function outputOf(steps: AdwStepRow[], step: string, field: string): string | undefined {
  const value = steps.find((row) => row.step === step)?.output[field];
  return typeof value === 'string' ? value : undefined;
}
