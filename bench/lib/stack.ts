/**
 * The real local stack for end-to-end benchmarks, as `npm run dev` runs it (scripts/dev.ts), but with
 * the model pointed at the in-process Messages API emulator (test/emulator) and everything private to
 * this run: the scratch database of the run (PostgreSQL behind the WebSocket relay, or an in-memory
 * PGlite when the run fell back to it), a bench API token, and `wrangler dev --local` on a free port,
 * building a snapshot of the Worker's sources, with its own persistence folder and env file (mode 600)
 * under .wrangler/bench-<pid>/. `close()` stops all of it and removes that folder; so does
 * `bench/run.ts` on Ctrl-C or failure (the stack registers itself with bench/lib/cleanup.ts).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { type LocalDatabase, startLocalDatabase } from '../../scripts/local/database.ts';
import {
  offlineWranglerEnv,
  wranglerCli,
  wranglerDevArgs,
  writeEnvFile,
} from '../../scripts/local/wrangler-dev.ts';
import { type EmulatorControl, emulatorControl } from '../../test/emulator/control.ts';
import { startEmulator } from '../../test/emulator/server.ts';
import { deferCleanup } from './cleanup.ts';
import { type EmulatorTimings, timeEmulator } from './emulator-timing.ts';
import type { BenchDatabase } from './scenario.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 5_000;
/** Lines of wrangler's output kept for the report when something goes wrong. */
const LOG_LINES = 60;
/** Said at every start of `wrangler dev` with a cron trigger; not a problem of the run. */
const EXPECTED_WARNINGS = /Scheduled Workers are not automatically triggered/;

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
    const local = await startDatabase(database);
    undo.push(deferCleanup('local database relay', () => local.close()));
    const emulator = await startEmulator();
    const timings = timeEmulator(Number(new URL(emulator.url).port));
    undo.push(
      deferCleanup('model emulator', async () => {
        timings.stop();
        await emulator.close();
      }),
    );
    const code = codeState();
    const token = `bench_${randomBytes(24).toString('hex')}`;
    const port = await freePort();
    const wrangler = startWrangler({ port, token, local, emulatorUrl: emulator.url });
    undo.push(deferCleanup('wrangler dev', wrangler.stop));
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitUntilReady(baseUrl, wrangler);
    return {
      baseUrl,
      token,
      databaseKind: local.kind,
      databaseDescription:
        local.kind === 'postgres'
          ? `PostgreSQL (the run's scratch database, through the WebSocket relay)`
          : 'PGlite in memory, through the WebSocket relay — NOT a PostgreSQL server',
      code,
      emulator: { url: emulator.url, control: emulatorControl(emulator.url), timings },
      wranglerPid: wrangler.pid,
      problems: wrangler.problems,
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

function startDatabase(database: BenchDatabase): Promise<LocalDatabase> {
  // The Worker gets its own connections to the run's scratch database (migrating again is a no-op);
  // on the PGlite fallback it gets a fresh embedded database, served by the relay in this process.
  return startLocalDatabase(database.kind === 'postgres' ? { databaseUrl: database.url } : {});
}

interface Wrangler {
  pid: number;
  child: ChildProcess;
  problems(): string[];
  recentOutput(): string[];
  stop(): Promise<void>;
}

function startWrangler(options: {
  port: number;
  token: string;
  local: LocalDatabase;
  emulatorUrl: string;
}): Wrangler {
  const runDir = `${root}.wrangler/bench-${process.pid}`;
  mkdirSync(runDir, { recursive: true });
  const appDir = snapshotWorker(`${runDir}/app`);
  const envFile = `${runDir}/bench.env`;
  writeEnvFile(envFile, {
    API_TOKENS: options.token,
    DATABASE_URL: options.local.workerDatabaseUrl,
    PG_WS_PROXY: options.local.relayAddress,
    ANTHROPIC_API_KEY: 'bench-key',
    ANTHROPIC_BASE_URL: options.emulatorUrl,
  });
  const child = spawn(
    process.execPath,
    [
      wranglerCli(root),
      ...wranglerDevArgs({ port: options.port, envFile }),
      // A private inspector port and state folder: another `npm run dev` on this machine keeps its own.
      '--inspector-port',
      String(options.port + 1),
      '--persist-to',
      `${runDir}/state`,
      // Only warnings and errors: wrangler's per-request log lines are dev-server work that the
      // platform does not do, and would be counted as orchestration overhead.
      '--log-level',
      'warn',
    ],
    {
      cwd: appDir,
      // Its own process group, so stopping it also stops workerd and esbuild, and a Ctrl-C in the
      // terminal reaches only this process, which then stops the stack in order.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...offlineWranglerEnv(root, `${runDir}/logs`) },
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('wrangler dev did not start');
  const recent: string[] = [];
  const problems: string[] = [];
  const collect = (chunk: Buffer): void => {
    for (const line of stripVTControlCharacters(chunk.toString('utf8')).split('\n')) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > LOG_LINES) recent.shift();
      if (/error|warn|✘|▲|uncaught|exception/i.test(line) && !EXPECTED_WARNINGS.test(line))
        problems.push(line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // Last resort when this process exits without closing the stack (an uncaught error).
  const killOnExit = (): void => signalGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);
  return {
    pid,
    child,
    problems: () => [...problems],
    recentOutput: () => [...recent],
    async stop() {
      process.off('exit', killOnExit);
      await stopGroup(child, pid);
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

/**
 * A private copy of what `wrangler dev` builds the Worker from. wrangler watches its sources and
 * reloads the Worker (resetting every Durable Object and closing their sockets) when a file changes;
 * with the copy, edits made to src/ while the benchmark runs cannot restart it mid-measurement, and
 * the whole run measures one state of the code. Packages still resolve from the project's
 * node_modules (the copy lives inside the project, under .wrangler/).
 */
function snapshotWorker(appDir: string): string {
  for (const path of ['src', 'web/public', 'wrangler.toml', 'package.json', 'tsconfig.json']) {
    cpSync(`${root}${path}`, `${appDir}/${path}`, { recursive: true });
  }
  return appDir;
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

/** SIGTERM to the whole group, then SIGKILL if wrangler has not exited after a few seconds. */
function stopGroup(child: ChildProcess, pid: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      // workerd may outlive wrangler by a moment; the group must not.
      signalGroup(pid, 'SIGKILL');
      resolve();
    };
    const timer = setTimeout(done, STOP_TIMEOUT_MS);
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', done);
    signalGroup(pid, 'SIGTERM');
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

async function waitUntilReady(baseUrl: string, wrangler: Wrangler): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (wrangler.child.exitCode !== null || wrangler.child.signalCode !== null) {
      throw new Error(`wrangler dev exited during startup:\n${wrangler.recentOutput().join('\n')}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      const body = (await response.json()) as {
        database?: { status?: string };
        model?: { provider?: string };
      };
      if (body.database?.status === 'ok') {
        if (body.model?.provider !== 'anthropic-compatible') {
          throw new Error(`the Worker does not use the emulator: model provider ${body.model?.provider}`);
        }
        return;
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('the Worker')) throw error;
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `wrangler dev not ready within ${READY_TIMEOUT_MS / 1_000} s:\n${wrangler.recentOutput().join('\n')}`,
  );
}

/** A port nothing listens on right now (and the one after it, for the inspector). */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await listenOnce(0);
    if (port < 65_535 && (await isFree(port + 1))) return port;
  }
  throw new Error('no free pair of ports on 127.0.0.1');
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

async function isFree(port: number): Promise<boolean> {
  try {
    await listenOnce(port);
    return true;
  } catch {
    return false;
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
