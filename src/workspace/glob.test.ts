import { describe, expect, it } from 'vitest';
import { globToRegExp } from './glob.ts';

function matcher(glob: string): (path: string) => boolean {
  const result = globToRegExp(glob);
  if (!result.ok) throw new Error(result.error);
  return (path) => result.regexp.test(path);
}

describe('globToRegExp', () => {
  it.each([
    ['*.ts', 'a.ts', true],
    ['*.ts', 'src/deep/a.ts', true],
    ['*.ts', 'a.tsx', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/lib/a.ts', false],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/lib/deep/a.ts', true],
    ['src/**', 'src/lib/a.ts', true],
    ['src/**', 'other/a.ts', false],
    ['**/test/*.ts', 'test/a.ts', true],
    ['**/test/*.ts', 'x/test/a.ts', true],
    ['*.{ts,tsx}', 'a.tsx', true],
    ['*.{ts,tsx}', 'a.js', false],
    ['file?.md', 'file1.md', true],
    ['file?.md', 'file10.md', false],
    ['[ab].txt', 'a.txt', true],
    ['[!ab].txt', 'a.txt', false],
    ['[!ab].txt', 'c.txt', true],
    ['a+b(c).txt', 'a+b(c).txt', true],
    ['a.txt', 'aXtxt', false],
    ['./src/*.ts', 'src/a.ts', true],
  ])('%j on %j → %j', (glob, path, expected) => {
    expect(matcher(glob)(path)).toBe(expected);
  });

  it('reports invalid globs', () => {
    expect(globToRegExp('')).toEqual({ ok: false, error: 'the glob is empty' });
    expect(globToRegExp('{a,b')).toEqual({ ok: false, error: 'the glob "{a,b" has an unclosed "{"' });
    expect(globToRegExp('[z-a]')).toMatchObject({ ok: false });
  });
});
