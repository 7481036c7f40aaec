/**
 * events-insert: how fast orchestrator events reach Postgres when the Durable Object flushes them in
 * batches through `appendEvents` (multi-row INSERT … ON CONFLICT DO NOTHING), against the original
 * system's pattern of one awaited INSERT per event. Both run on the same database in the same run, so
 * the ratio between them holds even where the absolute figures depend on the machine.
 *
 * Target (from the issue): ≥ 20,000 events/s batched on local Postgres, and ≥ 10× the per-row baseline.
 */

import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';
import { appendEvents, type EventRow } from '../src/db/events.ts';
import { events } from '../src/db/schema.ts';
import { createOrchestrator, dataBytes, eventStream } from './lib/event-rows.ts';
import { formatCount, formatRatio, formatSeconds, formatTable } from './lib/format.ts';
import { writeResult } from './lib/results.ts';
import type { BenchDatabase, Scenario } from './lib/scenario.ts';
import { median, timeSeconds } from './lib/timing.ts';

const BATCHED_EVENTS = 50_000;
const BATCH_SIZE = 500;
const PER_ROW_EVENTS = 3_000;
const WARM_UP = { batched: 5 * BATCH_SIZE, perRow: 300 };
const REPETITIONS = 3;
const TARGET_BATCHED_EVENTS_PER_SECOND = 20_000;
const TARGET_RATIO = 10;

interface Method {
  label: string;
  events: number;
  write(db: Database, rows: EventRow[]): Promise<void>;
}

/** The Durable Object's flush: batches of 500 through the production code path. */
const batched: Method = {
  label: `batched (appendEvents, ${BATCH_SIZE}/batch)`,
  events: BATCHED_EVENTS,
  async write(db, rows) {
    for (let start = 0; start < rows.length; start += BATCH_SIZE) {
      await appendEvents(db, rows.slice(start, start + BATCH_SIZE));
    }
  },
};

/** The original system: one awaited INSERT (one round trip, one commit) per event. */
const perRow: Method = {
  label: 'per-row (one INSERT per event)',
  events: PER_ROW_EVENTS,
  async write(db, rows) {
    for (const row of rows) {
      await db.insert(events).values(row);
    }
  },
};

interface Measurement {
  method: Method;
  runsSeconds: number[];
  medianSeconds: number;
  eventsPerSecond: number;
}

export const eventsInsert: Scenario = {
  name: 'events-insert',
  summary: 'batched multi-row event inserts (appendEvents) vs one INSERT per event',
  async run(database) {
    const { db } = database;
    const stream = eventStream(await createOrchestrator(db));

    // Warm-up: connections, prepared plans, relation extension; then start every run from an empty table.
    await batched.write(db, stream.take(WARM_UP.batched));
    await perRow.write(db, stream.take(WARM_UP.perRow));

    const runs = new Map<Method, number[]>([
      [batched, []],
      [perRow, []],
    ]);
    const payloadBytes: number[] = [];
    const labelWidth = Math.max(batched.label.length, perRow.label.length);
    for (let repetition = 1; repetition <= REPETITIONS; repetition++) {
      // Alternate the methods so drift over the run (autovacuum, checkpoints) touches both alike.
      for (const method of [batched, perRow]) {
        const rows = stream.take(method.events);
        for (const row of rows) payloadBytes.push(dataBytes(row));
        await db.execute(sql`truncate table ${events}`);
        const seconds = await timeSeconds(() => method.write(db, rows));
        await expectStored(db, method.events);
        runs.get(method)?.push(seconds);
        const count = formatCount(method.events).padStart(6);
        const rate = formatCount(method.events / seconds);
        console.log(
          `  run ${repetition}/${REPETITIONS}  ${method.label.padEnd(labelWidth)}  ${count} events ` +
            `in ${formatSeconds(seconds)} s  (${rate} events/s)`,
        );
      }
    }

    const measurements = [batched, perRow].map((method) => summarize(method, runs.get(method) ?? []));
    const [batchedResult, perRowResult] = measurements;
    if (!batchedResult || !perRowResult) throw new Error('missing measurements');
    const ratio = batchedResult.eventsPerSecond / perRowResult.eventsPerSecond;
    const targets = [
      {
        target: `batched ≥ ${formatCount(TARGET_BATCHED_EVENTS_PER_SECOND)} events/s on local Postgres`,
        measured: `${formatCount(batchedResult.eventsPerSecond)} events/s`,
        pass: batchedResult.eventsPerSecond >= TARGET_BATCHED_EVENTS_PER_SECOND,
      },
      {
        target: `batched ≥ ${TARGET_RATIO}× the per-row baseline`,
        measured: formatRatio(ratio),
        pass: ratio >= TARGET_RATIO,
      },
    ];

    const payload = sizeStats(payloadBytes);
    report(database, measurements, ratio, targets, payload);
    const path = await writeResult('events-insert', {
      scenario: 'events-insert',
      measuredAt: new Date().toISOString(),
      database: { kind: database.kind, serverVersion: database.serverVersion, settings: database.settings },
      repetitions: REPETITIONS,
      payloadBytes: payload,
      methods: measurements.map((m) => ({
        method: m.method.label,
        events: m.method.events,
        runsSeconds: m.runsSeconds,
        medianSeconds: m.medianSeconds,
        eventsPerSecond: m.eventsPerSecond,
      })),
      ratio,
      targets,
    });
    console.log(`\nResult written to ${path}`);
  },
};

function summarize(method: Method, runsSeconds: number[]): Measurement {
  const medianSeconds = median(runsSeconds);
  return { method, runsSeconds, medianSeconds, eventsPerSecond: method.events / medianSeconds };
}

/** Every event written must be stored: a silently skipped row would flatter the figures. */
async function expectStored(db: Database, expected: number): Promise<void> {
  const stored = await db.$count(events);
  if (stored !== expected) throw new Error(`expected ${expected} stored events, found ${stored}`);
}

function report(
  database: BenchDatabase,
  measurements: Measurement[],
  ratio: number,
  targets: { target: string; measured: string; pass: boolean }[],
  payload: { min: number; max: number; mean: number },
): void {
  const onPglite = database.kind === 'pglite';
  console.log('');
  console.log(`Database: ${database.description}`);
  const settings = Object.entries(database.settings).map(([name, value]) => `${name}=${value}`);
  console.log(`Settings: ${settings.join(', ')}`);
  console.log(
    `Payload: data jsonb ${payload.min}–${payload.max} bytes ` +
      `(mean ${Math.round(payload.mean)}); median of ${REPETITIONS} runs each\n`,
  );
  const rows = measurements.map((m) => [
    m.method.label,
    formatCount(m.method.events),
    formatSeconds(m.medianSeconds),
    formatCount(m.eventsPerSecond),
    m.runsSeconds.map((seconds) => formatCount(m.method.events / seconds)).join(' / '),
  ]);
  console.log(
    formatTable(['scenario', 'events', 'seconds', 'events/s', 'runs (events/s)'], rows, [
      'left',
      'right',
      'right',
      'right',
      'right',
    ]),
  );
  console.log(`\nRatio batched/per-row: ${formatRatio(ratio)}\n`);
  console.log('Targets (from the issue):');
  for (const { target, measured, pass } of targets) {
    console.log(`  [${pass ? 'PASS' : 'MISS'}] ${target}: ${measured}`);
  }
  if (onPglite) {
    console.log(
      '  Note: measured on PGlite, NOT PostgreSQL; these markers say nothing about the Postgres target.',
    );
  }
}

/** Min, max and mean without spreading (tens of thousands of arguments overflow the stack). */
function sizeStats(values: readonly number[]): { min: number; max: number; mean: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
    sum += value;
  }
  return { min, max, mean: sum / values.length };
}
