/**
 * Which snapshot runs are lost: still `running` long after they started. A run normally ends within
 * minutes, written by its queue message's handler (cron) or by the request that started it (manual).
 * It stays `running` forever when neither happens: the message was dead-lettered after every
 * delivery failed, or the Worker running it died between the insert and the result. The cron tick
 * marks such runs failed, so the run list stops showing work nobody is doing.
 *
 * The bound is generous on purpose: a queue message is retried a few times, each delivery a chain
 * read of seconds to minutes, so 30 minutes is far past any run still alive. A run that somehow
 * does finish after being marked lost keeps its snapshot rows; only its late result is not written.
 */
export const LOST_RUN_AFTER_MS = 30 * 60_000;

export interface RunningRun {
  id: string;
  trigger: 'cron' | 'manual';
  createdAt: Date;
}

export interface LostRun {
  id: string;
  /** Starts with "lost: ", as a missed instant's starts with "missed: ". */
  error: string;
}

export function lostRuns(
  running: readonly RunningRun[],
  now: Date,
  afterMs: number = LOST_RUN_AFTER_MS,
): LostRun[] {
  return running
    .filter((run) => now.getTime() - run.createdAt.getTime() > afterMs)
    .map((run) => {
      const minutes = Math.floor((now.getTime() - run.createdAt.getTime()) / 60_000);
      const since = `still running ${minutes} min after it ${run.trigger === 'cron' ? 'was claimed' : 'started'}`;
      const why =
        run.trigger === 'cron'
          ? 'its queue message was most likely dead-lettered, or the Worker running it stopped before writing a result'
          : 'the request running it most likely ended before writing a result';
      return { id: run.id, error: `lost: ${since}; ${why}` };
    });
}
