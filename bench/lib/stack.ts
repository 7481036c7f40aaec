/**
 * The real local stack for end-to-end benchmarks, as `npm run dev` runs it (scripts/dev.ts), but with
 * the model pointed at the in-process Messages API emulator (test/emulator) and everything private to
 * this run: the scratch database of the run (PostgreSQL behind the WebSocket relay, or an in-memory
 * PGlite when the run fell back to it), a bench API token, and `wrangler dev --local` on a free port,
 * building a snapshot of the Worker's sources, with its own persistence folder and env file (mode 600)
 * under .wrangler/bench-<pid>/ (scripts/local/local-stack.ts, shared with the browser tests). `close()`
 * stops all of it and removes that folder; so does `bench/run.ts` on Ctrl-C or failure (the stack
 * registers itself with bench/lib/cleanup.ts).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startLocalStack } from '../../scripts/local/local-stack.ts';
import { type EmulatorControl, emulatorControl } from '../../test/emulator/control.ts';
import { startEmulator } from '../../test/emulator/server.ts';
import { deferCleanup } from './cleanup.ts';
import { type EmulatorTimings, timeEmulator } from './emulator-timing.ts';
import type { BenchDatabase } from './scenario.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Stack {
  /** `http://127.0.0.1:<port>` of the Worker. */
  baseUrl: string;
  token: string;
  databaseKind: 'postgres' | 'pglite';
  /** What the Worker's database is, for the report. */
  databaseDescription: string;
  /** Which code the Worker runs (see `codeState`). */
  code: string;
  emulator: { url: string; control: EmulatorControl; timings: EmulatorTimings };
  /** Process id of `wrangler dev` (the leader of its process group: wrangler, workerd, esbuild). */
  wranglerPid: number;
  /** wrangler's output lines that look like errors or warnings, seen since the stack started. */
  problems(): string[];
  close(): Promise<void>;
}

export async function startStack(database: BenchDatabase): Promise<Stack> {
  const undo: (() => Promise<void>)[] = [];
  try {
    const emulator = await startEmulator();
    const timings = timeEmulator(Number(new URL(emulator.url).port));
    undo.push(
      deferCleanup('model emulator', async () => {
        timings.stop();
        await emulator.close();
      }),
    );
    const code = codeState();
    // The Worker gets its own connections to the run's scratch database (migrating again is a no-op);
    // on the PGlite fallback it gets a fresh embedded database, served by the relay in this process.
    const local = await startLocalStack({
      root,
      dir: `${root}.wrangler/bench-${process.pid}`,
      databaseUrl: database.kind === 'postgres' ? database.url : undefined,
      model: { ANTHROPIC_API_KEY: 'bench-key', ANTHROPIC_BASE_URL: emulator.url },
      expectProvider: 'anthropic-compatible',
      tokenPrefix: 'bench',
      // Only warnings and errors: wrangler's per-request log lines are dev-server work that the
      // platform does not do, and would be counted as orchestration overhead.
      logLevel: 'warn',
    });
    undo.push(deferCleanup('wrangler dev and the local database relay', local.close));
    return {
      baseUrl: local.baseUrl,
      token: local.token,
      databaseKind: local.database.kind,
      databaseDescription:
        local.database.kind === 'postgres'
          ? `PostgreSQL (the run's scratch database, through the WebSocket relay)`
          : 'PGlite in memory, through the WebSocket relay — NOT a PostgreSQL server',
      code,
      emulator: { url: emulator.url, control: emulatorControl(emulator.url), timings },
      wranglerPid: local.wranglerPid(),
      problems: local.problems,
      close: () => closeAll(undo),
    };
  } catch (error) {
    await closeAll(undo);
    throw error;
  }
}

async function closeAll(undo: (() => Promise<void>)[]): Promise<void> {
  for (const step of undo.splice(0).reverse()) await step();
}

/** Which code the run measures: the commit, and how many files under src/ differ from it. */
export function codeState(): string {
  const git = (args: string[]): string =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const changed = git(['status', '--porcelain', '--', 'src']).split('\n').filter(Boolean).length;
    const commit = git(['rev-parse', '--short', 'HEAD']);
    return changed === 0
      ? `commit ${commit}`
      : `commit ${commit} + ${changed} uncommitted change(s) under src/ (working tree as the run began)`;
  } catch {
    return 'unknown (no git)';
  }
}

/** After a failure: what wrangler said that looked like a problem (the Worker's errors among it). */
export function printProblems(stack: Stack): void {
  const problems = stack.problems();
  if (problems.length === 0) return;
  console.error(`wrangler reported (last ${Math.min(10, problems.length)} of ${problems.length}):`);
  for (const line of problems.slice(-10)) console.error(`  ${line}`);
}

/** Said under a report's targets when the figures come from PGlite, as events-insert does. */
export function pgliteNote(stack: Stack): void {
  if (stack.databaseKind !== 'pglite') return;
  console.log(
    '  Note: measured on PGlite, NOT PostgreSQL; these markers say nothing about the Postgres target.',
  );
}
