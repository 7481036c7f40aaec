import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { insertOrchestrator } from '../src/db/orchestrators.ts';
import { WorkspaceError } from '../src/workspace/errors.ts';
import {
  deleteFile,
  fileHistory,
  listFiles,
  MAX_FILE_BYTES,
  readFile,
  searchFiles,
  writeFile,
} from '../src/workspace/store.ts';
import { withDatabase } from './helpers/api.ts';

async function workspace(db: Database): Promise<string> {
  return (await insertOrchestrator(db, { name: 'workspace-store', model: 'opus' })).id;
}

describe('workspace store: versions', () => {
  it('creates, updates and reads any version, with sha256 and diffs', async () => {
    await withDatabase(async (db) => {
      const id = await workspace(db);
      const first = await writeFile(db, id, 'src/a.txt', 'one\ntwo\n', { toolUseId: 'toolu_1' });
      expect(first).toMatchObject({
        version: 1,
        status: 'created',
        linesAdded: 2,
        linesRemoved: 0,
        sizeBytes: 8,
      });
      expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
      const second = await writeFile(db, id, 'src/a.txt', 'one\nTWO\nthree\n', { toolUseId: 'toolu_2' });
      expect(second).toMatchObject({ version: 2, status: 'updated', linesAdded: 2, linesRemoved: 1 });

      expect(await readFile(db, id, 'src/a.txt')).toMatchObject({
        version: 2,
        content: 'one\nTWO\nthree\n',
        sizeBytes: 14,
      });
      expect(await readFile(db, id, 'src/a.txt', 1)).toMatchObject({ version: 1, content: 'one\ntwo\n' });
      expect(await readFile(db, id, 'src/a.txt', 3)).toBeUndefined();
      expect(await readFile(db, id, 'missing.txt')).toBeUndefined();

      const history = await fileHistory(db, id, 'src/a.txt');
      expect(history?.map((v) => [v.version, v.linesAdded, v.linesRemoved, v.toolUseId])).toEqual([
        [2, 2, 1, 'toolu_2'],
        [1, 2, 0, 'toolu_1'],
      ]);
      expect(history?.[0]?.diff).toContain('-two\n+TWO\n+three');
      expect(await fileHistory(db, id, 'never.txt')).toBeUndefined();
    });
  });

  it('computes the real sha256 of the UTF-8 content', async () => {
    await withDatabase(async (db) => {
      const id = await workspace(db);
      const outcome = await writeFile(db, id, 'h.txt', 'héllo');
      const expected = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('héllo'));
      const hex = Array.from(new Uint8Array(expected), (b) => b.toString(16).padStart(2, '0')).join('');
      expect(outcome).toMatchObject({ sha256: hex, sizeBytes: 6 });
      expect((await listFiles(db, id))[0]).toMatchObject({
        path: 'h.txt',
        sha256: hex,
        sizeBytes: 6,
        version: 1,
      });
    });
  });

  it('returns the earlier version for a retried tool call instead of writing again', async () => {
    await withDatabase(async (db) => {
      const id = await workspace(db);
      await writeFile(db, id, 'a.txt', 'v1\n', { toolUseId: 'toolu_a', agentId: null });
      const retry = await writeFile(db, id, 'a.txt', 'something else\n', { toolUseId: 'toolu_a' });
      expect(retry).toMatchObject({ version: 1, status: 'replayed', linesAdded: 1 });
      // A later write, then the original call retried again: still its own version.
      await writeFile(db, id, 'a.txt', 'v2\n', { toolUseId: 'toolu_b' });
      expect(await writeFile(db, id, 'a.txt', 'v1\n', { toolUseId: 'toolu_a' })).toMatchObject({
        version: 1,
        status: 'replayed',
      });
      expect((await readFile(db, id, 'a.txt'))?.content).toBe('v2\n');
      // The same tool_use_id on another file is another write.
      expect(await writeFile(db, id, 'b.txt', 'b\n', { toolUseId: 'toolu_a' })).toMatchObject({
        status: 'created',
      });
    });
  });

  it('records no version for identical content, and says so', async () => {
    await withDatabase(async (db) => {
      const id = await workspace(db);
      await writeFile(db, id, 'same.txt', 'x\n');
      expect(await writeFile(db, id, 'same.txt', 'x\n')).toMatchObject({ version: 1, status: 'unchanged' });
      expect(await fileHistory(db, id, 'same.txt')).toHaveLength(1);
    });
  });

  it('deletes with a contentless version, and recreating continues the history', async () => {
    await withDatabase(async (db) => {
      const id = await workspace(db);
      await writeFile(db, id, 'd.txt', 'a\nb\n');
      const deleted = await deleteFile(db, id, 'd.txt', { toolUseId: 'toolu_del' });
      expect(deleted).toMatchObject({ version: 2, status: 'deleted', linesRemoved: 2, sha256: null });
      expect(await readFile(db, id, 'd.txt')).toBeUndefined();
      expect(await readFile(db, id, 'd.txt', 1)).toMatchObject({ content: 'a\nb\n' });
      expect(await readFile(db, id, 'd.txt', 2)).toBeUndefined();
      expect(await listFiles(db, id)).toEqual([]);
      // A retried delete is a replay; another delete is an error.
      expect(await deleteFile(db, id, 'd.txt', { toolUseId: 'toolu_del' })).toMatchObject({
        version: 2,
        status: 'replayed',
      });
      await expect(deleteFile(db, id, 'd.txt')).rejects.toMatchObject({ code: 'not_found' });
      await expect(deleteFile(db, id, 'never.txt')).rejects.toBeInstanceOf(WorkspaceError);

      const recreated = await writeFile(db, id, 'd.txt', 'b\n');
      expect(recreated).toMatchObject({ version: 3, status: 'created', linesAdded: 1, linesRemoved: 0 });
      const history = await fileHistory(db, id, 'd.txt');
      expect(history?.map((v) => [v.version, v.deleted])).toEqual([
        [3, false],
        [2, true],
        [1, false],
      ]);
      expect(history?.[1]?.diff).toContain('+++ /dev/null');
      expect(await fileHistory(db, id, 'd.txt', { before: 3, limit: 1 })).toMatchObject([{ version: 2 }]);
    });
  });

  it('gives two concurrent writers to one file distinct, consecutive versions', async () => {
    await withDatabase(async (db) => {
      const id = await workspace(db);
      const writes = await Promise.all([
        writeFile(db, id, 'race.txt', 'from A\n', { toolUseId: 'toolu_A' }),
        writeFile(db, id, 'race.txt', 'from B\n', { toolUseId: 'toolu_B' }),
        writeFile(db, id, 'race.txt', 'from C\n', { toolUseId: 'toolu_C' }),
      ]);
      expect(writes.map((w) => w.version).sort()).toEqual([1, 2, 3]);
      expect(writes.filter((w) => w.status === 'created')).toHaveLength(1);
      const history = await fileHistory(db, id, 'race.txt');
      expect(history?.map((v) => v.version)).toEqual([3, 2, 1]);
      const latest = writes.find((w) => w.version === 3);
      expect((await readFile(db, id, 'race.txt'))?.sha256).toBe(latest?.sha256);
    });
  });

  it('applies concurrent edits one after the other, each to the latest content', async () => {
    await withDatabase(async (db) => {
      const id = await workspace(db);
      await writeFile(db, id, 'counter.txt', '0');
      const bump = (current: { content: string } | null) => String(Number(current?.content ?? '0') + 1);
      await Promise.all(Array.from({ length: 4 }, () => writeFile(db, id, 'counter.txt', bump)));
      expect(await readFile(db, id, 'counter.txt')).toMatchObject({ content: '4', version: 5 });
    });
  });

  it('refuses files over 1 MiB and non-canonical paths', async () => {
    await withDatabase(async (db) => {
      const id = await workspace(db);
      const big = 'x'.repeat(MAX_FILE_BYTES + 1);
      await expect(writeFile(db, id, 'big.txt', big)).rejects.toMatchObject({
        code: 'too_large',
        message: expect.stringContaining('limited to 1048576 bytes (1 MiB)'),
      });
      expect(await writeFile(db, id, 'edge.txt', 'x'.repeat(MAX_FILE_BYTES))).toMatchObject({
        status: 'created',
      });
      await expect(writeFile(db, id, 'edge.txt', () => `${big}`)).rejects.toMatchObject({
        code: 'too_large',
      });
      await expect(writeFile(db, id, '../x', 'x')).rejects.toThrow('not a canonical workspace path');
      // A failed first write leaves no trace.
      expect(await fileHistory(db, id, 'big.txt')).toBeUndefined();
    });
  });
});

describe('workspace store: listing and search', () => {
  it('lists live files in byte order under a directory prefix, a page at a time', async () => {
    await withDatabase(async (db) => {
      const id = await workspace(db);
      for (const path of ['src/b.ts', 'src/a.ts', 'src2/c.ts', 'README.md', 'src/lib/d.ts', 'src']) {
        // 'src' cannot be both a file and a directory in a real tree, but the store does not forbid it.
        if (path !== 'src') await writeFile(db, id, path, `// ${path}\n`);
      }
      expect((await listFiles(db, id)).map((f) => f.path)).toEqual([
        'README.md',
        'src/a.ts',
        'src/b.ts',
        'src/lib/d.ts',
        'src2/c.ts',
      ]);
      expect((await listFiles(db, id, { prefix: 'src' })).map((f) => f.path)).toEqual([
        'src/a.ts',
        'src/b.ts',
        'src/lib/d.ts',
      ]);
      expect((await listFiles(db, id, { limit: 2, after: 'src/a.ts' })).map((f) => f.path)).toEqual([
        'src/b.ts',
        'src/lib/d.ts',
      ]);
    });
  });

  it('finds path:line matches in current contents only, bounded, and says when it stopped', async () => {
    await withDatabase(async (db) => {
      const id = await workspace(db);
      await writeFile(db, id, 'a.ts', 'const x = 1;\n// TODO one\n// todo two\n');
      await writeFile(db, id, 'lib/b.ts', 'TODO three\r\n');
      await writeFile(db, id, 'old.ts', 'TODO gone\n');
      await writeFile(db, id, 'old.ts', 'nothing\n');
      await writeFile(db, id, 'dead.ts', 'TODO deleted\n');
      await deleteFile(db, id, 'dead.ts');

      const all = await searchFiles(db, id, /TODO/);
      expect(all.matches).toEqual([
        { path: 'a.ts', line: 2, text: '// TODO one' },
        { path: 'lib/b.ts', line: 1, text: 'TODO three' },
      ]);
      expect(all).toMatchObject({ filesSearched: 3, truncated: null });
      expect((await searchFiles(db, id, /todo/gi)).matches).toHaveLength(3);
      expect((await searchFiles(db, id, /TODO/, { prefix: 'lib' })).matches).toHaveLength(1);
      expect((await searchFiles(db, id, /TODO/, { glob: /^a\.ts$/ })).matches).toHaveLength(1);

      const capped = await searchFiles(db, id, /o/i, { maxMatches: 2 });
      expect(capped.matches).toHaveLength(2);
      expect(capped.truncated).toBe('stopped at 2 matches');
      const fewFiles = await searchFiles(db, id, /TODO/, { maxFiles: 1 });
      expect(fewFiles).toMatchObject({
        filesSearched: 1,
        truncated: 'searched 1 of 3 files (limit: 1 files)',
      });
      const fewBytes = await searchFiles(db, id, /TODO/, { maxBytes: 40 });
      expect(fewBytes.truncated).toMatch(/^searched 1 of 3 files/);
      const cut = await searchFiles(db, id, /const/, { maxLineChars: 5 });
      expect(cut.matches[0]?.text).toBe('const…');
    });
  });
});
