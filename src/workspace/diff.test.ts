import { structuredPatch } from 'diff';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_EDIT_LENGTH, diffVersions } from './diff.ts';

// jsdiff itself, watched: whether its Myers search ran to the end or gave up at the edit bound.
vi.mock('diff', async (importOriginal) => {
  const actual = await importOriginal<typeof import('diff')>();
  return { ...actual, structuredPatch: vi.fn(actual.structuredPatch) };
});

describe('diffVersions', () => {
  it('diffs a creation from /dev/null', () => {
    const result = diffVersions('a.txt', null, 'one\ntwo\n');
    expect(result).toEqual({
      diff: '--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n',
      linesAdded: 2,
      linesRemoved: 0,
    });
  });

  it('diffs a deletion to /dev/null', () => {
    const result = diffVersions('a.txt', 'one\ntwo\nthree\n', null);
    expect(result.diff.split('\n').slice(0, 2)).toEqual(['--- a/a.txt', '+++ /dev/null']);
    expect(result).toMatchObject({ linesAdded: 0, linesRemoved: 3 });
  });

  it('counts a change as one removed and one added line, with context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nc\nd\nE\nf\ng\nh\ni\n';
    const result = diffVersions('x.txt', before, after);
    expect(result).toMatchObject({ linesAdded: 2, linesRemoved: 1 });
    expect(result.diff).toBe(
      [
        '--- a/x.txt',
        '+++ b/x.txt',
        '@@ -2,7 +2,8 @@',
        ' b',
        ' c',
        ' d',
        '-e',
        '+E',
        ' f',
        ' g',
        ' h',
        '+i',
        '',
      ].join('\n'),
    );
  });

  it('marks a missing final newline', () => {
    const result = diffVersions('x', 'a\n', 'a\nb');
    expect(result.diff).toContain('+b\n\\ No newline at end of file');
    expect(result).toMatchObject({ linesAdded: 1, linesRemoved: 0 });
  });

  it('is empty when nothing changed, including an empty file created', () => {
    expect(diffVersions('x', 'same\n', 'same\n')).toEqual({ diff: '', linesAdded: 0, linesRemoved: 0 });
    expect(diffVersions('x', null, '')).toEqual({ diff: '', linesAdded: 0, linesRemoved: 0 });
  });

  it('falls back to replacing the changed middle when the edit distance is too large', () => {
    const before = ['keep1', 'x1', 'x2', 'x3', 'keep2', ''].join('\n');
    const after = ['keep1', 'y1', 'y2', 'keep2', ''].join('\n');
    const result = diffVersions('f', before, after, { maxEditLength: 1 });
    expect(result).toMatchObject({ linesAdded: 2, linesRemoved: 3 });
    expect(result.diff).toBe(
      ['--- a/f', '+++ b/f', '@@ -2,3 +2,2 @@', '-x1', '-x2', '-x3', '+y1', '+y2', ''].join('\n'),
    );
  });

  it('falls back correctly around a missing final newline', () => {
    const result = diffVersions('f', 'a\nb', 'a\nc', { maxEditLength: 0 });
    expect(result.diff).toBe(
      [
        '--- a/f',
        '+++ b/f',
        '@@ -2,1 +2,1 @@',
        '-b',
        '\\ No newline at end of file',
        '+c',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
    expect(result).toMatchObject({ linesAdded: 1, linesRemoved: 1 });
  });

  it('caps the stored diff text but keeps exact counts', () => {
    const after = Array.from({ length: 1_000 }, (_, i) => `line ${i}`).join('\n');
    const result = diffVersions('big', null, after, { maxChars: 500 });
    expect(result.linesAdded).toBe(1_000);
    expect(result.diff.length).toBeLessThan(600);
    expect(result.diff).toMatch(/… diff truncated: \d+ more characters not stored\n$/);
  });

  it('keeps a full rewrite of a large file cheap', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 20_000 }, (_, i) => `new ${i}`).join('\n');
    vi.mocked(structuredPatch).mockClear();
    const result = diffVersions('big', before, after);
    // The search is bounded (its cost grows with the square of the bound, not of the 20,000 changed
    // lines): it gave up at the bound, and the replace-the-middle fallback made the diff.
    const [search] = vi.mocked(structuredPatch).mock.calls;
    expect(search?.[6]).toMatchObject({ maxEditLength: DEFAULT_MAX_EDIT_LENGTH });
    expect(vi.mocked(structuredPatch).mock.results).toEqual([{ type: 'return', value: undefined }]);
    expect(result).toMatchObject({ linesAdded: 20_000, linesRemoved: 20_000 });
  });
});
