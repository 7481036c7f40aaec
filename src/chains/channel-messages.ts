/**
 * What a chain run's socket carries: `{type, run_id, seq, timestamp, ...}` JSON messages. Pure: the
 * run's Durable Object numbers, stores and sends them.
 */
import type { ChainLogEntry, ChainOutcome, ChainProgress } from './runner.ts';

export interface ChainRunError {
  code: 'agent_timeout' | 'agent_failed' | 'interrupted';
  message: string;
  /** The HTTP-class status of the failure: 504 for a timeout, 500 otherwise. */
  status: 504 | 500;
  agent?: string;
  suggestions?: string[];
}

export type ChainMessageBody =
  | ChainProgress
  | { type: 'complete'; result: Record<string, unknown>; execution_log: ChainLogEntry[] }
  | { type: 'error'; error: ChainRunError; execution_log: ChainLogEntry[] };

export type ChainMessage = ChainMessageBody & { run_id: string; seq: number; timestamp: string };

/**
 * A liveness tick while the run is active. It is neither stored nor replayed, and carries the seq of
 * the last stored message (it adds nothing a client must keep).
 */
export interface ChainHeartbeat {
  type: 'heartbeat';
  run_id: string;
  seq: number;
  timestamp: string;
}

/** The last message of a run: its results, or why it stopped. */
export function outcomeMessage(outcome: ChainOutcome): ChainMessageBody {
  if (outcome.status === 'succeeded') {
    return { type: 'complete', result: outcome.results, execution_log: outcome.log };
  }
  return { type: 'error', error: runError(outcome), execution_log: outcome.log };
}

function runError(outcome: ChainOutcome): ChainRunError {
  const failure = outcome.error ?? { code: 'agent_failed', agent: 'chain', message: 'The chain failed.' };
  if (failure.code === 'agent_timeout') {
    return {
      code: 'agent_timeout',
      status: 504,
      agent: failure.agent,
      message: failure.message,
      suggestions: [
        'Run the chain again: a slow model answer is often a passing load.',
        'Allow each agent more time with timeout_ms (up to 120000).',
      ],
    };
  }
  return {
    code: 'agent_failed',
    status: 500,
    agent: failure.agent,
    message: failure.message,
    suggestions: ['Check the parameters against the agent’s message, then run the chain again.'],
  };
}

/** Why a run that an eviction interrupted cannot be resumed (its agents were not a registered chain). */
export function interruptedError(): ChainRunError {
  return {
    code: 'interrupted',
    status: 500,
    message: 'The run was interrupted and its chain cannot be restarted.',
    suggestions: ['Start the run again.'],
  };
}
