/**
 * How this project runs `wrangler dev` on a machine with no network: shared by `npm run dev` and the
 * local stack of the benchmarks and browser tests, so all run the Worker the same way.
 */
import { writeFileSync } from 'node:fs';

/** The wrangler CLI, run with this Node (22, from the project's own dependencies). */
export function wranglerCli(root: string): string {
  return `${root}node_modules/wrangler/bin/wrangler.js`;
}

/** `wrangler dev` in local mode on 127.0.0.1, with its bindings and secrets from `envFile`. */
export function wranglerDevArgs(options: { port: number; envFile: string }): string[] {
  return [
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--show-interactive-dev-session=false',
    `--env-file=${options.envFile}`,
  ];
}

/**
 * wrangler's environment: no metrics, no network lookup of `Request.cf`, its user config inside the
 * project rather than the home folder, and a dev registry (the list of running local Workers, which
 * wrangler uses to connect service bindings and queues across instances) of this instance's own, so
 * that other local instances (`npm run dev`, the browser tests, the benchmarks) never exchange queue
 * messages with it nor make it reload when they start or stop.
 */
export function offlineWranglerEnv(
  root: string,
  paths: { logs: string; registry: string },
): Record<string, string> {
  return {
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    XDG_CONFIG_HOME: `${root}.config`,
    WRANGLER_LOG_PATH: paths.logs,
    WRANGLER_REGISTRY_PATH: paths.registry,
  };
}

/** Writes the Worker's variables and secrets for `--env-file`, readable by this user only. */
export function writeEnvFile(path: string, values: Record<string, string | undefined>): void {
  const lines = Object.entries(values)
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  writeFileSync(path, lines.join('\n'), { mode: 0o600 });
}
