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
import { type AdwStepRow, claimStep, findStep, setStepAgent, stepsOf } from '../db/adw-steps.ts';
import { type AdwRow, cancelAdw, findAdw, insertAdw, markStepStarted } from '../db/adws.ts';
import { setAgentStatus } from '../db/agents.ts';
import { findOrchestrator } from '../db/orchestrators.ts';
import { FileActivity } from '../orchestrator/file-activity.ts';
import { launchRun, type RunHandle, type RuntimeContext } from '../orchestrator/runs.ts';
import type { AdwStepMessage } from '../queues/adw-step-message.ts';
import { ToolError } from '../tools/types.ts';
import type { AdwControl } from './adw-tools.ts';
import { adwJsonOf } from './adw-view.ts';
import { decideAfterRun, runHasEnded } from './after-run.ts';
import { checkAdw } from './check.ts';
import { findWorkflow, type StepDefinition, WORKFLOW_TYPE_NAMES } from './definitions.ts';
import { commandInput, stepCommand, stepTimestamp } from './progress.ts';
import { stepAgent, stepRunId, stepRunSpec } from './step-agent.ts';
import {
  type AdwLogLevel,
  adwCreatedEvent,
  adwLogEvent,
  adwStatusEvent,
  agentStatusEvent,
  fileChangesEvent,
  stepCancelledEvent,
  stepPromptEvent,
  stepStartEvent,
  stepStopEvent,
  WORKFLOW,
} from './step-events.ts';
import { enqueueStep, finishStep, type StepFinishDeps } from './step-finish.ts';
import type { AdwStepRecord, StepResult } from './step-record.ts';

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

  get #finishDeps(): StepFinishDeps {
    return { ...this.#deps, forget: (adwId, stepIndex) => this.#forget(adwId, stepIndex) };
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
    this.#ctx.emit(adwCreatedEvent(adw));
    this.#log(
      row.id,
      WORKFLOW,
      'info',
      `Workflow ${row.name} (${definition.type}) created with ${definition.steps.length} steps.`,
    );
    await enqueueStep(this.#finishDeps, row.id, 0);
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
        this.#ctx.emit(agentStatusEvent(adwId, step.step, step.agentId, 'executing', 'idle'));
      }
      this.#ctx.emit(stepCancelledEvent(adwId, step));
      // A step this instance does not run now (reset, or between phases) is forgotten here; one that
      // runs cleans up when its interrupted run ends.
      if (!this.#running.has(id)) this.#forget(adwId, step.stepIndex);
    }
    this.#ctx.emit(adwStatusEvent(result.adw));
    this.#log(adwId, WORKFLOW, 'warning', 'Workflow cancelled.');
    return { ok: true };
  }

  async #drive(adwId: string, stepIndex: number): Promise<AcceptResult> {
    const id = key(adwId, stepIndex);
    if (this.#driving.has(id) || this.#running.has(id)) return 'already_owned';
    this.#driving.add(id);
    try {
      const record = this.#ctx.store.adwSteps.get(adwId, stepIndex);
      if (!record) return 'not_claimable';
      if (record.phase === 'finishing') {
        await finishStep(this.#finishDeps, record);
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
    const agent = await stepAgent(this.#ctx, adw, step);
    const runId = stepRunId(adwId, stepIndex);
    const timestamp = stepTimestamp(row.startedAt ?? new Date(), adwId);
    if (record.phase === 'claiming') {
      const started = await markStepStarted(db, adwId, step.name);
      // Cancelled between the claim and here: the step must not start.
      if (!started) {
        this.#forget(adwId, stepIndex);
        return;
      }
      await setStepAgent(db, adwId, stepIndex, agent.id);
      const command = stepCommand(step, commandInput(adw.input, await stepsOf(db, adwId)));
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
      this.#ctx.emit(adwStatusEvent(started));
      if (stepIndex === 0) this.#log(adwId, WORKFLOW, 'info', 'Workflow started.');
      this.#ctx.emit(
        stepStartEvent({
          adwId,
          step: step.name,
          stepIndex,
          agentId: agent.id,
          agentName: agent.name,
          queueMs: this.#takeQueueMs(adwId, stepIndex),
        }),
      );
      this.#ctx.emit(stepPromptEvent(adwId, step, agent.id, command));
    }
    if (record.phase === 'running' && runHasEnded(this.#ctx.store.conversations.open(runId).last())) {
      // The run had ended before a reset (or its bookkeeping failed): evaluate it, do not call the model
      // again on a finished conversation.
      const ended: LoopOutcome = { status: 'completed', turns: 0, stopReason: 'end_turn', finalText: '' };
      await this.#afterRun(adwId, stepIndex, step, agent.id, ended, new FileActivity());
      return;
    }
    await setAgentStatus(db, agent.id, 'executing');
    this.#ctx.emit(agentStatusEvent(adwId, step.name, agent.id, agent.status, 'executing'));
    const orchestrator = await findOrchestrator(db, this.#ctx.orchestratorId);
    const files = new FileActivity();
    if (this.#cancelled.has(adwId)) {
      // Cancelled during the awaits above (the cancel saw no run to abort): do not start one.
      await setAgentStatus(db, agent.id, 'idle');
      this.#ctx.emit(agentStatusEvent(adwId, step.name, agent.id, 'executing', 'idle'));
      this.#forget(adwId, stepIndex);
      return;
    }
    const handle = launchRun(
      this.#ctx,
      stepRunSpec(this.#ctx, {
        adwId,
        stepIndex,
        step,
        agent,
        timestamp,
        orchestratorBudgetUsd: orchestrator?.budgetUsd ?? null,
        onToolResult: (result) => files.record(result),
      }),
    );
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
      this.#ctx.emit(fileChangesEvent(adwId, step.name, agentId, changes));
    this.#ctx.emit(stepStopEvent(adwId, step.name, agentId, outcome));
    const row = await findStep(db, adwId, stepIndex);
    const record = this.#ctx.store.adwSteps.get(adwId, stepIndex);
    const decision = decideAfterRun({
      step,
      outcome,
      stepStatus: row?.status,
      output: row?.output ?? {},
      nudges: record?.nudges,
    });
    switch (decision.kind) {
      case 'release':
        await setAgentStatus(db, agentId, 'idle');
        this.#forget(adwId, stepIndex);
        return;
      case 'ignore':
        return;
      case 'remind': {
        if (!row || !record) return;
        const runId = stepRunId(adwId, stepIndex);
        const conversation = this.#ctx.store.conversations.open(runId);
        const turn = nextUserTurn(conversation.messages(), decision.text, () => undefined);
        if (turn.replaceLast) this.#ctx.store.conversations.replaceLast(runId, turn.replaceLast);
        for (const message of turn.append) conversation.append(message);
        this.#ctx.store.adwSteps.update(adwId, stepIndex, { nudges: decision.attempt });
        this.#log(adwId, step.name, 'warning', decision.warning);
        const adw = await findAdw(db, adwId);
        if (adw)
          await this.#launch({ ...record, phase: 'running', nudges: decision.attempt }, adw, step, row);
        return;
      }
      case 'finish':
        return this.#toFinishing(adwId, stepIndex, decision.result);
    }
  }

  async #toFinishing(adwId: string, stepIndex: number, result: StepResult): Promise<void> {
    this.#ctx.store.runs.remove(stepRunId(adwId, stepIndex));
    this.#ctx.store.adwSteps.finish(adwId, stepIndex, result);
    const record = this.#ctx.store.adwSteps.get(adwId, stepIndex);
    if (record) await finishStep(this.#finishDeps, record);
  }

  #forget(adwId: string, stepIndex: number): void {
    this.#ctx.store.runs.remove(stepRunId(adwId, stepIndex));
    this.#ctx.store.adwSteps.remove(adwId, stepIndex);
  }

  #log(adwId: string, step: string, level: AdwLogLevel, message: string): void {
    this.#ctx.emit(adwLogEvent(adwId, step, level, message));
  }

  /** How long the step's message spent in the queue, reported once (by its StepStart). */
  #takeQueueMs(adwId: string, stepIndex: number): number | undefined {
    const id = key(adwId, stepIndex);
    const ms = this.#queueMs.get(id);
    this.#queueMs.delete(id);
    return ms;
  }
}

function key(adwId: string, stepIndex: number): string {
  return `${adwId}:${stepIndex}`;
}
