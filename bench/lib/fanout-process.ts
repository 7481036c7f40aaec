/**
 * Starts the ws-fanout client process (bench/lib/fanout-clients.ts) and talks to it: connect N sockets,
 * wait for turn boundaries, collect the statistics, stop it. The process is registered for cleanup,
 * so Ctrl-C or a failure never leaves it running.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { deferCleanup } from './cleanup.ts';
import type { FanoutStats, FromClients, ToClients } from './fanout-protocol.ts';

const script = fileURLToPath(new URL('./fanout-clients.ts', import.meta.url));
const STOP_TIMEOUT_MS = 3_000;

export interface FanoutProcess {
  pid: number;
  /** The permessage-deflate parameters the server accepted, or `none`. */
  compression: string;
  /** Resolves with the next turn event from client 0 that `accept` takes. */
  turnEvent(
    accept: (event: FromClients & { type: 'turn_event' }) => boolean,
    timeoutMs: number,
  ): Promise<FromClients & { type: 'turn_event' }>;
  collect(untilSeq: number, endSeq: number, timeoutMs: number): Promise<FanoutStats>;
  stop(): Promise<void>;
}

export async function startFanoutClients(
  url: string,
  token: string,
  clients: number,
  compress: boolean,
): Promise<FanoutProcess> {
  const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the fan-out client process did not start');
  const stop = deferCleanup('fan-out clients', () => stopChild(child));
  const inbox: FromClients[] = [];
  let wake: (() => void) | undefined;
  child.on('message', (message: FromClients) => {
    inbox.push(message);
    wake?.();
  });
  child.on('exit', () => wake?.());

  /** The first queued message `accept` takes (removed from the queue), waiting up to `timeoutMs`. */
  const next = async <T extends FromClients>(
    accept: (m: FromClients) => m is T,
    timeoutMs: number,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const failure = inbox.find((m) => m.type === 'error');
      if (failure?.type === 'error') throw new Error(`fan-out clients: ${failure.message}`);
      const index = inbox.findIndex(accept);
      if (index >= 0) return inbox.splice(index, 1)[0] as T;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error('fan-out clients exited');
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`fan-out clients: no answer within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };
  const post = (message: ToClients): void => {
    child.send(message);
  };

  try {
    post({ type: 'connect', url, token, clients, compress });
    const ready = await next((m): m is FromClients & { type: 'ready' } => m.type === 'ready', 60_000);
    return {
      pid,
      compression: ready.compression,
      turnEvent: (accept, timeoutMs) =>
        next(
          (m): m is FromClients & { type: 'turn_event' } => m.type === 'turn_event' && accept(m),
          timeoutMs,
        ),
      async collect(untilSeq, endSeq, timeoutMs) {
        post({ type: 'collect', untilSeq, endSeq, timeoutMs });
        const answer = await next(
          (m): m is FromClients & { type: 'stats' } => m.type === 'stats',
          timeoutMs + 30_000,
        );
        return answer.stats;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send({ type: 'close' } satisfies ToClients);
    else child.kill('SIGTERM');
  });
}
