/**
 * One Durable Object per orchestrator: its WebSocket hub, event sequencing and replay, the
 * orchestrator's agent loop and its command agents' queues. Postgres stays the system of record;
 * this object holds hot state only (see hub-store.ts).
 *
 * Lifecycle: sockets are hibernatable (a literal `ping` is answered without waking the object).
 * While a run is in flight an alarm fires every few seconds, which keeps the object alive and, after
 * an eviction or a deploy, resumes every run from its last checkpoint.
 *
 * Summaries: persisted events are reported to a SummaryBatcher, which asks
 * the work queue for their summaries in batches; the consumer hands the result back through
 * `applySummaries`, which writes it and broadcasts one `summary_update`.
 */
import { DurableObject } from 'cloudflare:workers';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { writeSummaries } from '../db/event-summaries.ts';
import type { EventInput } from '../events/types.ts';
import { AgentSupervisor } from '../orchestrator/agent-supervisor.ts';
import { ChatTurns, type SubmitResult } from '../orchestrator/chat-turns.ts';
import type { RuntimeContext } from '../orchestrator/runs.ts';
import type { EventSummary } from '../summaries/events.ts';
import { asEventInput, type TradingEvent } from '../trading/approvals/events.ts';
import { wakeApproval } from '../trading/approvals/waiters.ts';
import type { AdwJson } from '../workflows/adw-json.ts';
import { type AcceptResult, type StartInput, WorkflowRunner } from '../workflows/step-runner.ts';
import { EventStream, type SocketState } from './event-stream.ts';
import { type HubStore, openHubStore } from './hub-store.ts';
import { SummaryBatcher } from './summary-batcher.ts';

// Also the delay before a run resumes after an eviction or a deploy.
const HEARTBEAT_MS = 5_000;

export interface HubStatus {
  last_seq: number;
  connections: number;
  turn_running: boolean;
  agent_runs: number;
}

interface Engine {
  agents: AgentSupervisor;
  turns: ChatTurns;
  workflows: WorkflowRunner;
}

export class OrchestratorHub extends DurableObject<Env> {
  readonly #store: HubStore;
  readonly #stream: EventStream;
  readonly #summaries: SummaryBatcher;
  #database: DatabaseHandle | undefined;
  #engine: Engine | undefined;
  #orchestratorId: string | undefined;
  #alarmArmed = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
    this.#store = openHubStore(ctx.storage.sql);
    this.#orchestratorId = this.#store.meta.get('orchestrator_id');
    // The queue send runs in the background: the stream never waits on the queue, and a failed send
    // stays pending in storage for the alarm to retry.
    this.#summaries = new SummaryBatcher({
      store: this.#store.meta,
      orchestratorId: () => this.#requireId(),
      send: async (message) => {
        await env.WORK_QUEUE.send(message);
      },
      retryLater: () => this.#keepAlive(),
    });
    this.#stream = new EventStream({
      log: this.#store.events,
      orchestratorId: () => this.#requireId(),
      sockets: () => ctx.getWebSockets(),
      db: () => this.#db(),
      retryLater: () => this.#keepAlive(),
      onFlushed: (events) => this.#summaries.noteFlushed(events),
    });
    // Work left in flight by an evicted instance resumes from the alarm, outside the constructor.
    const pending = this.#store.events.hasUnflushed() || this.#summaries.hasPending;
    if (this.#store.runs.all().length > 0 || this.#store.adwSteps.all().length > 0 || pending) {
      ctx.blockConcurrencyWhile(() => ctx.storage.setAlarm(Date.now()));
    }
  }

  /** Records a user message, interrupts a running turn, and starts a new turn; returns at once. */
  async submitMessage(orchestratorId: string, text: string): Promise<SubmitResult> {
    return this.#bind(orchestratorId).turns.submit(text);
  }

  async interrupt(orchestratorId: string): Promise<{ interrupted_turn_id: string | null }> {
    return {
      interrupted_turn_id: await this.#bind(orchestratorId).turns.interrupt('interrupted by the user'),
    };
  }

  /** Persists every pending event; returns the last `seq` (REST reads Postgres after this). */
  async flushEvents(orchestratorId: string): Promise<number> {
    this.#bind(orchestratorId);
    this.#stream.flushDeltas();
    await this.#stream.flush();
    return this.#stream.lastSeq;
  }

  /**
   * Called by the summaries consumer: writes the summaries of stored events that have none yet and
   * broadcasts the ones written as ONE `summary_update` (clients patch the earlier events by seq).
   * Writing here, right before the broadcast, means a redelivered request that finds the rows already
   * written also finds nothing left to broadcast. `modelCall` is the summarising call's cost record.
   */
  async applySummaries(
    orchestratorId: string,
    summaries: EventSummary[],
    modelCall?: Record<string, unknown>,
  ): Promise<EventSummary[]> {
    this.#bind(orchestratorId);
    if (modelCall) this.#emit({ type: 'model_call', data: modelCall });
    const written = await writeSummaries(this.#db(), orchestratorId, summaries);
    if (written.length > 0) {
      this.#store.events.setSummaries(written);
      this.#emit({ type: 'summary_update', data: { summaries: written } });
      // Workflow clients also get their own update, one per workflow, for their swimlanes.
      const adwIds = this.#store.events.adwIdsOf(written.map((s) => s.seq));
      const byAdw = new Map<string, EventSummary[]>();
      for (const summary of written) {
        const adwId = adwIds.get(summary.seq);
        if (adwId) byAdw.set(adwId, [...(byAdw.get(adwId) ?? []), summary]);
      }
      for (const [adwId, summaries] of byAdw) {
        this.#emit({ type: 'adw_event_summary_update', adwId, data: { adw_id: adwId, summaries } });
      }
    }
    return written;
  }

  /** Creates a workflow (REST `POST …/adws`; the chat's start_adw goes through the same runner). */
  async startAdw(orchestratorId: string, input: StartInput): Promise<AdwJson | undefined> {
    return this.#bind(orchestratorId).workflows.start(input);
  }

  /** The queue consumer hands a workflow step over; the claim happens here, the run continues after. */
  async acceptAdwStep(
    orchestratorId: string,
    adwId: string,
    stepIndex: number,
    enqueuedAt?: number,
  ): Promise<AcceptResult> {
    return this.#bind(orchestratorId).workflows.accept(adwId, stepIndex, enqueuedAt);
  }

  async cancelAdw(
    orchestratorId: string,
    adwId: string,
  ): Promise<{ ok: true } | { ok: false; status: string } | undefined> {
    return this.#bind(orchestratorId).workflows.cancel(adwId);
  }

  /** A person wrote an expertise document through REST (routes/experts.ts): live clients refresh. */
  async expertiseUpdated(orchestratorId: string, data: Record<string, unknown>): Promise<void> {
    this.#bind(orchestratorId);
    this.#emit({ type: 'expertise_updated', data });
  }

  /** A pipeline run's progress (src/pipelines), sequenced, stored and broadcast like every event. */
  async pipelineEvent(
    orchestratorId: string,
    type: 'pipeline_run' | 'pipeline_step',
    data: Record<string, unknown>,
  ): Promise<void> {
    this.#bind(orchestratorId);
    this.#emit({ type, data });
  }

  /**
   * An approval decided over REST (src/trading/approvals): sequenced, stored and broadcast like every
   * event, and the agent's tool call waiting on that approval is woken at once.
   */
  async tradingEvent(orchestratorId: string, event: TradingEvent): Promise<void> {
    this.#bind(orchestratorId);
    this.#emit(asEventInput(event));
    if (typeof event.data.approval_id === 'string') wakeApproval(event.data.approval_id);
  }

  async status(orchestratorId: string): Promise<HubStatus> {
    const engine = this.#bind(orchestratorId);
    return {
      last_seq: this.#stream.lastSeq,
      connections: this.ctx.getWebSockets().length,
      turn_running: engine.turns.running,
      agent_runs: engine.agents.activeRuns,
    };
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const orchestratorId = url.searchParams.get('orchestrator_id');
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket' || !orchestratorId) {
      return new Response('expected a WebSocket upgrade', { status: 426 });
    }
    this.#bind(orchestratorId);
    const afterSeq = Number(url.searchParams.get('after_seq') ?? Number.NaN);
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    const replaying = Number.isSafeInteger(afterSeq) && afterSeq >= 0;
    server.serializeAttachment({ replayed: !replaying, connectedAt: Date.now() } satisfies SocketState);
    server.send(
      JSON.stringify({
        type: 'connection_established',
        orchestrator_id: orchestratorId,
        last_seq: this.#stream.lastSeq,
        replay_after: replaying ? afterSeq : null,
        ts: new Date().toISOString(),
      }),
    );
    if (replaying) this.ctx.waitUntil(this.#stream.replay(server, afterSeq));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Clients are viewers: actions go through the REST API, which authorises and validates them.
    if (message === 'ping') return;
    ws.send(JSON.stringify({ type: 'error', message: 'This socket is read-only; use the REST API to act.' }));
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // 1005 and 1006 are reserved: they describe a close, and cannot be sent in one.
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  }

  override async alarm(): Promise<void> {
    this.#alarmArmed = false;
    if (!this.#orchestratorId) return;
    const engine = this.#bind(this.#orchestratorId);
    await this.#stream.flush();
    await this.#summaries.resume();
    await engine.turns.resume();
    await engine.agents.resume();
    await engine.workflows.resume();
    const busy = engine.turns.running || engine.agents.activeRuns > 0 || engine.workflows.activeRuns > 0;
    if (busy || this.#store.adwSteps.all().length > 0 || this.#store.events.hasUnflushed()) this.#keepAlive();
  }

  /** Remembers which orchestrator this object serves and builds its engine on first use. */
  #bind(orchestratorId: string): Engine {
    if (this.#orchestratorId && this.#orchestratorId !== orchestratorId) {
      throw new Error(`this object serves orchestrator ${this.#orchestratorId}, not ${orchestratorId}`);
    }
    if (!this.#orchestratorId) {
      this.#store.meta.set('orchestrator_id', orchestratorId);
      this.#orchestratorId = orchestratorId;
    }
    if (!this.#engine) {
      const runtime: RuntimeContext = {
        orchestratorId,
        env: this.env,
        db: () => this.#db(),
        store: this.#store,
        emit: (event: EventInput) => this.#emit(event),
        flushEvents: async () => {
          this.#stream.flushDeltas();
          await this.#stream.flush();
        },
      };
      // A finished command's report goes to the orchestrator's turns, built right after.
      let turns: ChatTurns | undefined;
      const agents = new AgentSupervisor(runtime, (promptId, report) =>
        turns?.receiveAgentReport(promptId, report),
      );
      const workflows = new WorkflowRunner({
        ctx: runtime,
        send: async (message) => {
          await this.env.WORK_QUEUE.send(message);
        },
        retryLater: () => this.#keepAlive(),
      });
      turns = new ChatTurns(runtime, agents, workflows);
      this.#engine = { agents, workflows, turns };
    }
    return this.#engine;
  }

  #emit(event: EventInput): void {
    this.#stream.emit(event);
    this.#keepAlive();
  }

  /** Arms the heartbeat alarm (one per object) unless it is already armed. */
  #keepAlive(): void {
    if (this.#alarmArmed) return;
    this.#alarmArmed = true;
    void this.ctx.storage.setAlarm(Date.now() + HEARTBEAT_MS);
  }

  #db() {
    this.#database ??= openDatabase(this.env, { maxConnections: 4, idleTimeoutMs: 2_000 });
    return this.#database.db;
  }

  #requireId(): string {
    if (!this.#orchestratorId) throw new Error('orchestrator id not bound yet');
    return this.#orchestratorId;
  }
}
