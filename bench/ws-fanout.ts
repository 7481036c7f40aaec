/**
 * ws-fanout: how many events per second one orchestrator's Durable Object delivers to EACH of 100
 * live WebSocket clients, and how late (event `ts`, set by the object → receipt by the client, same
 * machine clock), on the real local stack with the Messages API emulator as a zero-latency model.
 *
 * Load: scripted turns whose model messages each hold many parallel `list_agents` calls (cheap,
 * concurrency-safe), each call producing four events (tool_use, PreToolUse, tool_result, PostToolUse),
 * plus what the platform adds (model_call, chat and turn markers, event summaries). Text streaming is
 * not used: deltas are coalesced per ~40 ms and would not load the fan-out. The clients run in their
 * own process (bench/lib/fanout-clients.ts) and check that every one of them receives every event, in
 * `seq` order, with no gap and no duplicate. Baseline in the same run: the same load with one client.
 *
 * Target (from the issue): ≥ 2,000 events/s to each of 100 clients with p99 delivery ≤ 50 ms, or the
 * measured ceiling and what bounds it (see the CPU table: workerd's JavaScript thread, Postgres, …).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorStep } from '../test/emulator/steps.ts';
import { type BenchApi, benchApi, eventSocketUrl } from './lib/bench-api.ts';
import { cpuSnapshot, cpuUsage, loadAverage, stackCpuGroups } from './lib/cpu.ts';
import { type FanoutProcess, startFanoutClients } from './lib/fanout-process.ts';
import { type FanoutRun, reportFanout } from './lib/fanout-report.ts';
import type { Scenario } from './lib/scenario.ts';
import { printProblems, type Stack, startStack } from './lib/stack.ts';

interface Config {
  clients: number;
  /** Whether the clients offer permessage-deflate (browsers do). */
  compress: boolean;
}

/**
 * The baseline, the target's case, and the target's case without compression: the last one tells how
 * much of the fan-out's cost is compressing every frame once per socket.
 */
const CONFIGS: Config[] = [
  { clients: 1, compress: true },
  { clients: 100, compress: true },
  { clients: 100, compress: false },
];
const TURNS = 3;
/** Model calls per turn (the last one answers with text), and parallel tool calls per model message. */
const MODEL_CALLS = 8;
const TOOL_CALLS = 30;
const TURN_TIMEOUT_MS = 120_000;
/** After the load, time for the last events (background summaries) to arrive before collecting. */
const TRICKLE_MS = 3_000;

export const wsFanout: Scenario = {
  name: 'ws-fanout',
  summary: 'events/s and delivery latency to each of 100 WebSocket clients on one orchestrator, vs 1 client',
  async run(database) {
    const stack = await startStack(database);
    try {
      console.log(`Worker: wrangler dev --local at ${stack.baseUrl}; code: ${stack.code}`);
      console.log(`Database: ${stack.databaseDescription}`);
      const api = benchApi(stack.baseUrl, stack.token);
      // Warm-up: the Worker, the object class and the Postgres connections, on a throwaway orchestrator.
      await runLoad(stack, api, { clients: 1, compress: true }, 1);
      const runs: FanoutRun[] = [];
      for (const config of CONFIGS) runs.push(await runLoad(stack, api, config, TURNS));
      await reportFanout(stack, runs, { turns: TURNS, modelCalls: MODEL_CALLS, toolCalls: TOOL_CALLS });
    } catch (error) {
      printProblems(stack);
      throw error;
    } finally {
      await stack.close();
    }
  },
};

/** One load on a fresh orchestrator (same history growth for every client count). */
async function runLoad(stack: Stack, api: BenchApi, config: Config, turns: number): Promise<FanoutRun> {
  const { clients, compress } = config;
  const orchestratorId = await api.createOrchestrator(`fanout ${clients}`);
  const url = eventSocketUrl(stack.baseUrl, orchestratorId);
  const fanout = await startFanoutClients(url, stack.token, clients, compress);
  try {
    const seqBefore = await api.lastSeq(orchestratorId);
    const groups = stackCpuGroups(stack, { 'fan-out clients (own process)': { roots: [fanout.pid] } });
    const loadBefore = loadAverage();
    const cpuBefore = cpuSnapshot(groups);
    let endSeq = seqBefore;
    for (let turn = 1; turn <= turns; turn++) {
      try {
        endSeq = await driveTurn(stack, api, fanout, orchestratorId, turn);
      } catch (error) {
        const stall = await describeStall(stack, api, fanout, orchestratorId);
        throw new Error(`${error instanceof Error ? error.message : error}; ${stall}`);
      }
    }
    const cpu = cpuUsage(cpuBefore, cpuSnapshot(groups));
    await sleep(TRICKLE_MS);
    const untilSeq = await api.lastSeq(orchestratorId);
    const stats = await fanout.collect(untilSeq, endSeq, 20_000);
    const label = `${clients} client${clients > 1 ? 's' : ''}${compress ? '' : ', no deflate'}`;
    if (turns > 1) {
      const seconds = cpu.seconds.toFixed(1);
      console.log(
        `  ${label}: ${endSeq - seqBefore} events in ${seconds} s (compression: ${fanout.compression})`,
      );
    }
    return {
      label,
      clients,
      seqBefore,
      endSeq,
      untilSeq,
      stats,
      cpu,
      loadBefore,
      compression: fanout.compression,
    };
  } finally {
    await fanout.stop();
  }
}

/** Runs one turn and waits for its last event (`orchestrator_updated`) on client 0; returns its seq. */
async function driveTurn(
  stack: Stack,
  api: BenchApi,
  fanout: FanoutProcess,
  orchestratorId: string,
  turn: number,
): Promise<number> {
  await stack.emulator.control.script(orchestratorId, turnSteps());
  const { turn_id: turnId } = await api.sendMessage(orchestratorId, `fan-out turn ${turn}`);
  const end = await fanout.turnEvent(
    (event) => event.turnId === turnId && event.eventType.startsWith('turn_'),
    TURN_TIMEOUT_MS,
  );
  if (end.eventType !== 'turn_completed') {
    throw new Error(`turn ${turn} ended as ${end.eventType} (${end.status})`);
  }
  const updated = await fanout.turnEvent(
    (event) => event.eventType === 'orchestrator_updated' && event.seq > end.seq,
    TURN_TIMEOUT_MS,
  );
  return updated.seq;
}

/** What the object and the clients had reached when a turn did not end in time. */
async function describeStall(
  stack: Stack,
  api: BenchApi,
  fanout: FanoutProcess,
  orchestratorId: string,
): Promise<string> {
  const live = await api.live(orchestratorId).catch((error: unknown) => ({ error: String(error) }));
  const model = await stack.emulator.control.requests(orchestratorId).catch(() => undefined);
  const stats = await fanout.collect(0, 0, 0).catch(() => undefined);
  const seqs = stats?.clients.map((client) => client.lastSeq) ?? [];
  const closedCodes = stats?.clients.map((client) => client.closed).filter((code) => code !== false) ?? [];
  const closed = `${closedCodes.length} closed (codes: ${[...new Set(closedCodes)].join(', ') || 'none'})`;
  return (
    `object: ${JSON.stringify(live)}; clients' last seq: ${Math.min(...seqs)}–${Math.max(...seqs)}, ` +
    `${closed}; model requests: ${model?.requests.length ?? '?'}, ` +
    `steps left: ${model?.pending_steps ?? '?'}`
  );
}

/** One turn: MODEL_CALLS − 1 messages of TOOL_CALLS parallel `list_agents` calls, then a text answer. */
function turnSteps(): EmulatorStep[] {
  const toolMessage: EmulatorStep = {
    tool_uses: Array.from({ length: TOOL_CALLS }, () => ({ name: 'list_agents' })),
  };
  return [...Array.from({ length: MODEL_CALLS - 1 }, () => toolMessage), { text: 'All agents listed.' }];
}
