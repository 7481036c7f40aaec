/**
 * `npm run dev` stops, with everything it started, on one Ctrl-C or one SIGTERM to its process group
 * (what a terminal and most process managers send). The real command: npm, sh, scripts/dev.ts, vite,
 * wrangler and workerd, on a free port with its own data folder and console build, so a developer's
 * own `npm run dev` and .data are left alone. The only time bound is the test's timeout: every wait
 * is on an event or on the process table.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePortPair } from './local/local-stack.ts';
import { descendants, listProcesses, type ProcessEntry } from './local/processes.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Two builds and a wrangler start on a busy machine; stopping itself takes seconds. */
const TIMEOUT_MS = 180_000;

interface DevRun {
  child: ChildProcess;
  port: number;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
  /** Every process the run had started once healthy. */
  started: ProcessEntry[];
}

const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function startDev(): Promise<DevRun> {
  const dir = mkdtempSync(`${tmpdir()}/dev-test-`);
  const port = await freePortPair();
  let output = '';
  const child = spawn('npm', ['run', 'dev'], {
    cwd: root,
    // Its own process group, like a terminal's foreground job: the signal goes to the whole group.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      DEV_DATA_DIR: `${dir}/data`,
      DEV_WEB_DIST: `${dir}/web`,
      // The embedded database and a fresh token, whatever the developer's shell has set.
      DATABASE_URL: '',
      API_TOKENS: '',
      ANTHROPIC_API_KEY: '',
      ANTHROPIC_BASE_URL: '',
    },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('npm run dev did not start');
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const run: DevRun = { child, port, exit, output: () => output, started: [] };
  cleanups.push(() => {
    // After a failure midway, nothing of this run may outlive the test: every group it made.
    const groups = new Set([
      pid,
      ...[...run.started, ...descendants(listProcesses(), pid)].map((p) => p.pgid),
    ]);
    for (const group of groups) signal(-group, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return run;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

async function waitUntilHealthy(run: DevRun): Promise<void> {
  for (;;) {
    if (run.child.exitCode !== null || run.child.signalCode !== null) {
      throw new Error(`npm run dev exited during startup:\n${run.output()}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${run.port}/api/health`);
      const body = (await response.json()) as { database?: { status?: string } };
      if (body.database?.status === 'ok') return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const key = (entry: ProcessEntry): string => `${entry.pid}@${entry.startTime}`;

/** Which of `started` are still in the process table (zombies included), or still in group `pgid`. */
function leftovers(started: ProcessEntry[], pgid: number): ProcessEntry[] {
  const wanted = new Set(started.map(key));
  return listProcesses().filter((entry) => wanted.has(key(entry)) || entry.pgid === pgid);
}

async function untilNoneLeft(started: ProcessEntry[], pgid: number): Promise<ProcessEntry[]> {
  for (;;) {
    const left = leftovers(started, pgid);
    if (left.length === 0) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(['SIGINT', 'SIGTERM'] as const)('npm run dev and %s to its process group', (stopSignal) => {
  it(
    'exits, and every process it started (npm, sh, node, vite, wrangler, workerd) is gone',
    async () => {
      const run = await startDev();
      const pid = run.child.pid ?? -1;
      await waitUntilHealthy(run);
      const started = descendants(listProcesses(), pid);
      run.started = started;
      const names = started.map((entry) => entry.comm);
      expect(names).toContain('sh');
      expect(names).toContain('workerd');
      // npm, scripts/dev.ts, vite and wrangler's launcher and CLI.
      expect(names.filter((name) => name === 'node' || name.startsWith('npm')).length).toBeGreaterThanOrEqual(
        4,
      );

      process.kill(-pid, stopSignal);
      const exit = await run.exit;

      // npm either exits 0 or, by its convention, ends by the signal it was sent; scripts/dev.ts may
      // still be stopping then, in the same group.
      expect([0, stopSignal], run.output()).toContain(exit.code ?? exit.signal);
      expect(await untilNoneLeft(started, pid)).toEqual([]);
      expect(run.output()).toContain(`[dev] ${stopSignal}: stopping`);
    },
    TIMEOUT_MS,
  );
});
