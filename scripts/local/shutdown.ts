/**
 * The way out of a long-running script (`npm run dev`): what it started is stopped in the reverse
 * order of starting (the Worker before the database it talks to), then the process exits, on the
 * first SIGINT (Ctrl-C), SIGTERM or SIGHUP, or when the script itself gives up.
 *
 * The handlers are installed before anything starts, so a Ctrl-C during startup stops what has
 * started so far. Once they are installed Node no longer exits on those signals by itself, so every
 * path ends in `process.exit`, a stop that hangs too (after `FORCE_EXIT_MS`). Child process groups are
 * killed on exit in any case (see process-group.ts). A signal during the stop changes nothing: one
 * Ctrl-C often arrives twice (from the terminal, and forwarded by npm), so a repeat is no sign of
 * impatience.
 */

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const FORCE_EXIT_MS = 10_000;

export interface Shutdown {
  /** Registers how to stop something just started; stops run last-registered first. */
  defer(stop: () => Promise<void>): void;
  /** True once stopping has begun: a startup step that sees it must not start anything more. */
  readonly stopping: boolean;
  /** Stops everything registered, then exits with `code`. Later calls wait for the first. */
  exit(code: number): Promise<never>;
}

export function exitOnSignals(log: (message: string) => void): Shutdown {
  const stops: (() => Promise<void>)[] = [];
  let exiting: Promise<never> | undefined;
  const exit = (code: number): Promise<never> => {
    exiting ??= (async () => {
      setTimeout(() => {
        log(`still stopping after ${FORCE_EXIT_MS / 1_000} s; exiting anyway`);
        process.exit(code || 1);
      }, FORCE_EXIT_MS).unref();
      for (const stop of stops.splice(0).reverse()) {
        try {
          await stop();
        } catch (error) {
          log(`while stopping: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      process.exit(code);
    })();
    return exiting;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (exiting) return;
    log(`${signal}: stopping`);
    void exit(0);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return {
    defer(stop) {
      // Started while stopping: stop it straight away rather than leave it running.
      if (exiting) void stop();
      else stops.push(stop);
    },
    get stopping() {
      return exiting !== undefined;
    },
    exit,
  };
}
