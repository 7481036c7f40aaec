/**
 * The pure rules of an expertise document: counting its lines, the line limit, targeted edits (like
 * edit_file's old/new strings) and the diff a new version records. No I/O, so all of it is unit-tested.
 */
import { diffVersions, type TextDiff } from '../workspace/diff.ts';
import { ExpertiseError } from './errors.ts';

export interface ExpertiseEdit {
  old_string: string;
  new_string: string;
  replace_all?: boolean | undefined;
}

/** The diff an `expertise_updated` event carries; the stored version keeps the full one. */
export const MAX_EVENT_DIFF_CHARS = 4_000;

/** Lines the way editors count them: a final newline does not start another line. */
export function countLines(content: string): number {
  if (content === '') return 0;
  const lines = content.split('\n').length;
  return content.endsWith('\n') ? lines - 1 : lines;
}

/** Why `content` may not be stored under `maxLines`, or undefined when it fits. */
export function lineLimitProblem(domain: string, content: string, maxLines: number): string | undefined {
  const lines = countLines(content);
  if (lines <= maxLines) return undefined;
  return (
    `The expertise document "${domain}" would have ${lines} lines; its limit is ${maxLines} (max_lines). ` +
    `Condense it to at most ${maxLines} lines (merge related facts, drop the least useful) and try again.`
  );
}

export function assertWithinLimit(domain: string, content: string, maxLines: number): void {
  const problem = lineLimitProblem(domain, content, maxLines);
  if (problem) throw new ExpertiseError('line_limit', problem);
}

/**
 * Applies the edits in order, each to the result of the one before. Each `old_string` must occur
 * exactly once unless `replace_all`; the first failing edit names itself, and nothing is applied.
 */
export function applyEdits(content: string, edits: readonly ExpertiseEdit[]): string {
  let next = content;
  edits.forEach((edit, index) => {
    const which = edits.length > 1 ? `edit ${index + 1}: ` : '';
    if (edit.old_string === '') throw new ExpertiseError('edit_not_found', `${which}old_string is empty.`);
    const parts = next.split(edit.old_string);
    const found = parts.length - 1;
    if (found === 0) {
      throw new ExpertiseError(
        'edit_not_found',
        `${which}old_string was not found in the document. Copy it exactly from the current version.`,
      );
    }
    if (found > 1 && !edit.replace_all) {
      throw new ExpertiseError(
        'edit_ambiguous',
        `${which}old_string appears ${found} times. Include more surrounding text, or set replace_all.`,
      );
    }
    next = parts.join(edit.new_string);
  });
  return next;
}

/** The unified diff and line counts of one change; a first version diffs from nothing. */
export function expertiseDiff(domain: string, before: string | null, after: string): TextDiff {
  return diffVersions(`expertise/${domain}.md`, before, after);
}

/** A diff cut at a line boundary to at most `max` characters, saying how much was left out. */
export function capDiff(diff: string, max = MAX_EVENT_DIFF_CHARS): string {
  if (diff.length <= max) return diff;
  const cut = diff.lastIndexOf('\n', max) + 1 || max;
  return `${diff.slice(0, cut)}… ${diff.length - cut} more characters in the version history\n`;
}
