/** Byte sizes for people, workspace paths in URLs and the viewer's size guard. Pure. */

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A workspace path as a URL path: each segment percent-encoded, the slashes kept. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Files above this are not loaded into the viewer; they can still be downloaded. */
export const MAX_VIEW_BYTES = 2 * 1024 * 1024;
/** Lines rendered before "Show all" (each line is a DOM row). */
export const MAX_VIEW_LINES = 3_000;

/** The lines to render and how many are held back by the guard. */
export function viewLines(content: string, showAll: boolean): { lines: string[]; hidden: number } {
  const lines = content.replace(/\n$/, '').split('\n');
  if (showAll || lines.length <= MAX_VIEW_LINES) return { lines, hidden: 0 };
  return { lines: lines.slice(0, MAX_VIEW_LINES), hidden: lines.length - MAX_VIEW_LINES };
}
