/**
 * The workflows of one orchestrator for the swimlanes: the list and recent workflows' events from
 * REST, then live events from a feed, all through one WorkflowBoard. The board is plain data; the
 * view follows `version` (any change) and `laneVersions[id]` (one card's lanes), so a new event
 * re-renders one card, not every square.
 */
import { markRaw, onBeforeUnmount, ref, shallowReactive } from 'vue';
import { describeError } from '../../api/client.ts';
import { mergeRead } from './adw-updates.ts';
import type { EventFeed } from './event-feed.ts';
import { isActive } from './format.ts';
import type { Adw, LaneEvent } from './types.ts';
import { WorkflowBoard } from './workflow-board.ts';
import {
  adwEventsPage,
  cancelAdw,
  getAdw,
  listAdws,
  type StartWorkflowInput,
  startAdw,
  type WorkflowType,
  workflowTypes,
} from './workflows-api.ts';

const LIST_PAGE = 50;
const EVENTS_PAGE = 1_000;
/** Events read per workflow from REST; live ones come on top. */
const EVENTS_MAX = 5_000;
/** The newest workflows whose events load at once (active ones always do); older ones on demand. */
const EAGER = 8;
const REFRESH_DELAY_MS = 400;

export type EventsState = 'loading' | 'loaded' | 'error';

export function useWorkflows(orchestratorId: string, feed: EventFeed) {
  const board = markRaw(new WorkflowBoard());
  const version = ref(0);
  const laneVersions = shallowReactive<Record<string, number>>({});
  const eventsState = shallowReactive<Record<string, EventsState>>({});
  const loading = ref(false);
  const loadError = ref('');
  const nextBefore = ref<string | null>(null);
  const types = ref<WorkflowType[]>([]);
  const typesError = ref('');
  const now = ref(Date.now());

  const fetching = new Set<string>();
  const refreshTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let disposed = false;

  function bump(ids: Iterable<string>): void {
    for (const id of ids) laneVersions[id] = (laneVersions[id] ?? 0) + 1;
    version.value++;
  }

  function ingest(events: readonly LaneEvent[]): void {
    if (disposed) return;
    const mine = events.filter((event) => !event.orchestrator_id || event.orchestrator_id === orchestratorId);
    const known = board.size;
    const result = board.ingest(mine);
    if (board.size > known) {
      // Seen from its adw_created on: every later event comes through the feed as well.
      for (const adw of board.list()) if (!eventsState[adw.id]) eventsState[adw.id] = 'loaded';
    }
    if (result.changed.size > 0) bump(result.changed);
    for (const id of result.unknown) void readUnknown(id);
    for (const id of result.refresh) scheduleRefresh(id);
  }

  function put(read: Adw): void {
    const live = board.get(read.id);
    board.upsert(live ? mergeRead(live, read) : read);
    bump([read.id]);
  }

  /** Events of a workflow missed before its object was known (its adw_created was before the log). */
  async function readUnknown(id: string): Promise<void> {
    if (fetching.has(id)) return;
    fetching.add(id);
    try {
      const adw = await getAdw(id);
      if (disposed || adw.orchestrator_id !== orchestratorId) return;
      put(adw);
      await loadEvents(id);
    } catch {
      // Gone or not ours: its events stay unlisted.
    } finally {
      fetching.delete(id);
    }
  }

  function scheduleRefresh(id: string): void {
    clearTimeout(refreshTimers.get(id));
    refreshTimers.set(
      id,
      setTimeout(async () => {
        refreshTimers.delete(id);
        try {
          const adw = await getAdw(id);
          if (!disposed) put(adw);
        } catch {
          // The live state stays; the next step end reads again.
        }
      }, REFRESH_DELAY_MS),
    );
  }

  async function loadEvents(id: string): Promise<void> {
    if (eventsState[id] === 'loading') return;
    eventsState[id] = 'loading';
    try {
      let after = 0;
      for (let read = 0; read < EVENTS_MAX; read += EVENTS_PAGE) {
        const page = await adwEventsPage(id, after, EVENTS_PAGE);
        if (disposed) return;
        ingest(page.events);
        if (page.nextAfterSeq === null || page.events.length === 0) break;
        after = page.nextAfterSeq;
      }
      eventsState[id] = 'loaded';
    } catch {
      eventsState[id] = 'error';
    }
  }

  async function loadPage(before?: string): Promise<void> {
    loading.value = true;
    loadError.value = '';
    try {
      const page = await listAdws(orchestratorId, { limit: LIST_PAGE, before });
      if (disposed) return;
      for (const adw of page.adws) put(adw);
      nextBefore.value = page.next_before;
      const eager = before
        ? []
        : board
            .list()
            .filter((adw, index) => (isActive(adw.status) || index < EAGER) && !eventsState[adw.id]);
      await Promise.all(eager.map((adw) => loadEvents(adw.id)));
    } catch (caught) {
      loadError.value = describeError(caught);
    } finally {
      loading.value = false;
    }
  }

  async function loadTypes(): Promise<void> {
    typesError.value = '';
    try {
      types.value = await workflowTypes(orchestratorId);
    } catch (caught) {
      typesError.value = describeError(caught);
    }
  }

  async function start(input: StartWorkflowInput): Promise<Adw> {
    const adw = await startAdw(orchestratorId, input);
    if (!board.has(adw.id)) put(adw);
    eventsState[adw.id] ??= 'loaded';
    return adw;
  }

  async function cancel(id: string): Promise<void> {
    const adw = await cancelAdw(id);
    if (!disposed) put(adw);
  }

  const unsubscribe = feed.subscribe(ingest);
  const ticker = setInterval(() => {
    if (board.list().some((adw) => adw.status === 'in_progress')) now.value = Date.now();
  }, 1_000);

  onBeforeUnmount(() => {
    disposed = true;
    unsubscribe();
    clearInterval(ticker);
    for (const timer of refreshTimers.values()) clearTimeout(timer);
  });

  void loadPage();
  void loadTypes();

  return {
    board,
    version,
    laneVersions,
    eventsState,
    loading,
    loadError,
    nextBefore,
    types,
    typesError,
    now,
    reload: () => loadPage(),
    loadMore: () => (nextBefore.value ? loadPage(nextBefore.value) : Promise.resolve()),
    loadEvents,
    start,
    cancel,
  };
}
