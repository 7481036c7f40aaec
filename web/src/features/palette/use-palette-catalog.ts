/**
 * The palette's catalog for one orchestrator: its details (slash commands, templates, workflow types,
 * tools, the system information) and its agents, loaded each time the palette opens.
 */
import { computed, type Ref, ref, watch } from 'vue';
import { type Agent, api, describeError, type OrchestratorDetails, unwrap } from '../../api/client.ts';
import { chipGroupsOf } from './chip-groups.ts';
import type { PaletteCatalog } from './suggest.ts';

export function usePaletteCatalog(orchestratorId: Ref<string>) {
  const details = ref<OrchestratorDetails | null>(null);
  const agents = ref<Agent[]>([]);
  const loading = ref(false);
  const loadError = ref('');

  const catalog = computed<PaletteCatalog>(() => ({
    slashCommands: details.value?.catalog.slash_commands ?? [],
    agents: agents.value,
    templates: details.value?.catalog.agent_templates ?? [],
    workflowTypes: details.value?.catalog.workflow_types ?? [],
    tools: details.value?.catalog.tools ?? [],
  }));
  const chipGroups = computed(() => chipGroupsOf(details.value?.catalog, agents.value));

  watch(orchestratorId, () => {
    details.value = null;
    agents.value = [];
  });

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = '';
    const params = { path: { id: orchestratorId.value } };
    try {
      const [orchestrator, list] = await Promise.all([
        api.GET('/orchestrators/{id}', { params }).then(unwrap),
        api.GET('/orchestrators/{id}/agents', { params }).then(unwrap),
      ]);
      details.value = orchestrator;
      agents.value = list.agents;
    } catch (caught) {
      loadError.value = describeError(caught);
    } finally {
      loading.value = false;
    }
  }

  return { details, agents, loading, loadError, catalog, chipGroups, load };
}
