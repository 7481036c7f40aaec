/**
 * A counter of live events of some types (e.g. `file_changes`), for panels that refresh when they
 * arrive. Follows the console store's append-only log: reads only what was added since last time.
 */
import { readonly, ref, watch } from 'vue';
import { useConsoleStore } from '../../stores/console.ts';

/** How many of `events[from…]` have one of `types`. */
export function countOfTypes(
  events: ReadonlyArray<{ type: string }>,
  from: number,
  types: ReadonlySet<string>,
): number {
  let count = 0;
  for (let i = Math.max(0, from); i < events.length; i++) if (types.has(events[i]?.type ?? '')) count++;
  return count;
}

export function useEventSignal(types: readonly string[]) {
  const store = useConsoleStore();
  const wanted = new Set(types);
  const signal = ref(0);
  let seen = store.log.events.length;
  watch(
    () => store.eventsVersion,
    () => {
      const events = store.log.events;
      if (events.length < seen) seen = 0;
      const added = countOfTypes(events, seen, wanted);
      seen = events.length;
      if (added) signal.value += added;
    },
  );
  return readonly(signal);
}
