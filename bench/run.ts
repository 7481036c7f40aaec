/**
 * Benchmark entry point (`npm run bench`, or `npm run bench -- <scenario> …` to pick some; a group
 * name such as `ui` picks every scenario named `ui-…`). Opens one
 * scratch database for the run, runs the chosen scenarios in order, and always drops the database
 * afterwards. Exits non-zero only when something fails; a missed target is a result, not an error.
 */
import { adwDispatch } from './adw-dispatch.ts';
import { autocompleteBench } from './autocomplete.ts';
import { backtestThroughput } from './backtest.ts';
import { backtestApi } from './backtest-api.ts';
import { bundleSize } from './bundle-size.ts';
import { eventsInsert } from './events-insert.ts';
import { runAllCleanups } from './lib/cleanup.ts';
import { openBenchDatabase } from './lib/database.ts';
import type { Scenario } from './lib/scenario.ts';
import { optionsGreeks } from './options-greeks.ts';
import { seasonPlanContext } from './season-plan-context.ts';
import { snapshotUpsert } from './snapshot-upsert.ts';
import { turnOverhead } from './turn-overhead.ts';
import { uiFrames } from './ui-frames.ts';
import { uiLoad } from './ui-load.ts';
import { wsFanout } from './ws-fanout.ts';

/** Every scenario, in the order a plain `npm run bench` runs them. Add new ones here. */
const scenarios: readonly Scenario[] = [
  eventsInsert,
  turnOverhead,
  wsFanout,
  adwDispatch,
  uiLoad,
  uiFrames,
  optionsGreeks,
  snapshotUpsert,
  autocompleteBench,
  backtestThroughput,
  backtestApi,
  seasonPlanContext,
  bundleSize,
];

function selectScenarios(names: readonly string[]): Scenario[] {
  if (names.length === 0) return [...scenarios];
  return names.flatMap((name) => {
    const scenario = scenarios.find((candidate) => candidate.name === name);
    const group = scenarios.filter((candidate) => candidate.name.startsWith(`${name}-`));
    if (!scenario && group.length > 0) return group;
    if (!scenario) {
      const known = scenarios.map((candidate) => candidate.name).join(', ');
      throw new Error(`unknown scenario "${name}"; available: ${known}`);
    }
    return scenario;
  });
}

let interrupted = false;

async function main(): Promise<void> {
  const selected = selectScenarios(process.argv.slice(2));
  // None when every chosen scenario goes without (bundle-size alone).
  const database = selected.some((scenario) => scenario.database !== false)
    ? await openBenchDatabase()
    : undefined;
  let closing: Promise<void> | undefined;
  // First whatever a scenario left running (the local stack: wrangler, relay, emulator), then the database.
  const close = (): Promise<void> => {
    closing ??= runAllCleanups().finally(() => database?.close());
    return closing;
  };
  // Ctrl-C mid-run still stops the stack and drops the scratch database (the work in flight then
  // fails; that is expected).
  process.once('SIGINT', () => {
    interrupted = true;
    console.error('\nInterrupted: stopping what the run started and dropping the scratch database.');
    close().finally(() => process.exit(130));
  });
  if (database) console.log(`Database: ${database.description}`);
  try {
    for (const scenario of selected) {
      console.log(`\n== ${scenario.name}: ${scenario.summary}\n`);
      if (scenario.database === false) await scenario.run();
      // Opened above whenever such a scenario was chosen.
      else if (database) await scenario.run(database);
    }
  } finally {
    await close();
  }
}

/** drizzle puts the whole statement and its parameters in the message; the cause is what matters. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const message = error.message.length > 200 ? `${error.message.slice(0, 200)}…` : error.message;
  return error.cause === undefined ? message : `${message}\n  cause: ${describe(error.cause)}`;
}

main().catch((error: unknown) => {
  if (interrupted) return;
  console.error(`bench failed: ${describe(error)}`);
  if (error instanceof Error && process.env.BENCH_DEBUG) console.error(error.stack);
  process.exitCode = 1;
});
