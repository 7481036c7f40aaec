/**
 * The whole product on this machine as `npm run dev` runs it (scripts/dev.ts), but private to one
 * caller (the benchmarks, the browser tests): its own folder, database, API token, and `wrangler dev
 * --local` on a free port, with the Durable Object and queue state persisted inside that folder so the
 * Worker can be stopped and started again (same port, same state) to test what a restart does.
 *
 * The folder (under the project's .wrangler/, so that packages resolve from its node_modules) holds:
 * `app/`, a snapshot of what wrangler builds the Worker and serves the assets from; `state/`, wrangler's
 * `--persist-to`; `pglite/` when the embedded database is persisted; the env file (mode 600); logs.
 * `close()` stops everything and removes the folder.
 *
 * Why a snapshot: wrangler watches its sources and reloads the Worker (resetting every Durable Object
 * and closing their sockets) when a file changes; with the copy, edits made to the working tree while a
 * benchmark or a browser test runs cannot restart it midway, and the whole run exercises one state of
 * the code.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { stripVTControlCharacters } from 'node:util';
import { type LocalDatabase, type LocalDatabaseOptions, startLocalDatabase } from './database.ts';
import { type ProcessGroup, spawnGroup } from './process-group.ts';
import { offlineWranglerEnv, wranglerCli, wranglerDevArgs, writeEnvFile } from './wrangler-dev.ts';

const READY_TIMEOUT_MS = 90_000;
/** Lines of wrangler's output kept for the report when something goes wrong. */
const LOG_LINES = 60;
/** Said at every start of `wrangler dev` with a cron trigger; not a problem of the run. */
const EXPECTED_WARNINGS = /Scheduled Workers are not automatically triggered/;
/** What wrangler builds the Worker and serves the console from (web/dist exists once built). */
const SNAPSHOT_PATHS = ['src', 'web/public', 'web/dist', 'wrangler.toml', 'package.json', 'tsconfig.json'];

export type ModelProvider = 'anthropic' | 'anthropic-compatible' | 'offline';

export interface LocalStackOptions {
  /** The project's root folder, with a trailing slash. */
  root: string;
  /** The stack's own folder; made here, removed by `close()`. Must be inside `root`. */
  dir: string;
  /** The database: a PostgreSQL URL, else the embedded PGlite (in memory unless `persistDatabase`). */
  databaseUrl?: string | undefined;
  /** Keep the embedded PGlite's files in `<dir>/pglite` (as `npm run dev` keeps .data/pglite). */
  persistDatabase?: boolean;
  /** The model's variables; none means the built-in offline model. */
  model?: { ANTHROPIC_API_KEY: string; ANTHROPIC_BASE_URL: string };
  /** Which model provider /api/health must report before the stack counts as ready. */
  expectProvider: ModelProvider;
  /** Prefix of the generated API token (shows in logs whose token it is). */
  tokenPrefix: string;
  /** wrangler's `--log-level`; default `warn` (no per-request lines). */
  logLevel?: 'debug' | 'info' | 'log' | 'warn' | 'error' | 'none';
}

export interface LocalStack {
  /** `http://127.0.0.1:<port>` of the Worker; the same across `restartWorker()`. */
  baseUrl: string;
  port: number;
  token: string;
  database: LocalDatabase;
  /** The snapshot wrangler builds and serves from (its web/dist is what the browser gets). */
  appDir: string;
  /** Process id of the current `wrangler dev` (leader of its group: wrangler, workerd, esbuild). */
  wranglerPid(): number;
  /** wrangler's output lines that look like errors or warnings, since the stack started. */
  problems(): string[];
  /** wrangler's last lines of output. */
  recentOutput(): string[];
  /** Stops `wrangler dev` (the database and the persisted state stay). */
  stopWorker(): Promise<void>;
  /** Starts `wrangler dev` again on the same port with the same persisted state; resolves when ready. */
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { dir } = options;
  mkdirSync(dir, { recursive: true });
  let database: LocalDatabase | undefined;
  let wrangler: WranglerProcess | undefined;
  const problems: string[] = [];
  const recent: string[] = [];
  const close = async (): Promise<void> => {
    await wrangler?.stop();
    wrangler = undefined;
    await database?.close();
    database = undefined;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const databaseOptions: LocalDatabaseOptions = options.databaseUrl
      ? { databaseUrl: options.databaseUrl }
      : { dataDir: options.persistDatabase ? `${dir}/pglite` : undefined };
    const db = await startLocalDatabase(databaseOptions);
    database = db;
    const appDir = snapshotWorker(options.root, `${dir}/app`);
    const token = `${options.tokenPrefix}_${randomBytes(24).toString('hex')}`;
    const envFile = `${dir}/worker.env`;
    writeEnvFile(envFile, {
      API_TOKENS: token,
      DATABASE_URL: db.workerDatabaseUrl,
      PG_WS_PROXY: db.relayAddress,
      ANTHROPIC_API_KEY: options.model?.ANTHROPIC_API_KEY,
      ANTHROPIC_BASE_URL: options.model?.ANTHROPIC_BASE_URL,
    });
    const port = await freePortPair();
    const baseUrl = `http://127.0.0.1:${port}`;
    const start = async (): Promise<void> => {
      const started = startWrangler({
        root: options.root,
        cwd: appDir,
        port,
        envFile,
        persistTo: `${dir}/state`,
        logDir: `${dir}/logs`,
        registryDir: `${dir}/registry`,
        logLevel: options.logLevel ?? 'warn',
        problems,
        recent,
      });
      wrangler = started;
      await waitUntilReady(baseUrl, started, options.expectProvider, () => recent.join('\n'));
    };
    await start();
    return {
      baseUrl,
      port,
      token,
      database: db,
      appDir,
      wranglerPid: () => wrangler?.pid ?? -1,
      problems: () => [...problems],
      recentOutput: () => [...recent],
      async stopWorker() {
        await wrangler?.stop();
        wrangler = undefined;
      },
      async startWorker() {
        if (wrangler) throw new Error('wrangler dev is already running');
        await start();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A copy of what `wrangler dev` builds the Worker from; packages resolve from the project's node_modules. */
function snapshotWorker(root: string, appDir: string): string {
  for (const path of SNAPSHOT_PATHS) {
    if (existsSync(`${root}${path}`)) cpSync(`${root}${path}`, `${appDir}/${path}`, { recursive: true });
  }
  return appDir;
}

type WranglerProcess = Pick<ProcessGroup, 'pid' | 'child' | 'stop'>;

function startWrangler(options: {
  root: string;
  cwd: string;
  port: number;
  envFile: string;
  persistTo: string;
  logDir: string;
  registryDir: string;
  logLevel: string;
  problems: string[];
  recent: string[];
}): WranglerProcess {
  const { problems, recent } = options;
  // Only what the env file says reaches the Worker: no model variables from this process's environment.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...offlineWranglerEnv(options.root, {
      logs: options.logDir,
      registry: options.registryDir,
    }),
  };
  delete env.ANTHROPIC_API_KEY;
  delete env.ANTHROPIC_BASE_URL;
  const group = spawnGroup(
    process.execPath,
    [
      wranglerCli(options.root),
      ...wranglerDevArgs({ port: options.port, envFile: options.envFile }),
      // As `npm run dev`: the cron test endpoint.
      '--test-scheduled',
      // A private inspector port and state folder: another `npm run dev` on this machine keeps its own.
      '--inspector-port',
      String(options.port + 1),
      '--persist-to',
      options.persistTo,
      '--log-level',
      options.logLevel,
    ],
    {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    },
  );
  const { child } = group;
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
  return { pid: group.pid, child, stop: group.stop };
}

async function waitUntilReady(
  baseUrl: string,
  wrangler: WranglerProcess,
  expectProvider: ModelProvider,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (wrangler.child.exitCode !== null || wrangler.child.signalCode !== null) {
      throw new Error(`wrangler dev exited during startup:\n${output()}`);
    }
    let body: { database?: { status?: string }; model?: { provider?: string } } | undefined;
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      body = (await response.json()) as typeof body;
    } catch {
      // Not listening yet.
    }
    if (body?.database?.status === 'ok') {
      if (body.model?.provider !== expectProvider) {
        throw new Error(`the Worker's model provider is ${body.model?.provider}, expected ${expectProvider}`);
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev not ready within ${READY_TIMEOUT_MS / 1_000} s:\n${output()}`);
}

/** A port nothing listens on right now, and the one after it (for the inspector). */
export async function freePortPair(): Promise<number> {
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
