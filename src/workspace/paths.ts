/**
 * Workspace paths: what a model or a person typed, turned into the one canonical form the store keys
 * files by (relative POSIX, no `.`/`..`/empty segments, NFC). Everything a path can do to escape the
 * workspace or to look like a different file is refused here, with a reason a model can act on.
 */
import { unstorableCharacter } from '../db/storable.ts';

export const MAX_PATH_CHARS = 512;
/** Bytes, not characters: common filesystems cap a name at 255 bytes, so an archive always extracts. */
export const MAX_SEGMENT_BYTES = 255;

export type PathResult = { ok: true; path: string } | { ok: false; error: string };

// C0/C1 controls, line/paragraph separators and bidi overrides: invisible, or able to make one name
// display as another in a listing.
const INVISIBLE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const encoder = new TextEncoder();

/** A file path: `./src//a.ts` → `src/a.ts`; `/etc/passwd` → `etc/passwd` (the workspace is the root). */
export function normalizePath(input: string): PathResult {
  const result = normalize(input);
  if (result.ok && result.path === '') {
    return fail(input === '' ? 'the path is empty' : 'the path names the workspace root, not a file');
  }
  return result;
}

/**
 * A directory prefix for listing and searching: the same rules as a path, except that empty, `.` and
 * `/` mean the whole workspace (returned as '').
 */
export function normalizePrefix(input: string | undefined): PathResult {
  return input === undefined ? { ok: true, path: '' } : normalize(input);
}

/** Whether `path` is `prefix` itself or lies under it; a prefix is a directory, so `src` skips `src2/`. */
export function isUnderPrefix(path: string, prefix: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

export function isCanonicalPath(path: string): boolean {
  const result = normalizePath(path);
  return result.ok && result.path === path;
}

function normalize(input: string): PathResult {
  // Checked before any work so a huge input costs nothing; the real limit is applied to the result.
  if (input.length > MAX_PATH_CHARS * 4) return fail(`the path is longer than ${MAX_PATH_CHARS} characters`);
  if (input.includes('\0')) return fail('the path contains a NUL character');
  // A lone surrogate has no UTF-8 form: the stored path would silently differ from the one given.
  const unstorable = unstorableCharacter(input);
  if (unstorable) return fail(`the path contains ${unstorable.label}`);
  const invisible = INVISIBLE.exec(input);
  if (invisible) return fail(`the path contains the control character ${codePoint(invisible[0])}`);
  if (input.includes('\\')) return fail('the path contains a backslash; separate directories with "/"');
  const segments: string[] = [];
  for (const segment of input.normalize('NFC').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.pop() === undefined) return fail('the path leads outside the workspace ("..")');
      continue;
    }
    // " a.txt" next to "a.txt" looks like one file twice; it is nearly always a typo.
    if (segment.trim() !== segment) return fail(`the name "${segment}" starts or ends with whitespace`);
    if (encoder.encode(segment).length > MAX_SEGMENT_BYTES) {
      return fail(`the name "${segment.slice(0, 40)}…" is longer than ${MAX_SEGMENT_BYTES} bytes`);
    }
    segments.push(segment);
  }
  const path = segments.join('/');
  if ([...path].length > MAX_PATH_CHARS) return fail(`the path is longer than ${MAX_PATH_CHARS} characters`);
  return { ok: true, path };
}

function fail(error: string): PathResult {
  return { ok: false, error };
}

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
