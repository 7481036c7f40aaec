/**
 * `npm run dev`: the whole product on this machine, offline, with no setup.
 *
 * 1. the database: the PostgreSQL named by a local `DATABASE_URL`, else the embedded PGlite persisted
 *    under .data/pglite; migrations applied; the WebSocket relay the Worker's Neon driver talks to;
 * 2. an API token: `API_TOKENS` from the environment, else a local one kept in .data/dev-token;
 * 3. the web console built to web/dist, then rebuilt on every change (`vite build --watch`);
 * 4. `wrangler dev --local` with the Durable Object, the queue, the cron test endpoint and the assets.
 * Ctrl-C stops everything it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isLocalDatabaseUrl, type LocalDatabase, startLocalDatabase } from './local/database.ts';
import { redactDatabaseUrl } from './local/scratch-database.ts';
import { offlineWranglerEnv, wranglerCli, wranglerDevArgs, writeEnvFile } from './local/wrangler-dev.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = `${root}.data`;
const port = Number(process.env.PORT) || 8787;

if (existsSync(`${root}.env`)) process.loadEnvFile(`${root}.env`);

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = process.env.DATABASE_URL || undefined;
  let database: LocalDatabase | undefined;
  if (!databaseUrl || isLocalDatabaseUrl(databaseUrl)) {
    log(
      databaseUrl
        ? `database: PostgreSQL at ${redactDatabaseUrl(databaseUrl)}`
        : 'database: embedded PGlite in .data/pglite',
    );
    database = await startLocalDatabase({ databaseUrl, dataDir: `${dataDir}/pglite` });
  } else {
    log(`database: ${redactDatabaseUrl(databaseUrl)} (remote; apply migrations with npm run db:migrate)`);
  }

  const token = apiToken();
  const envFile = `${root}.wrangler/dev.env`;
  mkdirSync(`${root}.wrangler`, { recursive: true });
  writeEnvFile(envFile, {
    API_TOKENS: process.env.API_TOKENS || token,
    DATABASE_URL: database?.workerDatabaseUrl ?? databaseUrl,
    PG_WS_PROXY: database?.relayAddress,
    ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY,
    ANTHROPIC_BASE_URL: process.env.ANTHROPIC_BASE_URL,
  });

  // The assets must exist before wrangler serves them; then every change rebuilds them. Without
  // emptying web/dist on rebuilds, a page being loaded never finds the folder empty.
  log('web console: building web/dist');
  await waitForExit(spawnVite([]), 'vite build');
  const viteWatch = spawnVite(['--watch', '--emptyOutDir', 'false', '--logLevel', 'warn']);

  const wrangler = spawn(
    process.execPath,
    [wranglerCli(root), ...wranglerDevArgs({ port, envFile }), '--test-scheduled'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...offlineWranglerEnv(root, `${root}.wrangler/logs`) },
    },
  );

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stopChild(wrangler);
    await stopChild(viteWatch);
    await database?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  wrangler.on('exit', (code) => void stop(code ?? 1));

  await waitForHealth(`http://127.0.0.1:${port}/api/health`);
  const loginHint = process.env.API_TOKENS ? ' (log in with one of your API_TOKENS)' : `#token=${token}`;
  log(`ready: open http://127.0.0.1:${port}/${loginHint}`);
  log(`API:   curl -H "Authorization: Bearer <token>" http://127.0.0.1:${port}/api/orchestrators`);
  log(`docs:  http://127.0.0.1:${port}/api/docs`);
}

function spawnVite(args: string[]): ChildProcess {
  return spawn(
    process.execPath,
    [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', `${root}web/vite.config.ts`, ...args],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

function waitForExit(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}`))));
  });
}

/** The local token, made once and kept so the login URL survives restarts. */
function apiToken(): string {
  const file = `${dataDir}/dev-token`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = `dev_${randomBytes(24).toString('hex')}`;
  writeFileSync(file, token, { mode: 0o600 });
  return token;
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      const body = (await response.json()) as { database?: { status?: string } };
      if (body.database?.status === 'ok') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  log('warning: /api/health did not report the database as ok within 60 s');
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function log(message: string): void {
  console.log(`[dev] ${message}`);
}

main().catch((error: unknown) => {
  console.error('[dev] failed to start:', error);
  process.exit(1);
});
