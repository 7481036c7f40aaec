/**
 * The console store as an `EventFeed`: follows `eventsVersion` (bumped once per frame batch) and
 * hands over the log's events newer than the last one handed over. The log only grows, in seq order,
 * until the store closes the orchestrator (it empties then), which starts the cursor over.
 */
import { watch } from 'vue';
import { useConsoleStore } from '../../stores/console.ts';
import { type EventFeed, eventsAfter } from './event-feed.ts';

export function consoleEventFeed(): EventFeed {
  const store = useConsoleStore();
  return {
    subscribe(listener) {
      let cursor = 0;
      return watch(
        () => store.eventsVersion,
        () => {
          const events = store.log.events;
          const last = events.at(-1)?.seq ?? 0;
          if (last < cursor) cursor = 0;
          const fresh = eventsAfter(events, cursor);
          cursor = last;
          if (fresh.length > 0) listener(fresh);
        },
        { immediate: true },
      );
    },
  };
}
