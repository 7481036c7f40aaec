/** Workspace history for the stream's file-change rows (the diff of one version). */
import { type Schemas, toApiError } from './client.ts';

type FileHistory = Schemas['WorkspaceFileHistory'];

/** Segments are encoded one by one: the route takes the path with its slashes. */
export function workspacePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export async function fetchVersionDiff(
  orchestratorId: string,
  path: string,
  version: number,
): Promise<string> {
  const response = await fetch(
    `/api/orchestrators/${orchestratorId}/history/${workspacePath(path)}?limit=50`,
    { credentials: 'same-origin' },
  );
  const body = (await response.json().catch(() => null)) as FileHistory | null;
  if (!response.ok || !body) throw toApiError(response.status, body);
  const entry = body.versions.find((item) => item.version === version) ?? body.versions[0];
  return entry?.diff ?? '';
}
