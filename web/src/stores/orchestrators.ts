/** The picker's list: orchestrators newest first, one page at a time (next_before cursor). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, describeError, type Orchestrator, unwrap } from '../api/client.ts';

const PAGE_SIZE = 50;

export const useOrchestratorListStore = defineStore('orchestrator-list', () => {
  const items = ref<Orchestrator[]>([]);
  const nextBefore = ref<string | null>(null);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref('');

  async function load(more = false): Promise<void> {
    loading.value = true;
    error.value = '';
    try {
      const before = more ? (nextBefore.value ?? undefined) : undefined;
      const page = unwrap(
        await api.GET('/orchestrators', { params: { query: { limit: PAGE_SIZE, before } } }),
      );
      items.value = more ? [...items.value, ...page.orchestrators] : page.orchestrators;
      nextBefore.value = page.next_before;
      loaded.value = true;
    } catch (caught) {
      error.value = describeError(caught);
    } finally {
      loading.value = false;
    }
  }

  async function create(name: string): Promise<Orchestrator> {
    const body = name.trim() ? { name: name.trim() } : {};
    const created = unwrap(await api.POST('/orchestrators', { body }));
    items.value = [created, ...items.value];
    return created;
  }

  async function archive(id: string): Promise<void> {
    unwrap(await api.POST('/orchestrators/{id}/archive', { params: { path: { id } } }));
    items.value = items.value.filter((item) => item.id !== id);
  }

  return { items, nextBefore, loading, loaded, error, load, create, archive };
});
