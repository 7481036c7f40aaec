/**
 * `wrangler dev` never fires Cron Triggers on its own: it only offers the test endpoint
 * `/__scheduled?cron=…`. Locally this driver stands in for Cloudflare's scheduler, calling that
 * endpoint at the instants the crons in wrangler.toml name (read in UTC, as Cloudflare reads them),
 * so scheduled pipelines and option Greeks snapshots run under `npm run dev` as they would deployed.
 */
import { Cron } from 'croner';

/** The `crons = [...]` of a wrangler.toml's `[triggers]`. */
export function readCrons(wranglerToml: string): string[] {
  const list = /^\s*crons\s*=\s*\[([^\]]*)\]/m.exec(wranglerToml)?.[1];
  if (!list) return [];
  return [...list.matchAll(/"([^"]+)"/g)].map((match) => match[1] ?? '').filter(Boolean);
}

export interface CronDriver {
  stop(): Promise<void>;
}

export function startCronDriver(options: {
  baseUrl: string;
  crons: readonly string[];
  log: (message: string) => void;
}): CronDriver {
  const jobs = options.crons.map(
    (expression) =>
      new Cron(expression, { timezone: 'UTC', protect: true }, async () => {
        // The endpoint stamps the event with the time it arrives (it has no parameter for another
        // instant); fired on the boundary, that is within milliseconds of the instant it stands for.
        const url = `${options.baseUrl}/__scheduled?cron=${encodeURIComponent(expression)}`;
        try {
          const response = await fetch(url);
          await response.body?.cancel();
          if (!response.ok) options.log(`cron ${expression}: the Worker answered ${response.status}`);
        } catch (error) {
          options.log(`cron ${expression}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
  );
  return {
    async stop() {
      for (const job of jobs) job.stop();
    },
  };
}
