/**
 * One chain run's live state, folded from its per-run socket's messages: each agent's latest status,
 * the progress bar, the last heartbeat, and the result or the error with its suggestions.
 */

export interface ChainLogEntry {
  agent: string;
  status: string;
  duration_ms?: number | null;
  attempts?: number | null;
  error?: string | null;
}

export interface ChainLive {
  status: 'connecting' | 'running' | 'complete' | 'error';
  agents: Record<string, string>;
  progress: { completed: number; total: number; percent: number; message: string } | null;
  heartbeatAt: string | null;
  /** When the newest message was sent (any type): the run's liveness at a glance. */
  lastMessageAt: string | null;
  result: unknown;
  executionLog: ChainLogEntry[];
  error: { code: string; message: string; suggestions: string[] } | null;
  messages: number;
}

export function initialChain(): ChainLive {
  return {
    status: 'connecting',
    agents: {},
    progress: null,
    heartbeatAt: null,
    lastMessageAt: null,
    result: null,
    executionLog: [],
    error: null,
    messages: 0,
  };
}

type Data = Record<string, unknown>;
const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export function logEntries(value: unknown): ChainLogEntry[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((e): e is Data => typeof e === 'object' && e !== null)
    .map((e) => ({
      agent: str(e.agent, '?'),
      status: str(e.status, '?'),
      duration_ms: typeof e.duration_ms === 'number' ? e.duration_ms : null,
      attempts: typeof e.attempts === 'number' ? e.attempts : null,
      error: typeof e.error === 'string' ? e.error : null,
    }));
}

/** The state after one message; unknown or malformed messages are counted and otherwise ignored. */
export function applyChainMessage(state: ChainLive, message: unknown): ChainLive {
  if (typeof message !== 'object' || message === null) return state;
  const m = message as Data;
  const next: ChainLive = {
    ...state,
    messages: state.messages + 1,
    lastMessageAt: typeof m.timestamp === 'string' ? m.timestamp : state.lastMessageAt,
  };
  const running = state.status === 'connecting' ? 'running' : state.status;
  switch (m.type) {
    case 'agent_status':
      return {
        ...next,
        status: running,
        agents: { ...state.agents, [str(m.agent, '?')]: str(m.status, '?') },
      };
    case 'progress': {
      const total = num(m.total);
      const completed = num(m.completed);
      const percent = typeof m.percent === 'number' ? m.percent : total ? (completed / total) * 100 : 0;
      return {
        ...next,
        status: running,
        progress: { completed, total, percent: Math.max(0, Math.min(100, percent)), message: str(m.message) },
      };
    }
    case 'heartbeat':
      return { ...next, heartbeatAt: str(m.timestamp) || new Date().toISOString() };
    case 'complete':
      return {
        ...next,
        status: 'complete',
        result: m.result ?? null,
        executionLog: logEntries(m.execution_log),
      };
    case 'error': {
      const error = (typeof m.error === 'object' && m.error !== null ? m.error : {}) as Data;
      return {
        ...next,
        status: 'error',
        error: {
          code: str(error.code, 'error'),
          message: str(error.message, typeof m.error === 'string' ? m.error : 'The chain failed.'),
          suggestions: Array.isArray(error.suggestions)
            ? error.suggestions.filter((s): s is string => typeof s === 'string')
            : [],
        },
        executionLog: logEntries(m.execution_log),
      };
    }
    default:
      return next;
  }
}

/** The per-run socket's URL from the channel path the run's 202 gave. */
export function chainSocketUrl(channel: string, location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${channel}`;
}
