import { describe, expect, it } from 'vitest';
import { AgentTimeoutError, type ChainAgent, type ChainProgress, runChain } from './runner.ts';

/** An agent that never finishes on its own: it settles only when its signal is aborted. */
function hangingAgent(name: string, timeoutMs = 5): ChainAgent {
  return {
    name,
    kind: 'llm',
    timeoutMs,
    run: (_input, { signal }) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
  };
}

function step(name: string, fn: (input: unknown) => unknown): ChainAgent {
  return { name, kind: 'deterministic', run: async (input) => fn(input) };
}

/** A clock that advances by `tick` ms on every read, so durations are exact. */
function tickingClock(tick = 10) {
  let now = 1_000;
  return () => {
    now += tick;
    return now;
  };
}

describe('runChain', () => {
  it('passes each output to the next agent and keeps every result by name', async () => {
    const seen: Record<string, unknown>[] = [];
    const outcome = await runChain(
      [
        step('double', (n) => (n as number) * 2),
        step('add', (n) => (n as number) + 1),
        {
          name: 'report',
          kind: 'deterministic',
          run: async (input, { results, runId }) => {
            seen.push({ ...results });
            return { input, runId };
          },
        },
      ],
      5,
      { runId: 'run-1' },
    );
    expect(outcome.status).toBe('succeeded');
    expect(outcome.results).toEqual({ double: 10, add: 11, report: { input: 11, runId: 'run-1' } });
    expect(seen).toEqual([{ double: 10, add: 11 }]);
    expect(outcome.error).toBeUndefined();
  });

  it('reports agent statuses and progress in order, with durations from the injected clock', async () => {
    const progress: ChainProgress[] = [];
    const outcome = await runChain([step('a', () => 1), step('b', () => 2)], null, {
      clock: tickingClock(10),
      onProgress: (p) => {
        progress.push(p);
      },
    });
    expect(progress).toEqual([
      { type: 'agent_status', agent: 'a', status: 'running', attempt: 1 },
      { type: 'agent_status', agent: 'a', status: 'succeeded', attempt: 1, duration_ms: 10 },
      { type: 'progress', completed: 1, total: 2, percent: 50, message: 'a finished (1 of 2)' },
      { type: 'agent_status', agent: 'b', status: 'running', attempt: 1 },
      { type: 'agent_status', agent: 'b', status: 'succeeded', attempt: 1, duration_ms: 10 },
      { type: 'progress', completed: 2, total: 2, percent: 100, message: 'b finished (2 of 2)' },
    ]);
    // Agent start, attempt start, attempt end, agent end: three ticks from first to last read.
    expect(outcome.log).toEqual([
      { agent: 'a', kind: 'deterministic', status: 'succeeded', duration_ms: 30, attempts: 1 },
      { agent: 'b', kind: 'deterministic', status: 'succeeded', duration_ms: 30, attempts: 1 },
    ]);
  });

  it('aborts a timed-out agent and fails the chain with agent_timeout, skipping later agents', async () => {
    let aborted: unknown;
    const slow = hangingAgent('slow');
    const watched: ChainAgent = {
      ...slow,
      run: (input, context) => {
        context.signal.addEventListener('abort', () => {
          aborted = context.signal.reason;
        });
        return slow.run(input, context);
      },
    };
    let laterRan = false;
    const outcome = await runChain(
      [step('first', () => 'ok'), watched, step('later', () => (laterRan = true))],
      0,
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toEqual({
      code: 'agent_timeout',
      agent: 'slow',
      message: 'Agent "slow" did not finish within 5 ms.',
    });
    expect(aborted).toBeInstanceOf(AgentTimeoutError);
    expect(laterRan).toBe(false);
    expect(outcome.results).toEqual({ first: 'ok' });
    expect(outcome.log.map((e) => [e.agent, e.status, e.attempts])).toEqual([
      ['first', 'succeeded', 1],
      ['slow', 'timed_out', 1],
    ]);
  });

  it('uses the chain default timeout when the agent has none', async () => {
    const { timeoutMs: _ignored, ...agent } = hangingAgent('slow');
    const outcome = await runChain([agent], 0, { defaultTimeoutMs: 3 });
    expect(outcome.error?.message).toBe('Agent "slow" did not finish within 3 ms.');
  });

  it('fails with agent_failed and the error message when an agent throws', async () => {
    const progress: ChainProgress[] = [];
    const outcome = await runChain(
      [
        step('boom', () => {
          throw new Error('bad data');
        }),
      ],
      0,
      { onProgress: (p) => void progress.push(p) },
    );
    expect(outcome.error).toEqual({ code: 'agent_failed', agent: 'boom', message: 'bad data' });
    expect(outcome.log[0]).toMatchObject({ status: 'failed', error: 'bad data', attempts: 1 });
    expect(progress.at(-1)).toMatchObject({ type: 'agent_status', status: 'failed', error: 'bad data' });
  });

  it('retries a failing agent up to its attempts and succeeds when a retry does', async () => {
    let calls = 0;
    const flaky: ChainAgent = {
      name: 'flaky',
      kind: 'llm',
      retry: { attempts: 3 },
      run: async () => {
        calls += 1;
        if (calls < 3) throw new Error(`overloaded ${calls}`);
        return 'done';
      },
    };
    const statuses: string[] = [];
    const outcome = await runChain([flaky], 0, {
      onProgress: (p) => {
        if (p.type === 'agent_status') statuses.push(`${p.status}#${p.attempt}`);
      },
    });
    expect(outcome.status).toBe('succeeded');
    expect(outcome.log[0]).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(statuses).toEqual([
      'running#1',
      'retrying#1',
      'running#2',
      'retrying#2',
      'running#3',
      'succeeded#3',
    ]);
  });

  it('retries a timeout when the policy allows, and gives up after the last attempt', async () => {
    const outcome = await runChain([{ ...hangingAgent('slow', 2), retry: { attempts: 2 } }], 0);
    expect(outcome.error?.code).toBe('agent_timeout');
    expect(outcome.log[0]).toMatchObject({ status: 'timed_out', attempts: 2 });
  });

  it('does not retry errors the policy rejects', async () => {
    let calls = 0;
    const outcome = await runChain(
      [
        {
          name: 'strict',
          kind: 'llm',
          retry: { attempts: 5, retryOn: (error) => !(error instanceof TypeError) },
          run: async () => {
            calls += 1;
            throw new TypeError('not retryable');
          },
        },
      ],
      0,
    );
    expect(calls).toBe(1);
    expect(outcome.error).toMatchObject({ code: 'agent_failed', message: 'not retryable' });
  });

  it('aborts the running agent when the caller aborts the chain', async () => {
    const controller = new AbortController();
    const outcome = await runChain([{ ...hangingAgent('slow', 60_000), retry: { attempts: 3 } }], 0, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.type === 'agent_status' && p.status === 'running')
          controller.abort(new Error('stopped by caller'));
      },
    });
    expect(outcome.error).toEqual({ code: 'agent_failed', agent: 'slow', message: 'stopped by caller' });
    expect(outcome.log[0]?.attempts).toBe(1);
  });

  it('succeeds at once with an empty chain', async () => {
    expect(await runChain([], 1)).toEqual({ status: 'succeeded', results: {}, log: [] });
  });
});
