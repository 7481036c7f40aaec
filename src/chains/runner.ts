/**
 * The generic agent chain runner: agents run one after another, each getting the previous agent's
 * output, with a per-agent timeout (that aborts the agent's signal), an optional retry policy, a
 * progress callback and an execution log. No I/O of its own: callers decide where progress and the
 * outcome go (a socket, a table, an event stream).
 */

export interface ChainAgent<Input = unknown, Output = unknown> {
  name: string;
  /** 'llm' or 'deterministic', shown in the log. */
  kind: 'llm' | 'deterministic';
  run(input: Input, context: ChainContext): Promise<Output>;
  /** Per attempt; default: the chain's default (30 000). */
  timeoutMs?: number;
  /**
   * `attempts` is the total number of tries (1 = no retry). `retryOn` decides whether an error
   * (an {@link AgentTimeoutError} for a timeout) deserves another try; default: every error.
   */
  retry?: { attempts: number; backoffMs?: number; retryOn?: (error: unknown) => boolean };
}

export interface ChainContext {
  /** Aborted when the agent's attempt times out or the whole chain is aborted. */
  signal: AbortSignal;
  /** Every earlier agent's output, by agent name. */
  results: Readonly<Record<string, unknown>>;
  runId: string;
}

export interface ChainLogEntry {
  agent: string;
  kind: 'llm' | 'deterministic';
  status: 'succeeded' | 'failed' | 'timed_out';
  /** From the first attempt's start to the last attempt's end, backoff included. */
  duration_ms: number;
  attempts: number;
  error?: string;
}

export type ChainProgress =
  | {
      type: 'agent_status';
      agent: string;
      status: 'running' | 'succeeded' | 'failed' | 'timed_out' | 'retrying';
      attempt: number;
      duration_ms?: number;
      error?: string;
    }
  | { type: 'progress'; completed: number; total: number; percent: number; message: string };

export interface ChainOutcome {
  status: 'succeeded' | 'failed';
  results: Record<string, unknown>;
  log: ChainLogEntry[];
  error?: { code: 'agent_timeout' | 'agent_failed'; agent: string; message: string };
}

export interface RunChainOptions {
  defaultTimeoutMs?: number;
  runId?: string;
  onProgress?: (progress: ChainProgress) => void | Promise<void>;
  /** Milliseconds; injected so tests can assert durations. Default `Date.now`. */
  clock?: () => number;
  /** Aborting it aborts the running agent and fails the chain. */
  signal?: AbortSignal;
}

export const DEFAULT_AGENT_TIMEOUT_MS = 30_000;

/** The error an attempt fails with when it outlives its timeout (also the agent signal's reason). */
export class AgentTimeoutError extends Error {
  override readonly name = 'AgentTimeoutError';
  constructor(
    readonly agent: string,
    readonly timeoutMs: number,
  ) {
    super(`Agent "${agent}" did not finish within ${timeoutMs} ms.`);
  }
}

type AttemptResult = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Runs `agents` in order on `input`; never throws for an agent's failure (it is in the outcome). */
export async function runChain(
  agents: readonly ChainAgent[],
  input: unknown,
  options: RunChainOptions = {},
): Promise<ChainOutcome> {
  const clock = options.clock ?? Date.now;
  const runId = options.runId ?? crypto.randomUUID();
  const report = async (progress: ChainProgress) => {
    await options.onProgress?.(progress);
  };
  const results: Record<string, unknown> = {};
  const log: ChainLogEntry[] = [];
  let previous = input;

  for (const [index, agent] of agents.entries()) {
    const timeoutMs = agent.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_AGENT_TIMEOUT_MS;
    const maxAttempts = Math.max(1, Math.floor(agent.retry?.attempts ?? 1));
    const agentStart = clock();
    let attempt = 0;
    let outcome: AttemptResult;

    for (;;) {
      attempt += 1;
      await report({ type: 'agent_status', agent: agent.name, status: 'running', attempt });
      const attemptStart = clock();
      outcome = await runAttempt(agent, previous, { results, runId, timeoutMs, outer: options.signal });
      const duration_ms = clock() - attemptStart;
      if (outcome.ok) {
        await report({ type: 'agent_status', agent: agent.name, status: 'succeeded', attempt, duration_ms });
        break;
      }
      const retryOn = agent.retry?.retryOn ?? (() => true);
      const canRetry = attempt < maxAttempts && !options.signal?.aborted && retryOn(outcome.error);
      if (!canRetry) {
        await report({
          type: 'agent_status',
          agent: agent.name,
          status: failureStatus(outcome.error),
          attempt,
          duration_ms,
          error: errorMessage(outcome.error),
        });
        break;
      }
      await report({
        type: 'agent_status',
        agent: agent.name,
        status: 'retrying',
        attempt,
        duration_ms,
        error: errorMessage(outcome.error),
      });
      await backoff(agent.retry?.backoffMs ?? 0, options.signal);
    }

    const duration_ms = clock() - agentStart;
    if (!outcome.ok) {
      const status = failureStatus(outcome.error);
      const message = errorMessage(outcome.error);
      log.push({
        agent: agent.name,
        kind: agent.kind,
        status,
        duration_ms,
        attempts: attempt,
        error: message,
      });
      return {
        status: 'failed',
        results,
        log,
        error: {
          code: status === 'timed_out' ? 'agent_timeout' : 'agent_failed',
          agent: agent.name,
          message,
        },
      };
    }
    log.push({ agent: agent.name, kind: agent.kind, status: 'succeeded', duration_ms, attempts: attempt });
    results[agent.name] = outcome.value;
    previous = outcome.value;
    const completed = index + 1;
    await report({
      type: 'progress',
      completed,
      total: agents.length,
      percent: Math.round((completed / agents.length) * 100),
      message: `${agent.name} finished (${completed} of ${agents.length})`,
    });
  }
  return { status: 'succeeded', results, log };
}

/**
 * One try: the agent's promise raced against its timeout. On timeout the agent's signal is aborted
 * with the timeout error, so a cooperative agent stops; one that ignores the signal is left to
 * settle on its own and its late result is dropped.
 */
async function runAttempt(
  agent: ChainAgent,
  input: unknown,
  run: { results: Record<string, unknown>; runId: string; timeoutMs: number; outer?: AbortSignal },
): Promise<AttemptResult> {
  const controller = new AbortController();
  const abortFromOuter = () => controller.abort(run.outer?.reason ?? new Error('The chain was aborted.'));
  if (run.outer?.aborted) abortFromOuter();
  run.outer?.addEventListener('abort', abortFromOuter, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopped = new Promise<AttemptResult>((resolve) => {
    const fail = () => resolve({ ok: false, error: controller.signal.reason });
    if (controller.signal.aborted) fail();
    controller.signal.addEventListener('abort', fail, { once: true });
    timer = setTimeout(
      () => controller.abort(new AgentTimeoutError(agent.name, run.timeoutMs)),
      run.timeoutMs,
    );
  });
  const ran = Promise.resolve()
    .then(() =>
      agent.run(input, { signal: controller.signal, results: { ...run.results }, runId: run.runId }),
    )
    .then(
      (value): AttemptResult => ({ ok: true, value }),
      (error: unknown): AttemptResult => ({ ok: false, error }),
    );
  try {
    return await Promise.race([ran, stopped]);
  } finally {
    clearTimeout(timer);
    run.outer?.removeEventListener('abort', abortFromOuter);
  }
}

function failureStatus(error: unknown): 'failed' | 'timed_out' {
  return error instanceof AgentTimeoutError ? 'timed_out' : 'failed';
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'The agent failed.';
}

function backoff(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
