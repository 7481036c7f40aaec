import { describe, expect, it } from 'vitest';
import { applyChainMessage, chainSocketUrl, initialChain } from './chain-model.ts';

const fold = (messages: unknown[]) => messages.reduce(applyChainMessage, initialChain());

describe('a chain run folded from its messages', () => {
  it('tracks agents, progress, heartbeat and the final log', () => {
    const state = fold([
      { type: 'agent_status', run_id: 'c1', agent: 'planner', status: 'running' },
      { type: 'progress', run_id: 'c1', completed: 1, total: 4, percent: 25, message: 'planned' },
      { type: 'heartbeat', run_id: 'c1', timestamp: '2026-12-05T15:00:00Z' },
      {
        type: 'agent_status',
        run_id: 'c1',
        agent: 'planner',
        status: 'succeeded',
        timestamp: '2026-12-05T15:00:01Z',
      },
      {
        type: 'complete',
        run_id: 'c1',
        result: { ok: true },
        execution_log: [{ agent: 'planner', status: 'succeeded', duration_ms: 12, attempts: 1 }],
      },
    ]);
    expect(state).toMatchObject({
      status: 'complete',
      agents: { planner: 'succeeded' },
      progress: { completed: 1, total: 4, percent: 25, message: 'planned' },
      heartbeatAt: '2026-12-05T15:00:00Z',
      lastMessageAt: '2026-12-05T15:00:01Z',
      result: { ok: true },
      executionLog: [{ agent: 'planner', status: 'succeeded', duration_ms: 12, attempts: 1, error: null }],
      messages: 5,
    });
  });

  it('keeps the error with its suggestions', () => {
    const state = fold([
      {
        type: 'error',
        run_id: 'c1',
        error: { code: 'invalid_request', message: 'No season found', suggestions: ['Name a season'] },
      },
    ]);
    expect(state.status).toBe('error');
    expect(state.error).toEqual({
      code: 'invalid_request',
      message: 'No season found',
      suggestions: ['Name a season'],
    });
  });

  it('computes a missing percent and clamps it', () => {
    expect(fold([{ type: 'progress', completed: 3, total: 4 }]).progress?.percent).toBe(75);
    expect(fold([{ type: 'progress', percent: 140 }]).progress?.percent).toBe(100);
  });

  it('ignores what is not a message', () => {
    expect(fold(['x', null, { type: 'who knows' }])).toMatchObject({ status: 'connecting', messages: 1 });
  });

  it('builds the socket URL from the page', () => {
    expect(chainSocketUrl('/api/chains/runs/c1/ws', { protocol: 'https:', host: 'h.example' })).toBe(
      'wss://h.example/api/chains/runs/c1/ws',
    );
    expect(chainSocketUrl('/api/chains/runs/c1/ws', { protocol: 'http:', host: '127.0.0.1:8787' })).toBe(
      'ws://127.0.0.1:8787/api/chains/runs/c1/ws',
    );
  });
});
