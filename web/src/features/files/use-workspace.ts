/**
 * The workspace browser's state and loading: the file list (refreshed live by `changeSignal`), the
 * selected file's content (guarded for big files, or an older version) and its history. Responses for
 * a file that is no longer selected are dropped. The components only render this.
 */
import { computed, onBeforeUnmount, onMounted, type Ref, ref, watch } from 'vue';
import { describeError } from '../../api/client.ts';
import { MAX_VIEW_BYTES } from './diff.ts';
import { buildTree, folderPaths, visibleRows } from './tree.ts';
import {
  listAllFiles,
  readHistory,
  readWorkspaceFile,
  saveText,
  type WorkspaceFile,
  type WorkspaceFileContent,
  type WorkspaceFileVersion,
} from './workspace-api.ts';

export type ContentState = 'idle' | 'loading' | 'ready' | 'error' | 'too-big';
export type HistoryState = 'idle' | 'loading' | 'ready' | 'error';

export function useWorkspace(orchestratorId: Ref<string>, changeSignal: Ref<number | undefined>) {
  const files = ref<WorkspaceFile[]>([]);
  const listState = ref<'loading' | 'ready' | 'error'>('loading');
  const listError = ref('');
  const expanded = ref(new Set<string>());
  const selected = ref<string | null>(null);
  const tab = ref<'content' | 'history'>('content');
  const content = ref<WorkspaceFileContent | null>(null);
  const contentState = ref<ContentState>('idle');
  const contentError = ref('');
  const viewingVersion = ref<number | null>(null);
  const history = ref<WorkspaceFileVersion[]>([]);
  const historyState = ref<HistoryState>('idle');
  const historyError = ref('');
  const openVersion = ref<number | null>(null);
  let firstLoad = true;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  const tree = computed(() => buildTree(files.value));
  const rows = computed(() => visibleRows(tree.value, expanded.value));
  const selectedFile = computed(() => files.value.find((file) => file.path === selected.value) ?? null);
  const totalBytes = computed(() => files.value.reduce((sum, file) => sum + file.size, 0));

  async function loadList(): Promise<void> {
    if (!files.value.length) listState.value = 'loading';
    listError.value = '';
    try {
      files.value = await listAllFiles(orchestratorId.value);
      if (firstLoad) {
        // Small workspaces open fully expanded; big ones start with the top level only.
        expanded.value = new Set(files.value.length <= 200 ? folderPaths(tree.value) : []);
        firstLoad = false;
      }
      listState.value = 'ready';
    } catch (caught) {
      listError.value = describeError(caught);
      listState.value = 'error';
    }
  }

  async function loadContent(path: string, version: number | null): Promise<void> {
    const entry = files.value.find((file) => file.path === path);
    viewingVersion.value = version;
    contentError.value = '';
    if (entry && version === null && entry.size > MAX_VIEW_BYTES) {
      content.value = null;
      contentState.value = 'too-big';
      return;
    }
    contentState.value = content.value?.path === path ? contentState.value : 'loading';
    try {
      const loaded = await readWorkspaceFile(orchestratorId.value, path, version ?? undefined);
      if (selected.value !== path) return;
      content.value = loaded;
      contentState.value = 'ready';
    } catch (caught) {
      if (selected.value !== path) return;
      content.value = null;
      contentError.value = describeError(caught);
      contentState.value = 'error';
    }
  }

  async function loadHistory(path: string): Promise<void> {
    historyState.value = history.value.length ? historyState.value : 'loading';
    historyError.value = '';
    try {
      const loaded = await readHistory(orchestratorId.value, path);
      if (selected.value !== path) return;
      history.value = loaded.versions;
      if (openVersion.value === null || !loaded.versions.some((v) => v.version === openVersion.value)) {
        openVersion.value = loaded.versions[0]?.version ?? null;
      }
      historyState.value = 'ready';
    } catch (caught) {
      if (selected.value !== path) return;
      historyError.value = describeError(caught);
      historyState.value = 'error';
    }
  }

  function openFile(path: string): void {
    if (selected.value !== path) {
      content.value = null;
      history.value = [];
      openVersion.value = null;
      historyState.value = 'idle';
    }
    selected.value = path;
    void loadContent(path, null);
    if (tab.value === 'history') void loadHistory(path);
  }

  function toggleFolder(path: string): void {
    const next = new Set(expanded.value);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    expanded.value = next;
  }

  function showTab(next: 'content' | 'history'): void {
    tab.value = next;
    if (next === 'history' && selected.value && historyState.value === 'idle')
      void loadHistory(selected.value);
  }

  function viewVersion(version: number): void {
    if (!selected.value) return;
    tab.value = 'content';
    void loadContent(selected.value, version);
  }

  async function downloadSelected(): Promise<void> {
    const path = selected.value;
    if (!path) return;
    const name = path.split('/').at(-1) ?? 'file.txt';
    try {
      const loaded =
        content.value?.path === path && contentState.value === 'ready'
          ? content.value
          : await readWorkspaceFile(orchestratorId.value, path, viewingVersion.value ?? undefined);
      saveText(name, loaded.content);
    } catch (caught) {
      contentError.value = describeError(caught);
    }
  }

  function refresh(): void {
    void loadList().then(() => {
      const path = selected.value;
      if (!path) return;
      if (!files.value.some((file) => file.path === path)) {
        contentState.value = 'error';
        contentError.value = `${path} no longer exists.`;
        content.value = null;
      } else if (viewingVersion.value === null) void loadContent(path, null);
      if (tab.value === 'history') void loadHistory(path);
    });
  }

  // A burst of file changes (one per tool call) refreshes once.
  watch(changeSignal, () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 300);
  });

  watch(orchestratorId, () => {
    firstLoad = true;
    files.value = [];
    selected.value = null;
    content.value = null;
    contentState.value = 'idle';
    void loadList();
  });

  onMounted(loadList);
  onBeforeUnmount(() => clearTimeout(refreshTimer));

  return {
    files,
    listState,
    listError,
    expanded,
    rows,
    selected,
    selectedFile,
    totalBytes,
    tab,
    content,
    contentState,
    contentError,
    viewingVersion,
    history,
    historyState,
    historyError,
    openVersion,
    loadList,
    loadContent,
    loadHistory,
    openFile,
    toggleFolder,
    showTab,
    viewVersion,
    downloadSelected,
    refresh,
  };
}
