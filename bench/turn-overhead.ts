/**
 * turn-overhead: what the platform adds to an orchestrator turn besides the model's own time, end to
 * end on the real local stack (`wrangler dev --local`, the Durable Object, Postgres behind the relay)
 * with a zero-latency Messages API emulator as the model.
 *
 * A turn is timed from `POST /api/orchestrators/:id/messages` being sent to `turn_completed` arriving
 * on the orchestrator's WebSocket; the time the emulator spent answering the turn's model requests is
 * subtracted (bench/lib/emulator-timing.ts). Two scripted turns: one text answer (one model call), and
 * one tool call (`list_agents`) then a text answer (two model calls). Baselines in the same run: the
 * round trip of a trivial authenticated POST (`POST /api/orchestrators`: auth, JSON body, one INSERT)
 * and of `GET /api/health`, so the ratio shows what a turn adds to any request.
 *
 * Target (from the issue): p50 ≤ 5 ms per turn excluding model time.
 */
import { performance } from 'node:perf_hooks';
import type { EmulatorStep } from '../test/emulator/steps.ts';
import { type BenchApi, benchApi } from './lib/bench-api.ts';
import { cpuSnapshot, cpuUsage, loadAverage, stackCpuGroups } from './lib/cpu.ts';
import { activityPer, type PgActivity, settledPgActivity } from './lib/pg-activity.ts';
import type { BenchDatabase, Scenario } from './lib/scenario.ts';
import { printProblems, type Stack, startStack } from './lib/stack.ts';
import { reportTurnOverhead, type Sample, type Variant } from './lib/turn-report.ts';
import { type TurnRunner, turnRunner } from './lib/turn-runner.ts';

const WARM_UP = 20;
/**
 * Measured requests per variant: ROUNDS × PER_ROUND, the variants' order rotating each round so that
 * drift (other load on the machine, autovacuum) touches all alike. Rounds are short so that no
 * orchestrator sits idle long enough for `wrangler dev` to evict its object between its batches.
 */
const ROUNDS = 8;
const PER_ROUND = 25;
/** Extra requests per variant, untimed, to count PostgreSQL work per request (PostgreSQL only). */
const COUNTED = 25;
const COUNT_WARM_UP = 3;

export const turnOverhead: Scenario = {
  name: 'turn-overhead',
  summary: 'platform time per orchestrator turn, model time excluded, vs a trivial POST round trip',
  async run(database) {
    const stack = await startStack(database);
    try {
      await measure(database, stack);
    } catch (error) {
      printProblems(stack);
      throw error;
    } finally {
      await stack.close();
    }
  },
};

async function measure(database: BenchDatabase, stack: Stack): Promise<void> {
  console.log(`Worker: wrangler dev --local at ${stack.baseUrl}; code: ${stack.code}`);
  console.log(`Database: ${stack.databaseDescription}`);
  const api = benchApi(stack.baseUrl, stack.token);
  const runners: TurnRunner[] = [];
  try {
    const post: Variant = {
      name: 'baseline: POST /api/orchestrators',
      modelCalls: 0,
      measure: () => timed(() => api.createOrchestrator('bench baseline')),
    };
    const health: Variant = {
      name: 'baseline: GET /api/health',
      modelCalls: 0,
      measure: () => timed(() => api.health()),
    };
    const text = await turnVariant(stack, api, runners, 'turn: text answer (1 model call)', () => [
      { text: 'Done.' },
    ]);
    const tool = await turnVariant(stack, api, runners, 'turn: list_agents + text (2 model calls)', () => [
      { tool_uses: [{ name: 'list_agents' }] },
      { text: 'No agents yet.' },
    ]);
    const variants = [post, health, text, tool];

    for (const variant of variants) for (let i = 0; i < WARM_UP; i++) await variant.measure();
    const samples = new Map<Variant, Sample[]>(variants.map((variant) => [variant, []]));
    const groups = stackCpuGroups(stack);
    const loadBefore = loadAverage();
    const cpuBefore = cpuSnapshot(groups);
    for (let round = 0; round < ROUNDS; round++) {
      const order = variants.map((_, i) => variants[(i + round) % variants.length] as Variant);
      const line: string[] = [];
      for (const variant of order) {
        const started = performance.now();
        for (let i = 0; i < PER_ROUND; i++) samples.get(variant)?.push(await variant.measure());
        line.push(`${shortName(variant)} ${((performance.now() - started) / PER_ROUND).toFixed(1)}`);
      }
      console.log(`  round ${round + 1}/${ROUNDS}  ms per request: ${line.join(', ')}`);
    }
    const cpu = cpuUsage(cpuBefore, cpuSnapshot(groups));
    const counted =
      database.kind === 'postgres' ? await countPgWork(database, [text, tool, post]) : undefined;
    await reportTurnOverhead({
      stack,
      variants,
      samples,
      counted,
      reconnects: runners.reduce((sum, runner) => sum + runner.reconnects, 0),
      cpu,
      loadBefore,
      settings: { warmUp: WARM_UP, rounds: ROUNDS, perRound: PER_ROUND, counted: COUNTED },
    });
  } finally {
    for (const runner of runners) runner.close();
  }
}

/** A turn variant on its own orchestrator (its conversation grows by one turn per measurement). */
async function turnVariant(
  stack: Stack,
  api: BenchApi,
  runners: TurnRunner[],
  name: string,
  steps: () => EmulatorStep[],
): Promise<Variant> {
  const orchestratorId = await api.createOrchestrator(name);
  const runner = await turnRunner(stack, api, orchestratorId);
  runners.push(runner);
  const modelCalls = steps().length;
  return {
    name,
    modelCalls,
    async measure() {
      const turn = await runner.run(steps());
      if (turn.modelCalls !== modelCalls) {
        const types = turn.events.map((event) => event.type).join(', ');
        throw new Error(
          `${name}: expected ${modelCalls} model calls, the turn made ${turn.modelCalls}: ${types}`,
        );
      }
      return { ms: turn.wallMs - turn.emulatorMs, turn };
    },
  };
}

async function timed(work: () => Promise<unknown>): Promise<Sample> {
  const started = performance.now();
  await work();
  return { ms: performance.now() - started };
}

/**
 * PostgreSQL's own count of the work per request. Each variant: a few untimed requests (so its object
 * is loaded and its connections open, as in the timed rounds), the statistics left to settle, then
 * COUNTED requests between two settled readings. A settle (11 s) is shorter than the idle time after
 * which `wrangler dev` evicts an object (~15 s after its last event: 10 s after its heartbeat alarm),
 * so the counted turns never include a cold start.
 */
async function countPgWork(database: BenchDatabase, variants: Variant[]): Promise<Map<Variant, PgActivity>> {
  const seconds = Math.round((variants.length * 2 * 11_000) / 1_000);
  console.log(
    `  counting PostgreSQL work: ${COUNTED} more requests of each (~${seconds} s, mostly settling)`,
  );
  const per = new Map<Variant, PgActivity>();
  for (const variant of variants) {
    for (let i = 0; i < COUNT_WARM_UP; i++) await variant.measure();
    const before = await settledPgActivity(database.db);
    for (let i = 0; i < COUNTED; i++) await variant.measure();
    per.set(variant, activityPer(before, await settledPgActivity(database.db), COUNTED));
  }
  return per;
}

function shortName(variant: Variant): string {
  return variant.name.replace(/^(baseline|turn): /, '').replace(/ \(.*\)$/, '');
}
