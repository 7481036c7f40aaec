/**
 * One Durable Object per chain run: it runs the chain, numbers and stores every message in its own
 * SQLite, and broadcasts each to every socket of the run (hibernatable; a late or reconnecting socket
 * gets the whole history first, then live messages). It writes the run's `chain_runs` row when the
 * run starts and when it ends.
 *
 * Lifecycle: `start` returns once the row exists; the chain goes on in the background. While it runs,
 * an alarm ticks every HEARTBEAT_MS: it sends a `heartbeat`, keeps the object alive, and after an
 * eviction restarts a registered chain from its first agent (agents are pure and nothing is written
 * until the end, so a restart repeats no side effect).
 */
import { DurableObject } from 'cloudflare:workers';
import {
  type ChainHeartbeat,
  type ChainMessageBody,
  type ChainRunError,
  interruptedError,
  outcomeMessage,
} from '../chains/channel-messages.ts';
import { chainAgents } from '../chains/registry.ts';
import { type ChainAgent, runChain } from '../chains/runner.ts';
import { type ChainRunEnding, finishChainRun, insertChainRun } from '../db/chain-runs.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { type ChainRunSpec, ChainRunStore } from './chain-run-store.ts';

export const HEARTBEAT_MS = 30_000;

export class ChainRun extends DurableObject<Env> {
  readonly #store: ChainRunStore;
  #database: DatabaseHandle | undefined;
  /** The chain running in this instance; absent after an eviction. */
  #running: Promise<void> | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
    this.#store = new ChainRunStore(ctx.storage.sql);
  }

  /** Starts a registered chain; returns once the run's row exists. Starting a started run does nothing. */
  async start(spec: ChainRunSpec): Promise<void> {
    const agents = chainAgents(spec.chain, this.env);
    if (!agents) throw new Error(`No chain is named ${spec.chain}.`);
    await this.startWith(agents, spec);
  }

  /**
   * Starts `agents` as the run `spec` describes. Called in-process with agents that are not a
   * registered chain (tests); such a run cannot be restarted after an eviction.
   */
  async startWith(agents: readonly ChainAgent[], spec: ChainRunSpec): Promise<void> {
    if (this.#store.state) return;
    await insertChainRun(this.#db(), {
      id: spec.run_id,
      orchestratorId: spec.orchestrator_id,
      chain: spec.chain,
      request: spec.request,
      params: spec.params,
    });
    this.#store.state = { spec, status: 'running' };
    this.#launch(agents, spec);
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('expected a WebSocket upgrade', { status: 426 });
    }
    if (!this.#store.state) return new Response('no such run', { status: 404 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    // Synchronous from here to the return: no message can be broadcast between the replay and the
    // moment this socket is among the live ones, so it sees every message exactly once.
    for (const json of this.#store.history()) send(server, json);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === 'ping') return;
    send(ws, JSON.stringify({ type: 'notice', message: 'This socket is read-only.' }));
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // 1005 and 1006 are reserved: they describe a close, and cannot be sent in one.
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  }

  override async alarm(): Promise<void> {
    const state = this.#store.state;
    if (!state) return;
    if (state.unsavedEnding) {
      await this.#saveEnding(state.spec.run_id, state.unsavedEnding);
      return;
    }
    if (state.status !== 'running') return;
    if (!this.#running) {
      const agents = chainAgents(state.spec.chain, this.env);
      if (agents) this.#launch(agents, state.spec);
      else
        await this.#end(state.spec, interruptedEnding(), {
          type: 'error',
          error: interruptedError(),
          execution_log: [],
        });
      return;
    }
    const heartbeat: ChainHeartbeat = {
      type: 'heartbeat',
      run_id: state.spec.run_id,
      seq: this.#store.lastSeq,
      timestamp: new Date().toISOString(),
    };
    this.#broadcast(JSON.stringify(heartbeat));
    await this.ctx.storage.setAlarm(Date.now() + HEARTBEAT_MS);
  }

  #launch(agents: readonly ChainAgent[], spec: ChainRunSpec): void {
    const run = this.#execute(agents, spec).finally(() => {
      if (this.#running === run) this.#running = undefined;
    });
    this.#running = run;
    this.ctx.waitUntil(run);
    void this.ctx.storage.setAlarm(Date.now() + HEARTBEAT_MS);
  }

  async #execute(agents: readonly ChainAgent[], spec: ChainRunSpec): Promise<void> {
    const outcome = await runChain(capTimeouts(agents, spec.timeout_ms), spec.params, {
      runId: spec.run_id,
      ...(spec.timeout_ms === undefined ? {} : { defaultTimeoutMs: spec.timeout_ms }),
      onProgress: (progress) => this.#publish(spec.run_id, progress),
    });
    const last = outcomeMessage(outcome);
    const ending: ChainRunEnding =
      last.type === 'complete'
        ? { status: 'succeeded', result: outcome.results, error: null, executionLog: logRows(outcome.log) }
        : { status: 'failed', result: null, error: errorRow(last), executionLog: logRows(outcome.log) };
    await this.#end(spec, ending, last);
  }

  /** Records the ending (Postgres first, so a client that saw the last message finds the row), then says it. */
  async #end(spec: ChainRunSpec, ending: ChainRunEnding, last: ChainMessageBody): Promise<void> {
    this.#store.state = { spec, status: ending.status, unsavedEnding: ending };
    await this.#saveEnding(spec.run_id, ending);
    this.#publish(spec.run_id, last);
  }

  async #saveEnding(runId: string, ending: ChainRunEnding): Promise<void> {
    try {
      await finishChainRun(this.#db(), runId, ending);
      const state = this.#store.state;
      if (state) this.#store.state = { spec: state.spec, status: state.status };
      await this.ctx.storage.deleteAlarm();
    } catch (error) {
      console.error(`chain run ${runId}: writing its ending failed, will retry`, error);
      await this.ctx.storage.setAlarm(Date.now() + HEARTBEAT_MS);
    }
  }

  #publish(runId: string, body: ChainMessageBody): void {
    this.#broadcast(this.#store.append(runId, body, new Date().toISOString()));
  }

  #broadcast(json: string): void {
    for (const socket of this.ctx.getWebSockets()) send(socket, json);
  }

  #db() {
    this.#database ??= openDatabase(this.env, { maxConnections: 2, idleTimeoutMs: 2_000 });
    return this.#database.db;
  }
}

/** `timeout_ms` caps every agent's own timeout: the caller's deadline wins when it is shorter. */
function capTimeouts(agents: readonly ChainAgent[], capMs: number | undefined): readonly ChainAgent[] {
  if (capMs === undefined) return agents;
  return agents.map((agent) => {
    const capped: ChainAgent = {
      name: agent.name,
      kind: agent.kind,
      run: (input, context) => agent.run(input, context),
      timeoutMs: Math.min(agent.timeoutMs ?? capMs, capMs),
    };
    if (agent.retry) capped.retry = agent.retry;
    return capped;
  });
}

function logRows(log: readonly object[]): Record<string, unknown>[] {
  return log.map((entry) => ({ ...entry }));
}

function errorRow(message: ChainMessageBody): Record<string, unknown> | null {
  return message.type === 'error' ? { ...(message.error satisfies ChainRunError) } : null;
}

function interruptedEnding(): ChainRunEnding {
  return { status: 'failed', result: null, error: { ...interruptedError() }, executionLog: [] };
}

function send(socket: WebSocket, message: string): void {
  try {
    socket.send(message);
  } catch {
    // A socket closing under us: its close handler cleans up.
  }
}
