/**
 * Which lines of an expertise document name workspace paths that no longer exist: the deterministic
 * part of /self-improve (the offline model runs it; a real model is asked for more). Pure.
 *
 * A path mention is a token with at least one `/` (`src/ws.ts`, `web/src/`, `./lib/a.js`) or a file
 * name in backticks (`` `README.md` ``). URLs do not count (the token may not start after `:`), nor
 * does trailing sentence punctuation. A mention exists when a file has exactly that path, or it is a
 * directory some file is under.
 */
const SLASHED = /(?<![\w.:/-])(?:\.\/)?((?:[\w.-]+\/)+(?:[\w.-]*[\w-])?)/g;
const BACKTICKED = /`([\w-][\w.-]*\.[A-Za-z0-9]{1,8})`/g;

export function mentionedPaths(line: string): string[] {
  const found = [...line.matchAll(SLASHED)].map((match) => match[1] ?? '');
  for (const match of line.matchAll(BACKTICKED)) found.push(match[1] ?? '');
  return [...new Set(found.filter((path) => path !== '' && !path.startsWith('/')))];
}

export function pathExists(mention: string, files: ReadonlySet<string>): boolean {
  const path = mention.replace(/\/+$/, '');
  if (files.has(path)) return true;
  const prefix = `${path}/`;
  for (const file of files) if (file.startsWith(prefix)) return true;
  return false;
}

export interface StaleLine {
  /** 1-based line number in the document. */
  line: number;
  text: string;
  missing: string[];
}

export interface StaleReport {
  /** The document without its stale lines. */
  content: string;
  stale: StaleLine[];
  /** How many distinct paths the document mentions. */
  mentioned: number;
}

/** The document with every line that names a missing path removed, and what was removed. */
export function removeStaleLines(content: string, files: ReadonlySet<string>): StaleReport {
  const lines = content.split('\n');
  const kept: string[] = [];
  const stale: StaleLine[] = [];
  const mentioned = new Set<string>();
  lines.forEach((text, index) => {
    const paths = mentionedPaths(text);
    for (const path of paths) mentioned.add(path);
    const missing = paths.filter((path) => !pathExists(path, files));
    if (missing.length > 0) stale.push({ line: index + 1, text, missing });
    else kept.push(text);
  });
  return { content: kept.join('\n'), stale, mentioned: mentioned.size };
}
