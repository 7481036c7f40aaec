/**
 * What a scenario must undo however the run ends: processes it started, servers it listens with,
 * files it wrote. A scenario registers each undo step as it acquires the thing; it runs the step
 * itself when it finishes normally, and `bench/run.ts` runs whatever is still registered on Ctrl-C
 * or failure. Steps run newest first (the reverse of acquisition) and each runs at most once.
 */

type Step = () => Promise<void>;

const steps: { label: string; step: Step }[] = [];

/** Registers `step`; the returned function runs it now (once) and unregisters it. */
export function deferCleanup(label: string, step: Step): () => Promise<void> {
  let done: Promise<void> | undefined;
  const entry = {
    label,
    step: (): Promise<void> => {
      done ??= step();
      return done;
    },
  };
  steps.push(entry);
  return () => {
    const index = steps.indexOf(entry);
    if (index >= 0) steps.splice(index, 1);
    return entry.step();
  };
}

/** Runs every registered step, newest first; a failing step is reported and the others still run. */
export async function runAllCleanups(): Promise<void> {
  while (steps.length > 0) {
    const entry = steps.pop();
    if (!entry) break;
    try {
      await entry.step();
    } catch (error) {
      console.error(`cleanup "${entry.label}" failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}
