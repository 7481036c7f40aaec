/**
 * The experts view's state and loading: the domains, the chosen document and its history. The
 * change signal (a count of `expertise_updated` events) reloads all three, so what an agent just
 * learned shows at once. Responses for a domain no longer chosen are dropped.
 */
import { onMounted, type Ref, ref, watch } from 'vue';
import { describeError } from '../../api/client.ts';
import {
  type ExpertiseDocument,
  type ExpertiseSummary,
  type ExpertiseVersion,
  listExperts,
  readExpert,
  readExpertHistory,
} from './experts-api.ts';
import { pickDomain } from './experts-model.ts';

export type LoadState = 'loading' | 'ready' | 'error';

export function useExperts(orchestratorId: Ref<string>, changeSignal: Ref<number | undefined>) {
  const experts = ref<ExpertiseSummary[]>([]);
  const listState = ref<LoadState>('loading');
  const error = ref('');
  const domain = ref<string | null>(null);
  const document = ref<ExpertiseDocument | null>(null);
  const history = ref<ExpertiseVersion[]>([]);
  const openVersion = ref<number | null>(null);
  const documentState = ref<LoadState>('loading');

  async function refresh(): Promise<void> {
    error.value = '';
    try {
      experts.value = await listExperts(orchestratorId.value);
      listState.value = 'ready';
      domain.value = pickDomain(experts.value, domain.value);
      if (domain.value) await loadDomain(domain.value, false);
    } catch (caught) {
      error.value = describeError(caught);
      listState.value = 'error';
    }
  }

  async function loadDomain(name: string, reset = true): Promise<void> {
    domain.value = name;
    if (reset || !document.value) documentState.value = 'loading';
    try {
      const [loaded, versions] = await Promise.all([
        readExpert(orchestratorId.value, name),
        readExpertHistory(orchestratorId.value, name),
      ]);
      if (domain.value !== name) return;
      const newest = versions.versions[0]?.version ?? null;
      // Follow the newest version unless an older one was opened on purpose.
      const followNewest =
        reset || openVersion.value === null || openVersion.value === document.value?.version;
      document.value = loaded;
      history.value = versions.versions;
      if (followNewest) openVersion.value = newest;
      documentState.value = 'ready';
    } catch (caught) {
      if (domain.value !== name) return;
      error.value = describeError(caught);
      documentState.value = 'error';
    }
  }

  onMounted(refresh);
  watch(changeSignal, () => void refresh());
  watch(orchestratorId, () => {
    domain.value = null;
    document.value = null;
    void refresh();
  });

  return {
    experts,
    listState,
    error,
    domain,
    document,
    history,
    openVersion,
    documentState,
    refresh,
    loadDomain,
  };
}
