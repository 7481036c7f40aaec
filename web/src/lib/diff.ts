/** Unified diff lines, classified for colouring (the event stream's file changes, the file history). */
export type DiffLineKind = 'add' | 'remove' | 'hunk' | 'meta' | 'context';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

export function classifyDiff(diff: string): DiffLine[] {
  if (!diff) return [];
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .map((text): DiffLine => {
      if (
        text.startsWith('+++') ||
        text.startsWith('---') ||
        text.startsWith('Index:') ||
        text.startsWith('===') ||
        text.startsWith('\\')
      ) {
        return { kind: 'meta', text };
      }
      if (text.startsWith('@@')) return { kind: 'hunk', text };
      if (text.startsWith('+')) return { kind: 'add', text };
      if (text.startsWith('-')) return { kind: 'remove', text };
      return { kind: 'context', text };
    });
}
