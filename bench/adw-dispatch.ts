/**
 * adw-dispatch: how long a workflow step waits between being enqueued and starting, end to end on the
 * real local stack (`wrangler dev --local`, its local queue, the Durable Object, Postgres behind the
 * relay), with the Messages API emulator answering the step agents at once.
 *
 * Each run is a plan_build workflow, so two dispatches per run: step 1 (enqueued by the create
 * request) and step 2 (enqueued when step 1 ends). A dispatch is timed on the client, on one event
 * socket, from the workflow's `adw_event` "Step N enqueued." (emitted right after the queue accepted
 * the message) to the step's `adw_step_change` StepStart: queue delivery, the consumer, the hand-off
 * to the Durable Object by RPC, the compare-and-set claim, the step agent's row and StepStart.
 * Baseline in the same run: the same messages' time in the queue alone (enqueued → the consumer's
 * hand-off reaching the object), which StepStart reports as `queue_ms`: the cost of a message that
 * does nothing, and the ratio shows what claiming and starting a step adds.
 */
import { performance } from 'node:perf_hooks';
import type { WireEvent } from '../src/events/types.ts';
import { benchApi } from './lib/bench-api.ts';
import { formatTable } from './lib/format.ts';
import type { Scenario } from './lib/scenario.ts';
import { printProblems, type Stack, startStack } from './lib/stack.ts';
import { percentile } from './lib/timing.ts';

const WARM_UP_RUNS = 3;
const RUNS = 40;
const RUN_LIMIT_MS = 30_000;

export const adwDispatch: Scenario = {
  name: 'adw-dispatch',
  summary: 'workflow step dispatch latency through the local queue (enqueued → StepStart), p50 and p99',
  async run(database) {
    const stack = await startStack(database);
    try {
      await measure(stack);
    } catch (error) {
      printProblems(stack);
      throw error;
    } finally {
      await stack.close();
    }
  },
};

async function measure(stack: Stack): Promise<void> {
  console.log(`Worker: wrangler dev --local at ${stack.baseUrl}; code: ${stack.code}`);
  console.log(`Database: ${stack.databaseDescription}`);
  const api = benchApi(stack.baseUrl, stack.token);
  const orchestratorId = await api.createOrchestrator('adw-dispatch');
  const arrivals: Array<{ event: WireEvent; at: number }> = [];
  const waiters = new Set<() => void>();
  const socket = await api.openEvents(orchestratorId, (event, at) => {
    arrivals.push({ event, at });
    for (const wake of waiters) wake();
  });
  const dispatchMs: number[] = [];
  const queueMs: number[] = [];
  try {
    for (let run = 0; run < WARM_UP_RUNS + RUNS; run++) {
      const result = await oneRun(stack, orchestratorId, arrivals, waiters, run);
      if (run < WARM_UP_RUNS) continue;
      dispatchMs.push(...result.dispatch);
      queueMs.push(...result.queue);
      if ((run - WARM_UP_RUNS + 1) % 10 === 0) console.log(`  ${run - WARM_UP_RUNS + 1}/${RUNS} workflows`);
    }
  } finally {
    socket.close();
  }
  const row = (name: string, values: number[]) => [
    name,
    String(values.length),
    percentile(values, 50).toFixed(1),
    percentile(values, 99).toFixed(1),
  ];
  console.log('');
  console.log(
    formatTable(
      ['measure', 'samples', 'p50 ms', 'p99 ms'],
      [
        row('baseline: queue transit of the message (queue_ms)', queueMs),
        row('dispatch: enqueued → StepStart', dispatchMs),
      ],
      ['left', 'right', 'right', 'right'],
    ),
  );
  const ratio = (p: number) => percentile(dispatchMs, p) / Math.max(0.1, percentile(queueMs, p));
  console.log(`\nRatio dispatch / queue transit: p50 ${ratio(50).toFixed(1)}×, p99 ${ratio(99).toFixed(1)}×`);
}

async function oneRun(
  stack: Stack,
  orchestratorId: string,
  arrivals: Array<{ event: WireEvent; at: number }>,
  waiters: Set<() => void>,
  run: number,
): Promise<{ dispatch: number[]; queue: number[] }> {
  const response = await fetch(`${stack.baseUrl}/api/orchestrators/${orchestratorId}/adws`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ workflow_type: 'plan_build', prompt: `bench ${run}`, name: `bench-${run}` }),
  });
  if (response.status !== 201) throw new Error(`start: ${response.status} ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  const scope = (step: string) => `${orchestratorId}:${step}-${id.slice(0, 8)}`;
  const path = `specs/bench-${run}.md`;
  await stack.emulator.control.script(scope('plan'), [
    { tool_uses: [{ name: 'write_file', input: { path, content: '# Plan\n' } }] },
    { tool_uses: [{ name: 'submit_plan', input: { path } }] },
    { text: 'planned' },
  ]);
  await stack.emulator.control.script(scope('build'), [{ text: 'built' }]);
  await until(waiters, RUN_LIMIT_MS, () =>
    arrivals.some(
      ({ event }) =>
        event.type === 'adw_status' &&
        event.adw_id === id &&
        event.data.status !== 'in_progress' &&
        event.data.status !== 'pending',
    ),
  );
  const mine = arrivals.filter(({ event }) => event.adw_id === id);
  const final = mine.find(({ event }) => event.type === 'adw_status' && event.data.status !== 'in_progress');
  if (final?.event.data.status !== 'completed')
    throw new Error(`workflow ${id} ended ${String(final?.event.data.status)}`);
  const dispatch: number[] = [];
  const queue: number[] = [];
  for (const index of [0, 1]) {
    const enqueued = mine.find(
      ({ event }) => event.type === 'adw_event' && event.data.message === `Step ${index + 1} enqueued.`,
    );
    const started = mine.find(
      ({ event }) =>
        event.type === 'adw_step_change' &&
        event.data.step_index === index &&
        event.data.change === 'StepStart',
    );
    if (!enqueued || !started) throw new Error(`workflow ${id}: step ${index} events missing`);
    dispatch.push(started.at - enqueued.at);
    if (typeof started.event.data.queue_ms === 'number') queue.push(started.event.data.queue_ms);
  }
  return { dispatch, queue };
}

function until(waiters: Set<() => void>, limitMs: number, done: () => boolean): Promise<void> {
  if (done()) return Promise.resolve();
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`no result after ${Math.round(performance.now() - started)} ms`));
    }, limitMs);
    const check = () => {
      if (!done()) return;
      clearTimeout(timer);
      waiters.delete(check);
      resolve();
    };
    waiters.add(check);
  });
}
