import { describe, expect, it } from 'vitest';
import { isCanonicalPath, isUnderPrefix, MAX_PATH_CHARS, normalizePath, normalizePrefix } from './paths.ts';

describe('normalizePath', () => {
  it.each([
    ['a.txt', 'a.txt'],
    ['./a.txt', 'a.txt'],
    ['/a.txt', 'a.txt'],
    ['///etc//passwd', 'etc/passwd'],
    ['src/./lib/../index.ts', 'src/index.ts'],
    ['a/b/../../c', 'c'],
    ['src/lib/', 'src/lib'],
    ['./././x', 'x'],
    ['...', '...'],
    ['.hidden/.env', '.hidden/.env'],
    ['my file.txt', 'my file.txt'],
    ['docs/résumé.md', 'docs/résumé.md'],
    // NFD (e + combining acute) becomes NFC, so the two spellings are one file.
    ['re\u0301sume\u0301.md', 'résumé.md'],
    ['日本語/ファイル.txt', '日本語/ファイル.txt'],
    ['emoji/🚀.md', 'emoji/🚀.md'],
    ['C:/x', 'C:/x'],
  ])('%j → %j', (input, expected) => {
    expect(normalizePath(input)).toEqual({ ok: true, path: expected });
  });

  it.each([
    ['', 'the path is empty'],
    ['.', 'the path names the workspace root, not a file'],
    ['/', 'the path names the workspace root, not a file'],
    ['a/..', 'the path names the workspace root, not a file'],
    ['..', 'the path leads outside the workspace ("..")'],
    ['../etc/passwd', 'the path leads outside the workspace ("..")'],
    ['a/../../b', 'the path leads outside the workspace ("..")'],
    ['/../../etc/passwd', 'the path leads outside the workspace ("..")'],
    ['a\\b.txt', 'the path contains a backslash; separate directories with "/"'],
    ['..\\..\\windows', 'the path contains a backslash; separate directories with "/"'],
    ['a\0b', 'the path contains a NUL character'],
    ['a\uD800b', 'the path contains U+D800 (a lone surrogate)'],
    ['a\nb', 'the path contains the control character U+000A'],
    ['tab\there', 'the path contains the control character U+0009'],
    ['del\u007f', 'the path contains the control character U+007F'],
    ['evil\u202Etxt.exe', 'the path contains the control character U+202E'],
    [' a.txt', 'the name " a.txt" starts or ends with whitespace'],
    ['dir /a.txt', 'the name "dir " starts or ends with whitespace'],
  ])('rejects %j', (input, error) => {
    expect(normalizePath(input)).toEqual({ ok: false, error });
  });

  it('limits the whole path in characters and each name in UTF-8 bytes', () => {
    const long = Array.from({ length: 60 }, () => 'abcdefghi').join('/');
    expect(normalizePath(long).ok).toBe(false);
    expect(normalizePath(`${'a/'.repeat(255)}b`)).toEqual({ ok: true, path: `${'a/'.repeat(255)}b` });
    expect(normalizePath('x'.repeat(MAX_PATH_CHARS * 5))).toMatchObject({ ok: false });
    expect(normalizePath('n'.repeat(255))).toMatchObject({ ok: true });
    expect(normalizePath('n'.repeat(256))).toMatchObject({
      ok: false,
      error: expect.stringContaining('255 bytes'),
    });
    // 'é' is two bytes: 128 of them is 256 bytes though only 128 characters.
    expect(normalizePath('é'.repeat(128))).toMatchObject({ ok: false });
    // 500 emoji are 1000 UTF-16 units but 500 characters: the limit counts characters.
    expect(normalizePath(`${'🚀'.repeat(50)}/`.repeat(10).slice(0, -1))).toMatchObject({ ok: true });
  });
});

describe('normalizePrefix', () => {
  it.each([
    [undefined, ''],
    ['', ''],
    ['.', ''],
    ['/', ''],
    ['./src/', 'src'],
    ['src//lib', 'src/lib'],
  ])('%j → %j', (input, expected) => {
    expect(normalizePrefix(input)).toEqual({ ok: true, path: expected });
  });

  it('still refuses escapes', () => {
    expect(normalizePrefix('../x')).toMatchObject({ ok: false });
  });
});

describe('isUnderPrefix and isCanonicalPath', () => {
  it('treats a prefix as a directory', () => {
    expect(isUnderPrefix('src/a.ts', 'src')).toBe(true);
    expect(isUnderPrefix('src', 'src')).toBe(true);
    expect(isUnderPrefix('src2/a.ts', 'src')).toBe(false);
    expect(isUnderPrefix('anything', '')).toBe(true);
  });

  it('knows canonical paths', () => {
    expect(isCanonicalPath('src/a.ts')).toBe(true);
    expect(isCanonicalPath('./src/a.ts')).toBe(false);
    expect(isCanonicalPath('src/')).toBe(false);
    expect(isCanonicalPath('')).toBe(false);
  });
});
