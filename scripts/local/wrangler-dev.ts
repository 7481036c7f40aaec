/**
 * How this project runs `wrangler dev` on a machine with no network: shared by `npm run dev` and the
 * benchmarks, so both run the Worker the same way.
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

/** No metrics, no Request.cf lookup, wrangler's own state inside the project (local-platform.md §2.2). */
export function offlineWranglerEnv(root: string, logPath: string): Record<string, string> {
  return {
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    XDG_CONFIG_HOME: `${root}.config`,
    WRANGLER_LOG_PATH: logPath,
  };
}

/** Writes the Worker's variables and secrets for `--env-file`, readable by this user only. */
export function writeEnvFile(path: string, values: Record<string, string | undefined>): void {
  const lines = Object.entries(values)
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  writeFileSync(path, lines.join('\n'), { mode: 0o600 });
}
