/**
 * A child process in a process group of its own, stopped as a whole: `npm run dev` and the local
 * stack start wrangler (and vite) this way.
 *
 * Why a group of its own: wrangler is two Node processes (its launcher and the CLI) and the CLI starts
 * workerd and esbuild. Signalling only the launcher leaves the rest running when the CLI exits
 * without waiting for them; a group can be signalled at once. And a Ctrl-C in the terminal reaches
 * only the caller's group, so the caller decides the order things stop in (Worker before database).
 *
 * Stopping: SIGTERM to the group, then, once the leader has exited (or has not within
 * `STOP_TIMEOUT_MS`), SIGKILL to the group for whatever is left. wrangler's CLI exits without waiting
 * for its workerd and esbuild, so those end as orphans that init reaps (on some machines a second or
 * two later); nothing of the group keeps running.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

const STOP_TIMEOUT_MS = 5_000;

export interface ProcessGroup {
  /** Process id of the leader, which is also the group's id. */
  readonly pid: number;
  readonly child: ChildProcess;
  /** True once the leader has exited. */
  exited(): boolean;
  /** Resolves with the leader's exit code (128 + n when a signal ended it) once it has exited. */
  readonly exit: Promise<number>;
  /** Stops the whole group; resolves once the leader has exited. Safe to call more than once. */
  stop(): Promise<void>;
  /** SIGKILL to the whole group, now (for a caller that is exiting and cannot wait). */
  kill(): void;
}

export function spawnGroup(
  command: string,
  args: string[],
  options: Omit<SpawnOptions, 'detached'>,
): ProcessGroup {
  const child = spawn(command, args, { ...options, detached: true });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${command} did not start`);
  let done = false;
  const exit = new Promise<number>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      process.off('exit', kill);
      resolve(code ?? 128 + signalNumber(signal));
    });
  });
  const kill = (): void => signalGroup(pid, 'SIGKILL');
  // Last resort when the caller exits without stopping the group (an uncaught error, process.exit).
  process.once('exit', kill);
  let stopping: Promise<void> | undefined;
  return {
    pid,
    child,
    exit,
    exited: () => done,
    kill,
    stop() {
      stopping ??= stopGroup(pid, exit, () => done);
      return stopping;
    },
  };
}

async function stopGroup(pid: number, exit: Promise<number>, exited: () => boolean): Promise<void> {
  if (!exited()) {
    signalGroup(pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      exit,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
  }
  // The leader is gone (or did not stop in time); nothing of its group may outlive it.
  signalGroup(pid, 'SIGKILL');
  await exit;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

function signalNumber(signal: NodeJS.Signals | null): number {
  if (signal === 'SIGINT') return 2;
  if (signal === 'SIGKILL') return 9;
  if (signal === 'SIGTERM') return 15;
  return 0;
}
