/** Unified diff lines, classified for colouring. */
export type DiffLineKind = 'add' | 'remove' | 'hunk' | 'meta' | 'context';

export function classifyDiff(diff: string): { kind: DiffLineKind; text: string }[] {
  return diff.split('\n').map((text) => {
    if (
      text.startsWith('+++') ||
      text.startsWith('---') ||
      text.startsWith('Index:') ||
      text.startsWith('===')
    ) {
      return { kind: 'meta', text };
    }
    if (text.startsWith('@@')) return { kind: 'hunk', text };
    if (text.startsWith('+')) return { kind: 'add', text };
    if (text.startsWith('-')) return { kind: 'remove', text };
    return { kind: 'context', text };
  });
}
