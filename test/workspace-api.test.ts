import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deleteFile, writeFile } from '../src/workspace/store.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';

interface FileJson {
  path: string;
  size: number;
  version: number;
  sha256: string;
  updated_at: string;
  content?: string;
}

interface VersionJson {
  version: number;
  deleted: boolean;
  size: number;
  diff: string;
  lines_added: number;
  lines_removed: number;
  tool_use_id: string | null;
}

async function orchestratorWith(files: Record<string, string>, name = 'files api'): Promise<string> {
  const response = await call('/api/orchestrators', { method: 'POST', json: { name } });
  const { id } = (await response.json()) as { id: string };
  await withDatabase(async (db) => {
    for (const [path, content] of Object.entries(files)) await writeFile(db, id, path, content);
  });
  return id;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await call(path);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe('workspace REST: files', () => {
  it('lists live files in path order, under a prefix, a page at a time', async () => {
    const id = await orchestratorWith({
      'src/b.ts': 'b',
      'src/a.ts': 'aa',
      'README.md': '# hi\n',
      'src2/x': 'x',
    });
    const all = await getJson<{ files: FileJson[]; next_after: string | null }>(
      `/api/orchestrators/${id}/files`,
    );
    expect(all.files.map((f) => [f.path, f.size, f.version])).toEqual([
      ['README.md', 5, 1],
      ['src/a.ts', 2, 1],
      ['src/b.ts', 1, 1],
      ['src2/x', 1, 1],
    ]);
    expect(all.next_after).toBeNull();
    expect(all.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const src = await getJson<{ files: FileJson[] }>(`/api/orchestrators/${id}/files?prefix=./src/`);
    expect(src.files.map((f) => f.path)).toEqual(['src/a.ts', 'src/b.ts']);
    const page = await getJson<{ files: FileJson[]; next_after: string }>(
      `/api/orchestrators/${id}/files?limit=2`,
    );
    expect(page).toMatchObject({ next_after: 'src/a.ts' });
    const next = await getJson<{ files: FileJson[] }>(
      `/api/orchestrators/${id}/files?limit=2&after=${encodeURIComponent(page.next_after)}`,
    );
    expect(next.files.map((f) => f.path)).toEqual(['src/b.ts', 'src2/x']);
  });

  it('serves current content, an old version, and 404s for deleted or missing files', async () => {
    const id = await orchestratorWith({ 'docs/guide/intro.md': 'v1\n', 'docs/résumé 1.md': 'unicode\n' });
    await withDatabase(async (db) => {
      await writeFile(db, id, 'docs/guide/intro.md', 'v2\n');
      await writeFile(db, id, 'gone.txt', 'bye\n');
      await deleteFile(db, id, 'gone.txt');
    });
    const current = await getJson<FileJson>(`/api/orchestrators/${id}/files/docs/guide/intro.md`);
    expect(current).toMatchObject({ path: 'docs/guide/intro.md', version: 2, size: 3, content: 'v2\n' });
    expect(Object.keys(current).sort()).toEqual([
      'content',
      'path',
      'sha256',
      'size',
      'updated_at',
      'version',
    ]);
    const old = await getJson<FileJson>(`/api/orchestrators/${id}/files/docs/guide/intro.md?version=1`);
    expect(old).toMatchObject({ version: 1, content: 'v1\n' });
    const unicode = await getJson<FileJson>(
      `/api/orchestrators/${id}/files/${['docs', 'résumé 1.md'].map(encodeURIComponent).join('/')}`,
    );
    expect(unicode.content).toBe('unicode\n');
    // Deleted: gone now, but its earlier version is still readable.
    await expectError(await call(`/api/orchestrators/${id}/files/gone.txt`), 404, 'not_found');
    expect((await getJson<FileJson>(`/api/orchestrators/${id}/files/gone.txt?version=1`)).content).toBe(
      'bye\n',
    );
    await expectError(await call(`/api/orchestrators/${id}/files/gone.txt?version=2`), 404, 'not_found');
    await expectError(await call(`/api/orchestrators/${id}/files/nope.md`), 404, 'not_found');
    await expectError(
      await call(`/api/orchestrators/${id}/files/docs/guide/intro.md?version=9`),
      404,
      'not_found',
    );
  });

  it('serves a file’s history newest first, with diffs and +/− counts, deletions included', async () => {
    const id = await orchestratorWith({ 'src/app.ts': 'a\nb\n' });
    await withDatabase(async (db) => {
      await writeFile(db, id, 'src/app.ts', 'a\nB\nc\n', { toolUseId: 'toolu_h2' });
      await deleteFile(db, id, 'src/app.ts');
      await writeFile(db, id, 'src/app.ts', 'again\n');
    });
    const history = await getJson<{ path: string; versions: VersionJson[]; next_before: number | null }>(
      `/api/orchestrators/${id}/history/src/app.ts`,
    );
    expect(history.path).toBe('src/app.ts');
    expect(history.next_before).toBeNull();
    expect(history.versions.map((v) => [v.version, v.deleted, v.lines_added, v.lines_removed])).toEqual([
      [4, false, 1, 0],
      [3, true, 0, 3],
      [2, false, 2, 1],
      [1, false, 2, 0],
    ]);
    expect(history.versions[2]).toMatchObject({ tool_use_id: 'toolu_h2', size: 6 });
    expect(history.versions[2]?.diff).toBe(
      '--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1,2 +1,3 @@\n a\n-b\n+B\n+c\n',
    );
    const page = await getJson<{ versions: VersionJson[]; next_before: number }>(
      `/api/orchestrators/${id}/history/src/app.ts?limit=2&before=4`,
    );
    expect(page.versions.map((v) => v.version)).toEqual([3, 2]);
    expect(page.next_before).toBe(2);
    await expectError(await call(`/api/orchestrators/${id}/history/never.ts`), 404, 'not_found');
  });

  it('downloads the current workspace as a zip with a filename', async () => {
    const files = { 'README.md': '# Project\n', 'src/index.ts': 'export {};\n', 'src/lib/ünï.txt': 'ü\n' };
    const id = await orchestratorWith({ ...files, 'deleted.txt': 'x' }, 'My Project!');
    await withDatabase((db) => deleteFile(db, id, 'deleted.txt'));
    const response = await call(`/api/orchestrators/${id}/workspace.zip`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/zip');
    expect(response.headers.get('Content-Disposition')).toBe(
      `attachment; filename="my-project-${id.slice(0, 8)}-workspace.zip"`,
    );
    const unzipped = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const contents = Object.fromEntries(
      Object.entries(unzipped).map(([path, data]) => [path, strFromU8(data)]),
    );
    expect(contents).toEqual(files);

    const empty = await orchestratorWith({});
    const emptyZip = await call(`/api/orchestrators/${empty}/workspace.zip`);
    expect(unzipSync(new Uint8Array(await emptyZip.arrayBuffer()))).toEqual({});
  });
});

describe('workspace REST: errors', () => {
  it('404s for an orchestrator that does not exist, on every route', async () => {
    const missing = crypto.randomUUID();
    for (const path of ['files', 'files/a.txt', 'history/a.txt', 'workspace.zip']) {
      const body = await expectError(await call(`/api/orchestrators/${missing}/${path}`), 404, 'not_found');
      expect(body.error.message).toBe(`Orchestrator ${missing} was not found.`);
    }
  });

  it('401s without credentials', async () => {
    const id = crypto.randomUUID();
    for (const path of ['files', 'files/a.txt', 'history/a.txt', 'workspace.zip']) {
      await expectError(await call(`/api/orchestrators/${id}/${path}`, { token: null }), 401, 'unauthorized');
    }
  });

  it('422s for an invalid id, on every route', async () => {
    for (const path of ['files', 'files/a.txt', 'history/a.txt', 'workspace.zip']) {
      const body = await expectError(
        await call(`/api/orchestrators/not-a-uuid/${path}`),
        422,
        'validation_failed',
      );
      expect(body.error.details).toMatchObject({ issues: [{ path: 'param.id' }] });
    }
  });

  it('422s for paths that leave the workspace or are malformed, and for bad queries', async () => {
    const id = await orchestratorWith({ 'a.txt': 'a' });
    const cases: [string, string, string][] = [
      [`files/..%2F..%2Fetc%2Fpasswd`, 'param.path', 'the path leads outside the workspace ("..")'],
      [`history/a%5Cb.txt`, 'param.path', 'the path contains a backslash; separate directories with "/"'],
      [`files/a%00b`, 'param.path', 'the path contains a NUL character'],
      [`files?prefix=..`, 'query.prefix', 'the path leads outside the workspace ("..")'],
    ];
    for (const [path, where, message] of cases) {
      const body = await expectError(
        await call(`/api/orchestrators/${id}/${path}`),
        422,
        'validation_failed',
      );
      expect(body.error.details).toEqual({ issues: [{ path: where, message }] });
    }
    for (const path of [
      'files/a.txt?version=0',
      'files/a.txt?version=x',
      'history/a.txt?limit=0',
      'files?limit=-1',
    ]) {
      const body = await expectError(
        await call(`/api/orchestrators/${id}/${path}`),
        422,
        'validation_failed',
      );
      expect(JSON.stringify(body.error.details)).toContain('query.');
    }
  });

  it('documents the routes in the OpenAPI document', async () => {
    const document = await getJson<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    for (const path of [
      '/orchestrators/{id}/files',
      '/orchestrators/{id}/files/{path}',
      '/orchestrators/{id}/history/{path}',
      '/orchestrators/{id}/workspace.zip',
    ]) {
      expect(document.paths[path]?.get, path).toBeDefined();
    }
    const content = document.paths['/orchestrators/{id}/files/{path}']?.get as {
      parameters: { name: string; in: string }[];
    };
    expect(content.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      'path:id',
      'path:path',
      'query:version',
    ]);
  });
});
