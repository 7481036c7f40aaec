/**
 * One orchestrator's console: details, agents, the event log, the chat and the live connection.
 * Events arrive through one path (history pages, socket frames, the debug hook): a seq gate, then a
 * per-animation-frame batch applied to every model at once. The log itself is a plain array outside
 * Vue's reactivity; views follow `eventsVersion`, bumped once per batch.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, reactive, ref, shallowRef } from 'vue';
import {
  agentCounts,
  applyWorkflowEvents,
  groupAgents,
  type WorkflowInfo,
  workflowInfo,
} from '../agents/agent-groups.ts';
import { type AgentView, agentView, applyAgentEvents } from '../agents/agent-model.ts';
import { api, describeError, type Health, type OrchestratorDetails, unwrap } from '../api/client.ts';
import { addOptimistic, applyChatEvents, bubblesFromHistory, emptyChat } from '../chat/chat-model.ts';
import type { FilterName } from '../events/categories.ts';
import { compileSearch, FilteredIndex, makePredicate } from '../events/event-filter.ts';
import { EventLog, summariesOf } from '../events/event-log.ts';
import { createFrameBatcher } from '../events/frame-batcher.ts';
import {
  readOnlyNote,
  type Unavailable,
  unavailableFromDetails,
  unavailableFromError,
} from '../stream/availability.ts';
import { openBrowserSocket } from '../stream/browser-socket.ts';
import { type ConnectionState, StreamClient } from '../stream/stream-client.ts';
import { SeqGate, type WireEvent } from '../stream/wire.ts';

/** The newest events loaded on open; older ones stay on the server (GET …/events pages). */
export const HISTORY_LIMIT = 10_000;
const PAGE = 1_000;

export const useConsoleStore = defineStore('console', () => {
  const orchestratorId = ref('');
  const details = ref<OrchestratorDetails | null>(null);
  const health = ref<Health | null>(null);
  const loading = ref(false);
  const loadError = ref('');
  /** Archived (read-only), or an id the server does not know: nothing is sent and no socket opened. */
  const unavailable = ref<Unavailable | null>(null);
  const readOnly = computed(() => readOnlyNote(unavailable.value));
  const connection = ref<ConnectionState>('connecting');
  const historyFromSeq = ref(0);

  const agents = shallowRef(new Map<string, AgentView>());
  const agentsVersion = ref(0);
  /** The workflows step agents belong to (name, status), for grouping them and the active count. */
  const workflows = shallowRef(new Map<string, WorkflowInfo>());
  const log = markRaw(new EventLog());
  const eventsVersion = ref(0);
  const chat = reactive(emptyChat());
  const orchestratorContext = ref(0);
  const liveCost = ref(0);

  const filterCategories = ref(new Set<FilterName>());
  const filterAgents = ref(new Set<string>());
  const search = ref('');
  const filtered = markRaw(new FilteredIndex());
  const filterVersion = ref(0);

  let client: StreamClient | null = null;
  let gate = new SeqGate();
  let historySeq = 0;
  let detach: (() => void) | null = null;

  const batcher = createFrameBatcher<WireEvent>(applyBatch, (callback) => {
    if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') {
      requestAnimationFrame(() => callback());
    } else setTimeout(callback, 50);
  });

  function agentName(id: string): string | undefined {
    return agents.value.get(id)?.name;
  }

  function applyBatch(events: WireEvent[]): void {
    if (log.append(events) === 0) return;
    for (const event of events) {
      if (event.type === 'summary_update') log.applySummaries(summariesOf(event));
      else if (event.type === 'orchestrator_updated' && details.value) {
        const usage = event.data.usage as OrchestratorDetails['usage'] | undefined;
        if (usage && typeof usage.cost_usd === 'number') {
          details.value = { ...details.value, usage };
          liveCost.value = 0;
        }
      } else if (event.type === 'model_call') {
        if (!event.agent_id) {
          const n = (key: string) => Number(event.data[key] ?? 0);
          orchestratorContext.value =
            n('input_tokens') + n('cache_write_tokens') + n('cache_read_tokens') + n('output_tokens');
        }
        if (event.seq > historySeq) liveCost.value += Number(event.data.cost_usd ?? 0);
      }
    }
    const agentsChanged = applyAgentEvents(agents.value, events, historySeq);
    if (applyWorkflowEvents(workflows.value, events) || agentsChanged) agentsVersion.value++;
    applyChatEvents(chat, events);
    filtered.extend(log.events);
    eventsVersion.value++;
  }

  function ingest(events: readonly WireEvent[]): void {
    const fresh = client ? client.admit(events) : gate.admit(events);
    batcher.push(fresh);
  }

  const searchError = computed(() => compileSearch(search.value).error);

  function refilter(): void {
    const active =
      filterCategories.value.size > 0 ||
      filterAgents.value.size > 0 ||
      compileSearch(search.value).regex !== null;
    filtered.reset(
      active
        ? makePredicate(
            { categories: filterCategories.value, agentIds: filterAgents.value, search: search.value },
            agentName,
          )
        : null,
    );
    filtered.extend(log.events);
    filterVersion.value++;
  }

  function toggleCategory(name: FilterName): void {
    const next = new Set(filterCategories.value);
    if (!next.delete(name)) next.add(name);
    filterCategories.value = next;
    refilter();
  }

  function toggleAgent(id: string): void {
    const next = new Set(filterAgents.value);
    if (!next.delete(id)) next.add(id);
    filterAgents.value = next;
    refilter();
  }

  function setSearch(value: string): void {
    search.value = value;
    refilter();
  }

  function clearFilters(): void {
    filterCategories.value = new Set();
    filterAgents.value = new Set();
    search.value = '';
    refilter();
  }

  /** How many rows the stream shows, and the event of a row. */
  const visibleCount = computed(() => {
    void eventsVersion.value;
    void filterVersion.value;
    return filtered.active ? filtered.indices.length : log.events.length;
  });

  function rowEvent(row: number): WireEvent | undefined {
    return filtered.active ? log.events[filtered.indices[row] ?? -1] : log.events[row];
  }

  const totalCost = computed(() => (details.value?.usage?.cost_usd ?? 0) + liveCost.value);
  const agentList = computed(() => {
    void agentsVersion.value;
    // Events change the agents in place (they are not reactive, for speed); a card whose prop is the
    // same object as before would not re-render, so each version hands out fresh shallow copies.
    return [...agents.value.values()].map((agent) => ({ ...agent }));
  });
  const agentGroups = computed(() => groupAgents(agentList.value, workflows.value));
  const counts = computed(() => agentCounts(agentList.value, workflows.value));
  /** Agents that can still work: a finished workflow's step agents are not counted. */
  const activeAgents = computed(() => counts.value.active);
  const runningAgents = computed(() => counts.value.running);
  const offlineModel = computed(
    () =>
      health.value?.model.provider === 'offline' ||
      details.value?.catalog.model_provider.provider === 'offline',
  );

  async function open(id: string): Promise<void> {
    close();
    orchestratorId.value = id;
    loading.value = true;
    loadError.value = '';
    try {
      const path = { path: { id } };
      const [loaded, healthResult] = await Promise.all([
        api.GET('/orchestrators/{id}', { params: path }).then(unwrap),
        api.GET('/health').then((result) => result.data ?? null),
      ]);
      details.value = loaded;
      health.value = healthResult;
      unavailable.value = unavailableFromDetails(loaded);
      historySeq = loaded.live.last_seq;
      chat.historySeq = historySeq;
      chat.typing = loaded.live.turn_running;
      const [agentPage, messagePage] = await Promise.all([
        api.GET('/orchestrators/{id}/agents', { params: path }).then(unwrap),
        api.GET('/orchestrators/{id}/messages', { params: { ...path, query: { limit: 100 } } }).then(unwrap),
      ]);
      agents.value = new Map(agentPage.agents.map((agent) => [agent.id, agentView(agent)]));
      // Step agents' workflows by name and status (events keep them current); none, no request.
      if (agentPage.agents.some((agent) => agent.adw_id)) {
        const adwPage = await api
          .GET('/orchestrators/{id}/adws', { params: { ...path, query: { limit: 200 } } })
          .then(unwrap);
        workflows.value = new Map(
          adwPage.adws.flatMap((adw) => {
            const info = workflowInfo(adw);
            return info ? [[info.id, info] as const] : [];
          }),
        );
      }
      agentsVersion.value++;
      chat.bubbles = bubblesFromHistory(messagePage.messages);
      let after = Math.max(0, historySeq - HISTORY_LIMIT);
      historyFromSeq.value = after;
      gate = new SeqGate(after);
      for (;;) {
        const page = unwrap(
          await api.GET('/orchestrators/{id}/events', {
            params: { ...path, query: { after_seq: after, limit: PAGE } },
          }),
        );
        ingest(page.events as WireEvent[]);
        if (page.next_after_seq === null || page.events.length === 0) break;
        after = page.next_after_seq;
      }
      batcher.flush();
      if (!unavailable.value) connect(id);
    } catch (caught) {
      unavailable.value = unavailableFromError(caught);
      if (!unavailable.value) loadError.value = describeError(caught);
    } finally {
      loading.value = false;
    }
  }

  function connect(id: string): void {
    const stream = new StreamClient({
      afterSeq: gate.lastSeq,
      getTicket: async () => unwrap(await api.POST('/auth/ws-ticket')).ticket,
      url: (ticket, afterSeq) => {
        const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
        const query = new URLSearchParams({ ticket, after_seq: String(afterSeq) });
        return `${scheme}://${location.host}/api/orchestrators/${id}/ws?${query}`;
      },
      openSocket: openBrowserSocket,
      onEvents: (events) => batcher.push(events),
      onState: (state) => {
        connection.value = state;
      },
    });
    client = stream;
    const online = () => stream.setNetworkOnline(true);
    const offline = () => stream.setNetworkOnline(false);
    const visible = () => {
      if (document.visibilityState === 'visible') stream.reconnectNow();
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', visible);
    detach = () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
    };
    connection.value = navigator.onLine ? 'connecting' : 'offline';
    stream.start();
    if (!navigator.onLine) stream.setNetworkOnline(false);
  }

  function close(): void {
    client?.stop();
    client = null;
    detach?.();
    detach = null;
    batcher.flush();
    log.events.length = 0;
    filtered.reset(null);
    filterCategories.value = new Set();
    filterAgents.value = new Set();
    search.value = '';
    Object.assign(chat, emptyChat());
    agents.value = new Map();
    workflows.value = new Map();
    details.value = null;
    unavailable.value = null;
    liveCost.value = 0;
    orchestratorContext.value = 0;
    gate = new SeqGate();
    connection.value = 'connecting';
    eventsVersion.value++;
  }

  async function send(text: string): Promise<void> {
    if (unavailable.value) return;
    const id = `local-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    addOptimistic(chat, id, text, new Date().toISOString());
    // Before the request: the turn's own events (which end the indicator) may arrive before its 202.
    chat.typing = true;
    try {
      unwrap(
        await api.POST('/orchestrators/{id}/messages', {
          params: { path: { id: orchestratorId.value } },
          body: { message: text },
        }),
      );
    } catch (caught) {
      chat.typing = false;
      const bubble = chat.bubbles.find((item) => item.id === id);
      if (bubble) {
        bubble.pending = false;
        bubble.failed = describeError(caught);
      }
    }
  }

  async function interrupt(): Promise<void> {
    await api.POST('/orchestrators/{id}/interrupt', { params: { path: { id: orchestratorId.value } } });
  }

  /** The debug hook for tests and benchmarks (UI contract): reads flush the pending batch first. */
  const debugHook = {
    eventCount: () => {
      batcher.flush();
      return log.events.length;
    },
    distinctSeqCount: () => {
      batcher.flush();
      return log.distinctSeqCount();
    },
    lastSeq: () => {
      batcher.flush();
      return log.lastSeq;
    },
    connectionState: () => connection.value,
    injectEvents: (events: WireEvent[]) => ingest(events),
  };

  /**
   * Lookups the stream calls per row (tens of thousands of times when the virtualiser re-measures):
   * kept out of Pinia's action wrapping, which costs a subscription round per call.
   */
  const view = markRaw({ rowEvent, agentName });

  return {
    view,
    orchestratorId,
    details,
    health,
    loading,
    loadError,
    unavailable,
    readOnly,
    connection,
    historyFromSeq,
    agents,
    agentList,
    agentsVersion,
    agentGroups,
    activeAgents,
    log,
    eventsVersion,
    chat,
    orchestratorContext,
    totalCost,
    runningAgents,
    offlineModel,
    filterCategories,
    filterAgents,
    search,
    searchError,
    visibleCount,
    toggleCategory,
    toggleAgent,
    setSearch,
    clearFilters,
    open,
    close,
    send,
    interrupt,
    debugHook,
  };
});
