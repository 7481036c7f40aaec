/**
 * Glob patterns for filtering workspace paths, compiled to a RegExp: `*` and `?` stay within one
 * directory, `**` crosses directories, `{a,b}` is either, `[abc]` / `[!abc]` a character class. As in
 * .gitignore and ripgrep, a pattern without `/` matches the file name at any depth (`*.ts`).
 */

export type GlobResult = { ok: true; regexp: RegExp } | { ok: false; error: string };

const MAX_GLOB_LENGTH = 512;

export function globToRegExp(glob: string): GlobResult {
  if (glob.length === 0) return { ok: false, error: 'the glob is empty' };
  if (glob.length > MAX_GLOB_LENGTH)
    return { ok: false, error: `the glob is longer than ${MAX_GLOB_LENGTH}` };
  const pattern = glob.replace(/^(?:\.\/|\/)+/, '');
  let source = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '*') {
      if (pattern[i + 1] !== '*') {
        source += '[^/]*';
      } else if (pattern[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) {
      source += '|';
    } else if (char === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) {
        source += '\\[';
        continue;
      }
      const body = pattern
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replaceAll('\\', '\\\\');
      source += `[${body}]`;
      i = end;
    } else {
      source += escapeRegExp(char);
    }
  }
  if (braces > 0) return { ok: false, error: `the glob "${glob}" has an unclosed "{"` };
  const anchored = pattern.includes('/') ? `^${source}$` : `^(?:.*/)?${source}$`;
  try {
    return { ok: true, regexp: new RegExp(anchored) };
  } catch {
    return { ok: false, error: `the glob "${glob}" is not valid` };
  }
}

function escapeRegExp(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}
