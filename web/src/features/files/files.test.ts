import { describe, expect, it } from 'vitest';
import { encodePath, formatBytes, MAX_VIEW_LINES, viewLines } from './diff.ts';
import { countOfTypes } from './event-signal.ts';
import { buildTree, type FileInfo, folderPaths, treeKeyAction, visibleRows } from './tree.ts';

const file = (path: string): FileInfo => ({ path, size: 1, version: 1, updated_at: '2026-01-01T00:00:00Z' });
const tree = buildTree(['notes/b.md', 'README.md', 'notes/a.md', 'src/lib/x.ts', 'a.txt'].map(file));
const names = (expanded: string[]) =>
  visibleRows(tree, new Set(expanded)).map((row) => `${'  '.repeat(row.depth)}${row.node.name}`);

describe('buildTree / visibleRows', () => {
  it('nests folders, folders first, each by name', () => {
    expect(names(folderPaths(tree))).toEqual([
      'notes',
      '  a.md',
      '  b.md',
      'src',
      '  lib',
      '    x.ts',
      'a.txt',
      'README.md',
    ]);
    expect(folderPaths(tree)).toEqual(['notes', 'src', 'src/lib']);
  });

  it('hides the contents of collapsed folders', () => {
    expect(names([])).toEqual(['notes', 'src', 'a.txt', 'README.md']);
    expect(names(['src'])).toEqual(['notes', 'src', '  lib', 'a.txt', 'README.md']);
  });

  it('records each row’s parent row', () => {
    const rows = visibleRows(tree, new Set(['src', 'src/lib']));
    const x = rows.findIndex((row) => row.node.path === 'src/lib/x.ts');
    expect(rows[rows[x]?.parent ?? -1]?.node.path).toBe('src/lib');
    expect(rows[0]?.parent).toBe(-1);
  });
});

describe('treeKeyAction', () => {
  const expanded = new Set(['notes']);
  const rows = visibleRows(tree, expanded); // notes, a.md, b.md, src, a.txt, README.md
  it.each([
    [0, 'ArrowDown', { type: 'focus', index: 1 }],
    [5, 'ArrowDown', { type: 'focus', index: 5 }],
    [0, 'ArrowUp', { type: 'focus', index: 0 }],
    [3, 'End', { type: 'focus', index: 5 }],
    [3, 'Home', { type: 'focus', index: 0 }],
    [0, 'ArrowRight', { type: 'focus', index: 1 }],
    [3, 'ArrowRight', { type: 'toggle', path: 'src' }],
    [0, 'ArrowLeft', { type: 'toggle', path: 'notes' }],
    [2, 'ArrowLeft', { type: 'focus', index: 0 }],
    [4, 'ArrowLeft', { type: 'none' }],
    [1, 'Enter', { type: 'open', path: 'notes/a.md' }],
    [3, ' ', { type: 'toggle', path: 'src' }],
    [1, 'x', { type: 'none' }],
  ])('row %i, %j', (index, key, action) => {
    expect(treeKeyAction(rows, index, key, expanded)).toEqual(action);
  });
});

describe('helpers', () => {
  it('formats sizes', () => {
    expect([formatBytes(12), formatBytes(2048), formatBytes(3 * 1024 * 1024)]).toEqual([
      '12 B',
      '2.0 KB',
      '3.0 MB',
    ]);
  });

  it('encodes each path segment and keeps the slashes', () => {
    expect(encodePath('notes/a b#1.md')).toBe('notes/a%20b%231.md');
  });

  it('holds back lines past the guard until asked', () => {
    const long = Array.from({ length: MAX_VIEW_LINES + 5 }, (_, i) => `line ${i}`).join('\n');
    expect(viewLines(long, false)).toMatchObject({ hidden: 5 });
    expect(viewLines(long, false).lines).toHaveLength(MAX_VIEW_LINES);
    expect(viewLines(long, true).hidden).toBe(0);
    expect(viewLines('a\nb\n', false)).toEqual({ lines: ['a', 'b'], hidden: 0 });
  });
});

describe('countOfTypes', () => {
  it('counts only the events after `from` with a wanted type', () => {
    const events = [
      { type: 'file_changes' },
      { type: 'text' },
      { type: 'file_changes' },
      { type: 'model_call' },
    ];
    expect(countOfTypes(events, 0, new Set(['file_changes']))).toBe(2);
    expect(countOfTypes(events, 1, new Set(['file_changes', 'model_call']))).toBe(2);
    expect(countOfTypes(events, 9, new Set(['file_changes']))).toBe(0);
  });
});
