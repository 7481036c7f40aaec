/**
 * `npm run dev`: the whole product on this machine, offline, with no setup.
 *
 * 1. the database: the PostgreSQL named by a local `DATABASE_URL`, else the embedded PGlite persisted
 *    under .data/pglite; migrations applied; the WebSocket relay the Worker's Neon driver talks to;
 * 2. an API token: `API_TOKENS` from the environment, else a local one kept in .data/dev-token; the
 *    same for `SECRETS_KEY` (the key sealing remote MCP servers' credentials), kept in .data/secrets-key;
 * 3. the web console built to web/dist, then rebuilt on every change (`vite build --watch`);
 * 4. `wrangler dev --local` with the Durable Object, the queue, the cron test endpoint and the assets;
 * 5. the cron triggers of wrangler.toml, fired through that endpoint (wrangler dev fires none itself).
 *
 * Ctrl-C (or SIGTERM) stops everything it started, Worker first, and exits (scripts/local/shutdown.ts).
 * vite and wrangler run in process groups of their own (scripts/local/process-group.ts), so stopping
 * them also stops workerd and esbuild.
 *
 * Options (environment): `PORT` (default 8787); `DEV_DATA_DIR`, the folder for the database, the
 * token, the Worker's variables and the Durable Object and queue state (default .data); `DEV_WEB_DIST`,
 * where the console is built and served from (default web/dist). With the last two a second instance
 * (the tests) runs beside a developer's without touching their files.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCrons, startCronDriver } from './local/cron-driver.ts';
import { isLocalDatabaseUrl, startLocalDatabase } from './local/database.ts';
import { localSecretsKey } from './local/dev-secrets-key.ts';
import { type ProcessGroup, spawnGroup } from './local/process-group.ts';
import { redactDatabaseUrl } from './local/scratch-database.ts';
import { exitOnSignals } from './local/shutdown.ts';
import { offlineWranglerEnv, wranglerCli, wranglerDevArgs, writeEnvFile } from './local/wrangler-dev.ts';
import { withoutRepeatedBindings } from './local/wrangler-output.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// First, so that .env can set the options below as well as the Worker's variables.
if (existsSync(`${root}.env`)) process.loadEnvFile(`${root}.env`);
const fromRoot = (path: string): string => (isAbsolute(path) ? path : resolve(root, path));
const dataDir = fromRoot(process.env.DEV_DATA_DIR || '.data');
const webDist = fromRoot(process.env.DEV_WEB_DIST || 'web/dist');
const port = Number(process.env.PORT) || 8787;

const shutdown = exitOnSignals(log);

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = process.env.DATABASE_URL || undefined;
  let database: { workerDatabaseUrl: string; relayAddress: string } | undefined;
  if (!databaseUrl || isLocalDatabaseUrl(databaseUrl)) {
    log(
      databaseUrl
        ? `database: PostgreSQL at ${redactDatabaseUrl(databaseUrl)}`
        : `database: embedded PGlite in ${dataDir}/pglite`,
    );
    const local = await startLocalDatabase({ databaseUrl, dataDir: `${dataDir}/pglite` });
    shutdown.defer(local.close);
    database = local;
  } else {
    log(`database: ${redactDatabaseUrl(databaseUrl)} (remote; apply migrations with npm run db:migrate)`);
  }

  const token = apiToken();
  const envFile = `${dataDir}/worker.env`;
  writeEnvFile(envFile, {
    API_TOKENS: process.env.API_TOKENS || token,
    SECRETS_KEY: process.env.SECRETS_KEY || localSecretsKey(dataDir),
    DATABASE_URL: database?.workerDatabaseUrl ?? databaseUrl,
    PG_WS_PROXY: database?.relayAddress,
    ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY,
    ANTHROPIC_BASE_URL: process.env.ANTHROPIC_BASE_URL,
  });

  // The assets must exist before wrangler serves them; then every change rebuilds them. Without
  // emptying the folder on rebuilds, a page being loaded never finds it empty.
  log(`web console: building ${webDist}`);
  const build = startGroup(viteArgs(['--emptyOutDir']));
  const built = await build.exit;
  if (built !== 0) throw new Error(`vite build exited with ${built}`);
  startGroup(viteArgs(['--watch', '--emptyOutDir', 'false', '--logLevel', 'warn']));

  const wrangler = startGroup(
    [
      wranglerCli(root),
      ...wranglerDevArgs({ port, envFile }),
      '--config',
      `${root}wrangler.toml`,
      '--assets',
      webDist,
      '--persist-to',
      `${dataDir}/worker-state`,
      '--test-scheduled',
    ],
    {
      // Not the project folder: there wrangler would compare worker-configuration.d.ts with types made
      // from .dev.vars or .env, not from .env.example as `npm run types` makes them, and so would call
      // them out of date on every start. `npm run check` checks them against the right inputs.
      cwd: dataDir,
      env: {
        ...process.env,
        ...offlineWranglerEnv(root, { logs: `${dataDir}/logs`, registry: `${dataDir}/wrangler-registry` }),
        // Colours survive the pipe below when they would have been shown.
        ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}),
      },
      pipeStdout: true,
    },
  );
  const output = withoutRepeatedBindings((text) => process.stdout.write(text));
  wrangler.child.stdout?.setEncoding('utf8').on('data', (text: string) => output.push(text));
  wrangler.child.stdout?.on('end', () => output.end());
  void wrangler.exit.then((code) => {
    if (shutdown.stopping) return;
    log(`wrangler dev exited with ${code}`);
    void shutdown.exit(code || 1);
  });

  if (await waitForHealth(`http://127.0.0.1:${port}/api/health`)) {
    const loginHint = process.env.API_TOKENS ? ' (log in with one of your API_TOKENS)' : `#token=${token}`;
    log(`ready: open http://127.0.0.1:${port}/${loginHint}`);
    log(`API:   curl -H "Authorization: Bearer <token>" http://127.0.0.1:${port}/api/orchestrators`);
    log(`docs:  http://127.0.0.1:${port}/api/docs`);
    log('Ctrl-C stops everything');
  }
  if (shutdown.stopping) return;
  const crons = readCrons(readFileSync(`${root}wrangler.toml`, 'utf8'));
  shutdown.defer(startCronDriver({ baseUrl: `http://127.0.0.1:${port}`, crons, log }).stop);
  log(`cron: ${crons.join(', ')} (UTC) fired locally`);
}

/** A child in its own process group, stopped (with everything it started) when this script stops. */
function startGroup(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; pipeStdout?: boolean } = {},
): ProcessGroup {
  if (shutdown.stopping) throw new Error('stopping');
  const group = spawnGroup(process.execPath, args, {
    cwd: options.cwd ?? root,
    env: options.env ?? process.env,
    stdio: ['ignore', options.pipeStdout ? 'pipe' : 'inherit', 'inherit'],
  });
  shutdown.defer(group.stop);
  return group;
}

function viteArgs(extra: string[]): string[] {
  return [
    `${root}node_modules/vite/bin/vite.js`,
    'build',
    '--config',
    `${root}web/vite.config.ts`,
    '--outDir',
    webDist,
    ...extra,
  ];
}

/** The local token, made once and kept so the login URL survives restarts. */
function apiToken(): string {
  const file = `${dataDir}/dev-token`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = `dev_${randomBytes(24).toString('hex')}`;
  writeFileSync(file, token, { mode: 0o600 });
  return token;
}

/** True once /api/health reports the database as reachable; false after a minute or when stopping. */
async function waitForHealth(url: string): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !shutdown.stopping) {
    try {
      const response = await fetch(url);
      const body = (await response.json()) as { database?: { status?: string } };
      if (body.database?.status === 'ok') return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!shutdown.stopping) log('warning: /api/health did not report the database as ok within 60 s');
  return false;
}

function log(message: string): void {
  console.log(`[dev] ${message}`);
}

main().catch((error: unknown) => {
  if (shutdown.stopping) return;
  console.error('[dev] failed to start:', error);
  void shutdown.exit(1);
});
