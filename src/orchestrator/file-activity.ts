/** Files a run read and wrote, gathered from the `data.file` its file tools report. */
import type { ToolResult } from '../tools/types.ts';

export type FileChanges = {
  produced: Array<Record<string, unknown>>;
  consumed: Array<{ path: string }>;
};

export class FileActivity {
  readonly #produced = new Map<string, Record<string, unknown>>();
  readonly #consumed = new Set<string>();

  record(result: ToolResult): void {
    const file = result.data?.file as { path?: unknown; op?: unknown } | undefined;
    if (!file || typeof file.path !== 'string') return;
    if (file.op === 'read') this.#consumed.add(file.path);
    else if (file.op === 'write' || file.op === 'edit' || file.op === 'delete') {
      const earlier = this.#produced.get(file.path);
      const added =
        Number((file as { lines_added?: unknown }).lines_added ?? 0) + Number(earlier?.lines_added ?? 0);
      const removed =
        Number((file as { lines_removed?: unknown }).lines_removed ?? 0) +
        Number(earlier?.lines_removed ?? 0);
      this.#produced.set(file.path, { ...file, lines_added: added, lines_removed: removed });
    }
  }

  /** The paths written, edited or deleted, in the order first touched. */
  get producedPaths(): string[] {
    return [...this.#produced.keys()];
  }

  summary(): FileChanges {
    return {
      produced: [...this.#produced.values()],
      consumed: [...this.#consumed].map((path) => ({ path })),
    };
  }
}
