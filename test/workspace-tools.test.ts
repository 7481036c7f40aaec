import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../src/db/client.ts';
import { insertOrchestrator } from '../src/db/orchestrators.ts';
import { fileTools } from '../src/tools/file-tools.ts';
import { type ToolContext, ToolError, type ToolResult } from '../src/tools/types.ts';
import { fileHistory, readFile } from '../src/workspace/store.ts';
import { withDatabase } from './helpers/api.ts';

interface Harness {
  db: Database;
  orchestratorId: string;
  /** Runs a tool as the runtime would: input parsed by its schema; a fresh tool_use_id unless given. */
  run(name: string, input: unknown, toolUseId?: string): Promise<ToolResult>;
  /** The ToolError message of a call expected to fail. */
  fail(name: string, input: unknown): Promise<string>;
}

async function withTools(fn: (h: Harness) => Promise<void>): Promise<void> {
  await withDatabase(async (db) => {
    const { id } = await insertOrchestrator(db, { name: 'workspace-tools', model: 'opus' });
    const run = async (name: string, input: unknown, toolUseId = `toolu_${crypto.randomUUID()}`) => {
      const tool = fileTools.find((t) => t.name === name);
      if (!tool) throw new Error(`no tool ${name}`);
      const ctx: ToolContext = {
        db,
        orchestratorId: id,
        agentId: null,
        promptId: null,
        toolUseId,
        signal: new AbortController().signal,
        events: { emit: () => {} },
      };
      return tool.run(tool.input.parse(input), ctx);
    };
    const fail = async (name: string, input: unknown) => {
      const error = await run(name, input).then(
        (result) => new Error(`expected a ToolError, got ${result.content}`),
        (thrown: unknown) => thrown,
      );
      if (!(error instanceof ToolError)) throw error;
      return error.message;
    };
    await fn({ db, orchestratorId: id, run, fail });
  });
}

describe('file tools: definitions', () => {
  it('has the six tools, reads concurrency-safe and writes not, every field described', () => {
    expect(fileTools.map((t) => [t.name, t.concurrencySafe])).toEqual([
      ['list_files', true],
      ['read_file', true],
      ['write_file', false],
      ['edit_file', false],
      ['delete_file', false],
      ['search_files', true],
    ]);
    for (const tool of fileTools) {
      const schema = z.toJSONSchema(tool.input) as { properties: Record<string, { description?: string }> };
      for (const [field, property] of Object.entries(schema.properties)) {
        expect(property.description, `${tool.name}.${field}`).toBeTruthy();
      }
    }
  });
});

describe('file tools: writing', () => {
  it('writes, reports the version and line counts, and records file activity', async () => {
    await withTools(async ({ run, db, orchestratorId }) => {
      const created = await run('write_file', { path: './notes/todo.md', content: 'one\ntwo\n' }, 'toolu_w1');
      expect(created.content).toBe('Created notes/todo.md: version 1, +2 −0 lines.');
      expect(created.data).toMatchObject({
        file: { path: 'notes/todo.md', op: 'write', version: 1, lines_added: 2, lines_removed: 0 },
        status: 'created',
      });
      const updated = await run('write_file', { path: 'notes/todo.md', content: 'one\n' });
      expect(updated.content).toBe('Wrote notes/todo.md: version 2, +0 −1 lines.');
      const same = await run('write_file', { path: 'notes/todo.md', content: 'one\n' });
      expect(same.content).toContain('already has exactly this content; no new version');
      const retried = await run('write_file', { path: 'notes/todo.md', content: 'one\ntwo\n' }, 'toolu_w1');
      expect(retried.content).toContain('This tool call already changed notes/todo.md (version 1');
      expect(retried.data).toMatchObject({ status: 'replayed', file: { version: 1 } });
      const history = await fileHistory(db, orchestratorId, 'notes/todo.md');
      expect(history?.map((v) => v.toolUseId?.startsWith('toolu_'))).toEqual([true, true]);
    });
  });

  it('edits exact text once, or everywhere with replace_all', async () => {
    await withTools(async ({ run, db, orchestratorId }) => {
      await run('write_file', { path: 'a.ts', content: 'let a = 1;\nlet b = 1;\nlet c = 2;\n' });
      const once = await run('edit_file', { path: 'a.ts', old_string: 'c = 2', new_string: 'c = 3' });
      expect(once.content).toBe('Edited a.ts (1 replacement): version 2, +1 −1 lines.');
      expect(once.data).toMatchObject({ file: { path: 'a.ts', op: 'edit', version: 2 }, replacements: 1 });
      const all = await run('edit_file', {
        path: 'a.ts',
        old_string: '= 1',
        new_string: '= $&0',
        replace_all: true,
      });
      expect(all.data).toMatchObject({ replacements: 2, file: { lines_added: 2, lines_removed: 2 } });
      // `$&` is inserted literally, not as a replacement pattern.
      expect((await readFile(db, orchestratorId, 'a.ts'))?.content).toBe(
        'let a = $&0;\nlet b = $&0;\nlet c = 3;\n',
      );
    });
  });

  it('replays a retried edit instead of failing on text it already replaced', async () => {
    await withTools(async ({ run }) => {
      await run('write_file', { path: 'x.txt', content: 'old\n' });
      await run('edit_file', { path: 'x.txt', old_string: 'old', new_string: 'new' }, 'toolu_e');
      const retried = await run(
        'edit_file',
        { path: 'x.txt', old_string: 'old', new_string: 'new' },
        'toolu_e',
      );
      expect(retried.data).toMatchObject({ status: 'replayed', file: { version: 2 } });
    });
  });

  it('explains failed edits: missing, ambiguous, no-op, no file', async () => {
    await withTools(async ({ run, fail }) => {
      await run('write_file', { path: 'a.txt', content: 'x\nx\nx\ny\n' });
      expect(await fail('edit_file', { path: 'a.txt', old_string: 'zzz', new_string: 'q' })).toBe(
        'old_string was not found in a.txt (version 1). Read the file again and copy the text exactly, ' +
          'including whitespace and indentation.',
      );
      expect(await fail('edit_file', { path: 'a.txt', old_string: 'x', new_string: 'q' })).toBe(
        'old_string appears 3 times in a.txt. Include more surrounding text to make it unique, ' +
          'or set replace_all to true to replace every occurrence.',
      );
      expect(await fail('edit_file', { path: 'a.txt', old_string: 'y', new_string: 'y' })).toContain(
        'identical',
      );
      expect(await fail('edit_file', { path: 'nope.txt', old_string: 'a', new_string: 'b' })).toBe(
        'File not found: nope.txt. Use write_file to create it.',
      );
    });
  });

  it('deletes, fails to delete twice, and refuses oversized content', async () => {
    await withTools(async ({ run, fail }) => {
      await run('write_file', { path: 'gone.txt', content: 'bye\n' });
      const deleted = await run('delete_file', { path: '/gone.txt' });
      expect(deleted.content).toBe('Deleted gone.txt (version 2 records the deletion; its history is kept).');
      expect(deleted.data).toMatchObject({
        file: { path: 'gone.txt', op: 'delete', version: 2, lines_removed: 1 },
      });
      expect(await fail('delete_file', { path: 'gone.txt' })).toBe('File not found: gone.txt');
      expect(await fail('write_file', { path: 'big.bin', content: 'x'.repeat(1024 * 1024 + 1) })).toContain(
        'workspace files are limited to 1048576 bytes (1 MiB)',
      );
    });
  });

  it('confines every path to the workspace', async () => {
    await withTools(async ({ fail }) => {
      expect(await fail('write_file', { path: '../escape.txt', content: 'x' })).toBe(
        'Invalid path "../escape.txt": the path leads outside the workspace ("..").',
      );
      expect(await fail('read_file', { path: 'a/../../etc/passwd' })).toContain(
        'leads outside the workspace',
      );
      expect(await fail('delete_file', { path: 'C:\\x' })).toContain('backslash');
      expect(await fail('edit_file', { path: '', old_string: 'a', new_string: 'b' })).toContain(
        'the path is empty',
      );
      expect(await fail('list_files', { path_prefix: '..' })).toContain('Invalid path_prefix');
      expect(await fail('search_files', { pattern: 'x', path_prefix: '../..' })).toContain(
        'Invalid path_prefix',
      );
    });
  });
});

describe('file tools: reading', () => {
  it('reads with cat -n line numbers, a range, and says when it stops early', async () => {
    await withTools(async ({ run, fail }) => {
      const content = Array.from({ length: 2_500 }, (_, i) => `line ${i + 1}`).join('\n');
      await run('write_file', { path: 'long.txt', content });
      await run('write_file', { path: 'short.txt', content: 'alpha\nbeta\ngamma\n' });
      await run('write_file', { path: 'empty.txt', content: '' });

      const short = await run('read_file', { path: 'short.txt' });
      expect(short.content).toBe('     1\talpha\n     2\tbeta\n     3\tgamma');
      expect(short.data).toMatchObject({
        file: { path: 'short.txt', op: 'read', version: 1 },
        total_lines: 3,
      });
      expect((await run('read_file', { path: 'short.txt', start_line: 2, end_line: 2 })).content).toBe(
        '     2\tbeta',
      );
      expect((await run('read_file', { path: 'short.txt', start_line: 3, end_line: 99 })).content).toBe(
        '     3\tgamma',
      );

      const long = await run('read_file', { path: 'long.txt' });
      const lines = long.content.split('\n');
      expect(lines).toHaveLength(2_001);
      expect(lines[1_999]).toBe('  2000\tline 2000');
      expect(lines[2_000]).toBe(
        '… showing lines 1–2000 of 2500; call read_file with start_line=2001 to read on.',
      );
      expect(
        (await run('read_file', { path: 'long.txt', start_line: 2_001 })).content.split('\n'),
      ).toHaveLength(500);

      expect((await run('read_file', { path: 'empty.txt' })).content).toBe('(empty.txt is empty)');
      expect(await fail('read_file', { path: 'short.txt', start_line: 4 })).toBe(
        'start_line 4 is past the end of short.txt, which has 3 lines.',
      );
      expect(await fail('read_file', { path: 'short.txt', start_line: 3, end_line: 2 })).toBe(
        'end_line (2) is before start_line (3).',
      );
      expect(await fail('read_file', { path: 'missing.txt' })).toBe(
        'File not found: missing.txt. Use list_files to see what the workspace holds.',
      );
    });
  });

  it('lists files under a prefix and by glob', async () => {
    await withTools(async ({ run }) => {
      expect((await run('list_files', {})).content).toBe('No files in the workspace.');
      await run('write_file', { path: 'src/a.ts', content: 'a' });
      await run('write_file', { path: 'src/lib/b.tsx', content: 'bb' });
      await run('write_file', { path: 'README.md', content: 'readme' });
      const all = await run('list_files', {});
      expect(all.content).toBe(
        '3 files in the workspace:\n' +
          'README.md  (6 bytes, v1)\nsrc/a.ts  (1 byte, v1)\nsrc/lib/b.tsx  (2 bytes, v1)',
      );
      expect(all.data).toMatchObject({ file: { path: '', op: 'list' }, count: 3 });
      expect((await run('list_files', { path_prefix: 'src/' })).content).toMatch(/^2 files under src:/);
      expect((await run('list_files', { glob: '*.tsx' })).content).toBe(
        '1 file in the workspace matching *.tsx:\nsrc/lib/b.tsx  (2 bytes, v1)',
      );
      expect((await run('list_files', { path_prefix: 'docs' })).content).toBe('No files under docs.');
    });
  });

  it('searches with a regex and reports path:line matches', async () => {
    await withTools(async ({ run, fail }) => {
      await run('write_file', { path: 'a.ts', content: 'const x = 1;\n// TODO: fix\n' });
      await run('write_file', { path: 'b/c.ts', content: 'todo later\n' });
      const found = await run('search_files', { pattern: 'TODO' });
      expect(found.content).toBe('a.ts:2: // TODO: fix\n1 matching line in 1 of 2 files searched.');
      expect(found.data).toMatchObject({ file: { path: '', op: 'search' }, matches: 1, files_searched: 2 });
      const insensitive = await run('search_files', { pattern: 'todo', ignore_case: true, path_prefix: 'b' });
      expect(insensitive.content).toBe('b/c.ts:1: todo later\n1 matching line in 1 of 1 file searched.');
      expect((await run('search_files', { pattern: 'nothing' })).content).toBe('No matches in 2 files.');
      expect(await fail('search_files', { pattern: '(' })).toMatch(/^Invalid regular expression: /);
      expect(await fail('search_files', { pattern: 'x', glob: '{a' })).toBe(
        'Invalid glob: the glob "{a" has an unclosed "{".',
      );
    });
  });
});
