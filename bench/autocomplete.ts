/**
 * autocomplete: what `POST /api/orchestrators/:id/autocomplete` costs on top of the model call it
 * makes, end to end on the real local stack (`wrangler dev --local`, the database behind the relay)
 * with the zero-latency Messages API emulator as the model. Baseline in the same run, against the
 * same emulator: a bare model call from this process replaying the very request the Worker sent
 * (system prompt, forced `suggest_completions` tool, the prompt with its context and learning). The orchestrator has a full window of feedback (30
 * rows) and, on PostgreSQL (shared with the Worker), two live agents and a few workspace files, so
 * the context queries do real work.
 *
 * The difference is the platform's part: auth, the orchestrator and budget lookups, the context
 * queries (agents, files, feedback), the answer's validation and the `model_calls` insert. A second
 * baseline, the round trip of a trivial authenticated POST (`POST /api/orchestrators`: auth, JSON
 * body, one INSERT), shows what any request through the Worker and its database costs here.
 */
import { performance } from 'node:perf_hooks';
import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { AUTOCOMPLETE_TOOL_NAME } from '../src/autocomplete/schema.ts';
import { insertAgent } from '../src/db/agents.ts';
import { writeFile } from '../src/workspace/store.ts';
import type { EmulatorStep } from '../test/emulator/steps.ts';
import { formatTable } from './lib/format.ts';
import { writeResult } from './lib/results.ts';
import type { BenchDatabase, Scenario } from './lib/scenario.ts';
import { printProblems, type Stack, startStack } from './lib/stack.ts';
import { percentile } from './lib/timing.ts';

const WARM_UP = 20;
/** ROUNDS × PER_ROUND per variant, the order rotating each round, so drift touches all alike. */
const ROUNDS = 8;
const PER_ROUND = 25;
const FEEDBACK_ROWS = 30;
const TEXT = 'create agent ';
const ANSWER: EmulatorStep = {
  tool_uses: [
    {
      name: AUTOCOMPLETE_TOOL_NAME,
      input: {
        completions: [
          { completion: 'builder as builder', reasoning: 'a template' },
          { completion: 'planner as planner', reasoning: 'a template' },
          { completion: 'scout as scout', reasoning: 'a template' },
        ],
      },
    },
  ],
};

export const autocompleteBench: Scenario = {
  name: 'autocomplete',
  summary: 'autocomplete latency p50/p99 vs a bare model call to the same emulator',
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

interface Variant {
  name: string;
  measure(): Promise<number>;
}

async function measure(database: BenchDatabase, stack: Stack): Promise<void> {
  const call = async (method: string, path: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${stack.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
  const { id } = (await call('POST', '/orchestrators', { name: 'bench autocomplete' })) as { id: string };
  const seeded = await seed(database, id, call);
  const total = WARM_UP + ROUNDS * PER_ROUND;
  // One more for the request captured for the baseline.
  await stack.emulator.control.script(`${id}:autocomplete`, Array(total + 1).fill(ANSWER));
  await stack.emulator.control.script('bench-bare', Array(total).fill(ANSWER));

  const endpoint: Variant = {
    name: 'POST …/autocomplete (Worker + model)',
    async measure() {
      const started = performance.now();
      const body = (await call('POST', `/orchestrators/${id}/autocomplete`, { text: TEXT })) as {
        completions: unknown[];
      };
      const ms = performance.now() - started;
      if (body.completions.length !== 3) throw new Error(`expected 3 completions: ${JSON.stringify(body)}`);
      return ms;
    },
  };
  const client = new Anthropic({ apiKey: 'bench-key', baseURL: stack.emulator.url, maxRetries: 0 });
  // The very request the Worker sends (the first warm-up's), replayed under the baseline's scope.
  await endpoint.measure();
  const [sent] = (await stack.emulator.control.requests(`${id}:autocomplete`)).requests;
  if (!sent) throw new Error('the autocomplete request did not reach the emulator');
  const request = { ...(sent.body as MessageCreateParamsNonStreaming), metadata: { user_id: 'bench-bare' } };
  const bare: Variant = {
    name: 'baseline: bare model call (same request)',
    async measure() {
      const started = performance.now();
      await client.messages.create(request);
      return performance.now() - started;
    },
  };
  const post: Variant = {
    name: 'baseline: POST /api/orchestrators (auth, one INSERT)',
    async measure() {
      const started = performance.now();
      await call('POST', '/orchestrators', { name: 'bench baseline' });
      return performance.now() - started;
    },
  };
  const variants = [endpoint, bare, post];
  for (const variant of variants) for (let i = 0; i < WARM_UP; i++) await variant.measure();
  const samples = new Map<Variant, number[]>(variants.map((variant) => [variant, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = variants.map((_, i) => variants[(i + round) % variants.length] as Variant);
    for (const variant of order) {
      for (let i = 0; i < PER_ROUND; i++) samples.get(variant)?.push(await variant.measure());
    }
  }
  report(stack, seeded, variants, samples);
  const figures = Object.fromEntries(
    variants.map((variant) => {
      const values = samples.get(variant) ?? [];
      return [
        variant.name,
        { p50_ms: percentile(values, 50), p99_ms: percentile(values, 99), n: values.length },
      ];
    }),
  );
  const path = await writeResult('autocomplete', { database: stack.databaseDescription, seeded, figures });
  console.log(`\nWritten: ${path}`);
}

/** Feedback through the API; agents and files straight into the database when the Worker shares it. */
async function seed(
  database: BenchDatabase,
  orchestratorId: string,
  call: (method: string, path: string, body: unknown) => Promise<unknown>,
): Promise<string> {
  for (let i = 0; i < FEEDBACK_ROWS; i++) {
    await call('POST', `/orchestrators/${orchestratorId}/autocomplete/feedback`, {
      outcome: i % 3 === 0 ? 'rejected' : 'accepted',
      input_before: TEXT,
      completion: `name${i} as builder`,
    });
  }
  if (database.kind !== 'postgres') return `${FEEDBACK_ROWS} feedback rows (PGlite: no agents or files)`;
  for (const name of ['alpha', 'beta']) {
    await insertAgent(database.db, { orchestratorId, name, model: 'haiku', systemPrompt: 'bench' });
  }
  for (let i = 0; i < 20; i++) await writeFile(database.db, orchestratorId, `notes/file-${i}.md`, `# ${i}\n`);
  return `${FEEDBACK_ROWS} feedback rows, 2 agents, 20 files`;
}

function report(stack: Stack, seeded: string, variants: Variant[], samples: Map<Variant, number[]>): void {
  console.log(`Worker: wrangler dev --local at ${stack.baseUrl}; code: ${stack.code}`);
  console.log(`Database: ${stack.databaseDescription}; seeded: ${seeded}`);
  const rows = variants.map((variant) => {
    const values = samples.get(variant) ?? [];
    return [variant.name, String(values.length), ms(percentile(values, 50)), ms(percentile(values, 99))];
  });
  console.log(
    `\n${formatTable(['variant', 'n', 'p50 ms', 'p99 ms'], rows, ['left', 'right', 'right', 'right'])}`,
  );
  const [endpoint, bare] = variants.map((variant) => samples.get(variant) ?? []);
  if (endpoint && bare) {
    const added = percentile(endpoint, 50) - percentile(bare, 50);
    console.log(`\nPlatform's part at p50 (endpoint − bare call): ${ms(added)} ms`);
  }
}

function ms(value: number): string {
  return value.toFixed(1);
}
