/**
 * The console's one module for the workspace routes (listing, files, history, the zip), read with the
 * session cookie: the file browser and the event stream's file-change rows both go through it. File
 * paths contain slashes, which the typed client would encode, so these use fetch with each segment
 * encoded.
 */
import { type Schemas, toApiError } from '../../api/client.ts';
import { encodePath } from './diff.ts';

export type WorkspaceFile = Schemas['WorkspaceFile'];
export type WorkspaceFileContent = Schemas['WorkspaceFileContent'];
export type WorkspaceFileHistory = Schemas['WorkspaceFileHistory'];
export type WorkspaceFileVersion = Schemas['WorkspaceFileVersion'];

const base = (orchestratorId: string) => `/api/orchestrators/${encodeURIComponent(orchestratorId)}`;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok || body === null) throw toApiError(response.status, body);
  return body as T;
}

/** Pages through the whole listing (a workspace rarely has more than a page). */
export async function listAllFiles(orchestratorId: string, maxPages = 20): Promise<WorkspaceFile[]> {
  const files: WorkspaceFile[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const query = new URLSearchParams({ limit: '5000' });
    if (after) query.set('after', after);
    const body: Schemas['WorkspaceFileList'] = await getJson(`${base(orchestratorId)}/files?${query}`);
    files.push(...body.files);
    after = body.next_after;
    if (!after) break;
  }
  return files;
}

export function readWorkspaceFile(
  orchestratorId: string,
  path: string,
  version?: number,
): Promise<WorkspaceFileContent> {
  const query = version ? `?version=${version}` : '';
  return getJson(`${base(orchestratorId)}/files/${encodePath(path)}${query}`);
}

export function readHistory(
  orchestratorId: string,
  path: string,
  limit = 200,
): Promise<WorkspaceFileHistory> {
  return getJson(`${base(orchestratorId)}/history/${encodePath(path)}?limit=${limit}`);
}

/** The diff that made `version` of a file (the newest entry when that version is gone from the history). */
export async function readVersionDiff(
  orchestratorId: string,
  path: string,
  version: number,
): Promise<string> {
  const history = await readHistory(orchestratorId, path, 50);
  const entry = history.versions.find((item) => item.version === version) ?? history.versions[0];
  return entry?.diff ?? '';
}

export function workspaceZipUrl(orchestratorId: string): string {
  return `${base(orchestratorId)}/workspace.zip`;
}

/** Saves text as a file through a temporary object URL. */
export function saveText(name: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
