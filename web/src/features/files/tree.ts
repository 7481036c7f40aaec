/**
 * The workspace browser's tree: paths → nested folders, the rows visible with some folders
 * collapsed, and what a key press does on a row (the WAI-ARIA tree pattern). Pure.
 */

export interface FileInfo {
  path: string;
  size: number;
  version: number;
  updated_at: string;
}

export interface TreeNode {
  name: string;
  /** The full path; a folder's has no trailing slash. */
  path: string;
  kind: 'folder' | 'file';
  children: TreeNode[];
  file?: FileInfo;
}

export interface TreeRow {
  node: TreeNode;
  depth: number;
  /** Index of the parent folder's row; -1 at the top level. */
  parent: number;
}

/** Folders first, then files, each by name. */
export function buildTree(files: readonly FileInfo[]): TreeNode[] {
  const root: TreeNode = { name: '', path: '', kind: 'folder', children: [] };
  const folders = new Map<string, TreeNode>([['', root]]);
  for (const file of files) {
    const parts = file.path.split('/').filter(Boolean);
    let parent = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const path = parts.slice(0, i + 1).join('/');
      let folder = folders.get(path);
      if (!folder) {
        folder = { name: parts[i] ?? '', path, kind: 'folder', children: [] };
        folders.set(path, folder);
        parent.children.push(folder);
      }
      parent = folder;
    }
    parent.children.push({
      name: parts.at(-1) ?? file.path,
      path: file.path,
      kind: 'file',
      children: [],
      file,
    });
  }
  sortTree(root);
  return root.children;
}

function sortTree(node: TreeNode): void {
  node.children.sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1,
  );
  for (const child of node.children) sortTree(child);
}

/** Every folder path in the tree (to expand all). */
export function folderPaths(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((node) => (node.kind === 'folder' ? [node.path, ...folderPaths(node.children)] : []));
}

/** The rows shown, depth-first, skipping the contents of collapsed folders. */
export function visibleRows(nodes: readonly TreeNode[], expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (list: readonly TreeNode[], depth: number, parent: number) => {
    for (const node of list) {
      const index = rows.push({ node, depth, parent }) - 1;
      if (node.kind === 'folder' && expanded.has(node.path)) walk(node.children, depth + 1, index);
    }
  };
  walk(nodes, 0, -1);
  return rows;
}

export type TreeAction =
  | { type: 'focus'; index: number }
  | { type: 'toggle'; path: string }
  | { type: 'open'; path: string }
  | { type: 'none' };

/**
 * What a key does on row `index`: ↑/↓ move, Home/End jump, → opens a folder or enters it, ← closes
 * it or goes to its parent, Enter/Space opens a file or toggles a folder.
 */
export function treeKeyAction(
  rows: readonly TreeRow[],
  index: number,
  key: string,
  expanded: ReadonlySet<string>,
): TreeAction {
  const row = rows[index];
  if (!row) return rows.length ? { type: 'focus', index: 0 } : { type: 'none' };
  const isFolder = row.node.kind === 'folder';
  const isOpen = isFolder && expanded.has(row.node.path);
  switch (key) {
    case 'ArrowDown':
      return { type: 'focus', index: Math.min(rows.length - 1, index + 1) };
    case 'ArrowUp':
      return { type: 'focus', index: Math.max(0, index - 1) };
    case 'Home':
      return { type: 'focus', index: 0 };
    case 'End':
      return { type: 'focus', index: rows.length - 1 };
    case 'ArrowRight':
      if (!isFolder) return { type: 'none' };
      if (!isOpen) return { type: 'toggle', path: row.node.path };
      return row.node.children.length ? { type: 'focus', index: index + 1 } : { type: 'none' };
    case 'ArrowLeft':
      if (isOpen) return { type: 'toggle', path: row.node.path };
      return row.parent >= 0 ? { type: 'focus', index: row.parent } : { type: 'none' };
    case 'Enter':
    case ' ':
      return isFolder ? { type: 'toggle', path: row.node.path } : { type: 'open', path: row.node.path };
    default:
      return { type: 'none' };
  }
}
