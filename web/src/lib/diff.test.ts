import { describe, expect, it } from 'vitest';
import { classifyDiff } from './diff.ts';

describe('classifyDiff', () => {
  it('classifies every line of a unified diff', () => {
    const diff = '--- a.txt\n+++ a.txt\n@@ -1,2 +1,2 @@\n keep\n-old\n+new\n\\ No newline at end of file\n';
    expect(classifyDiff(diff).map((line) => line.kind)).toEqual([
      'meta',
      'meta',
      'hunk',
      'context',
      'remove',
      'add',
      'meta',
    ]);
  });

  it('gives no lines for an empty diff', () => {
    expect(classifyDiff('')).toEqual([]);
  });
});
