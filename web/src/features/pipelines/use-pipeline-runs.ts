/**
 * The run history of one orchestrator: loaded once, then kept current by the orchestrator's live
 * stream (`pipeline_run` / `pipeline_step` events in the console store's log), with no polling. A run
 * that reaches an end state is fetched once more for its result and execution log.
 */
import { ref, watch } from 'vue';
import { describeError } from '../../api/client.ts';
import { useConsoleStore } from '../../stores/console.ts';
import { getRun, listRuns } from './pipelines-api.ts';
import { applyPipelineEvent, type Run, sortRuns } from './pipelines-model.ts';

const FINAL = new Set(['succeeded', 'failed', 'missed']);

export function usePipelineRuns(orchestratorId: () => string) {
  const store = useConsoleStore();
  const runs = ref<Run[]>([]);
  const error = ref('');
  const loading = ref(true);
  /** The cursor of the next older page, null when the list is complete. */
  const nextCursor = ref<string | null>(null);
  let seen = store.log.events.length;

  async function load(): Promise<void> {
    loading.value = true;
    error.value = '';
    const from = store.log.events.length;
    try {
      const page = await listRuns(orchestratorId());
      // Events that arrived while the page was on its way may be newer than it: apply them again.
      runs.value = replay(sortRuns(page.runs), from);
      nextCursor.value = page.next_cursor;
    } catch (caught) {
      error.value = describeError(caught);
    } finally {
      loading.value = false;
    }
  }

  async function loadOlder(): Promise<void> {
    if (!nextCursor.value) return;
    try {
      const page = await listRuns(orchestratorId(), nextCursor.value);
      const known = new Set(runs.value.map((run) => run.id));
      runs.value = sortRuns([...runs.value, ...page.runs.filter((run) => !known.has(run.id))]);
      nextCursor.value = page.next_cursor;
    } catch (caught) {
      error.value = describeError(caught);
    }
  }

  async function refresh(id: string): Promise<void> {
    try {
      const fresh = await getRun(id);
      upsert(fresh);
    } catch {
      // The live state stays; the detail view can still be reopened.
    }
  }

  /** A run the console created or fetched itself (the 201/202 answer, or its detail). */
  function upsert(run: Run): void {
    const steps = runs.value.find((r) => r.id === run.id)?.steps_total;
    runs.value = sortRuns([{ ...run, steps_total: steps }, ...runs.value.filter((r) => r.id !== run.id)]);
  }

  function replay(list: Run[], from: number): Run[] {
    let next = list;
    const events = store.log.events;
    for (let i = Math.max(0, from); i < events.length; i++) {
      const event = events[i];
      if (event?.type === 'pipeline_run' || event?.type === 'pipeline_step') {
        next = applyPipelineEvent(next, { type: event.type, data: event.data as Record<string, unknown> });
      }
    }
    return next;
  }

  watch(
    () => store.eventsVersion,
    () => {
      const events = store.log.events;
      if (events.length < seen) seen = 0;
      for (let i = seen; i < events.length; i++) {
        const event = events[i];
        if (!event || (event.type !== 'pipeline_run' && event.type !== 'pipeline_step')) continue;
        const data = event.data as Record<string, unknown>;
        runs.value = applyPipelineEvent(runs.value, { type: event.type, data });
        if (
          event.type === 'pipeline_run' &&
          FINAL.has(String(data.status)) &&
          typeof data.run_id === 'string'
        ) {
          void refresh(data.run_id);
        }
      }
      seen = events.length;
    },
  );

  return { runs, error, loading, nextCursor, load, loadOlder, refresh, upsert };
}
