/**
 * The unified diff between two versions of a workspace file, with its +/− line counts (jsdiff's
 * Myers line diff). `null` is "no file": a creation diffs from /dev/null, a deletion to it.
 */
import { FILE_HEADERS_ONLY, formatPatch, type StructuredPatch, structuredPatch } from 'diff';

export interface TextDiff {
  /** Unified diff with `---`/`+++` headers; '' when nothing changed. */
  diff: string;
  linesAdded: number;
  linesRemoved: number;
}

export interface DiffOptions {
  /**
   * Myers costs O(D²) in the edit distance D: two unrelated 1 MiB files would burn seconds of CPU.
   * Past this many changed lines the diff falls back to one hunk replacing the changed middle.
   */
  maxEditLength?: number;
  /** Stored diffs are capped (the content itself is stored anyway); the counts stay exact. */
  maxChars?: number;
}

export const DEFAULT_MAX_EDIT_LENGTH = 1_000;
export const DEFAULT_MAX_DIFF_CHARS = 256 * 1024;
const NO_NEWLINE = '\\ No newline at end of file';

export function diffVersions(
  path: string,
  before: string | null,
  after: string | null,
  options: DiffOptions = {},
): TextDiff {
  const oldName = before === null ? '/dev/null' : `a/${path}`;
  const newName = after === null ? '/dev/null' : `b/${path}`;
  const oldText = before ?? '';
  const newText = after ?? '';
  if (oldText === newText) return { diff: '', linesAdded: 0, linesRemoved: 0 };
  const patch =
    structuredPatch(oldName, newName, oldText, newText, undefined, undefined, {
      context: 3,
      maxEditLength: options.maxEditLength ?? DEFAULT_MAX_EDIT_LENGTH,
    }) ?? replaceMiddle(oldName, newName, oldText, newText);
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) linesAdded++;
      else if (line.startsWith('-')) linesRemoved++;
    }
  }
  const diff = patch.hunks.length > 0 ? formatPatch(patch, FILE_HEADERS_ONLY) : '';
  return { diff: cap(diff, options.maxChars ?? DEFAULT_MAX_DIFF_CHARS), linesAdded, linesRemoved };
}

interface Line {
  text: string;
  /** False only for a last line with no newline after it. */
  eol: boolean;
}

/** A valid but not minimal diff: the common first and last lines kept, everything between replaced. */
function replaceMiddle(oldName: string, newName: string, oldText: string, newText: string): StructuredPatch {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let start = 0;
  while (start < a.length && start < b.length && sameLine(a[start], b[start])) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && sameLine(a[endA - 1], b[endB - 1])) {
    endA--;
    endB--;
  }
  const lines = [
    ...a.slice(start, endA).flatMap((line) => marked('-', line)),
    ...b.slice(start, endB).flatMap((line) => marked('+', line)),
  ];
  const hunk = {
    oldStart: start + 1,
    oldLines: endA - start,
    newStart: start + 1,
    newLines: endB - start,
    lines,
  };
  return {
    oldFileName: oldName,
    newFileName: newName,
    oldHeader: undefined,
    newHeader: undefined,
    hunks: [hunk],
  };
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const last = parts.pop() ?? '';
  const lines = parts.map((part) => ({ text: part, eol: true }));
  if (last !== '') lines.push({ text: last, eol: false });
  return lines;
}

function sameLine(x: Line | undefined, y: Line | undefined): boolean {
  return x !== undefined && y !== undefined && x.text === y.text && x.eol === y.eol;
}

function marked(sign: '+' | '-', line: Line): string[] {
  return line.eol ? [sign + line.text] : [sign + line.text, NO_NEWLINE];
}

function cap(diff: string, maxChars: number): string {
  if (diff.length <= maxChars) return diff;
  const cut = diff.lastIndexOf('\n', maxChars) + 1 || maxChars;
  return `${diff.slice(0, cut)}… diff truncated: ${diff.length - cut} more characters not stored\n`;
}
