/**
 * What the workspace file tools share: turning a model's paths and globs into canonical ones or a
 * `ToolError` it can act on, mapping store failures to `ToolError`s, and the `data.file` record the
 * runtime collects into a run's file-changes event.
 */
import { WorkspaceError } from '../workspace/errors.ts';
import { globToRegExp } from '../workspace/glob.ts';
import { normalizePath, normalizePrefix } from '../workspace/paths.ts';
import type { WriteOutcome } from '../workspace/store.ts';
import { ToolError } from './types.ts';

export type FileOp = 'read' | 'write' | 'edit' | 'delete' | 'list' | 'search';

/** Goes in `ToolResult.data.file`: which file a call produced or consumed. */
export interface FileActivity {
  path: string;
  op: FileOp;
  version?: number;
  lines_added?: number;
  lines_removed?: number;
}

export function toolPath(input: string): string {
  const result = normalizePath(input);
  if (!result.ok) throw new ToolError(`Invalid path ${JSON.stringify(input)}: ${result.error}.`);
  return result.path;
}

export function toolPrefix(input: string | undefined): string {
  const result = normalizePrefix(input);
  if (!result.ok) throw new ToolError(`Invalid path_prefix ${JSON.stringify(input)}: ${result.error}.`);
  return result.path;
}

export function toolGlob(input: string | undefined): RegExp | undefined {
  if (input === undefined) return undefined;
  const result = globToRegExp(input);
  if (!result.ok) throw new ToolError(`Invalid glob: ${result.error}.`);
  return result.regexp;
}

/** Runs a store call, turning its expected failures into messages for the model. */
export async function inWorkspace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WorkspaceError) throw new ToolError(error.message);
    throw error;
  }
}

export function changeActivity(op: FileOp, outcome: WriteOutcome): FileActivity {
  return {
    path: outcome.path,
    op,
    version: outcome.version,
    lines_added: outcome.linesAdded,
    lines_removed: outcome.linesRemoved,
  };
}

/** One line for the model about a write: what happened, the version, and the line counts. */
export function describeWrite(outcome: WriteOutcome, verb = 'Wrote', detail = ''): string {
  const { path, version, linesAdded, linesRemoved } = outcome;
  const counts = `+${linesAdded} −${linesRemoved} lines`;
  switch (outcome.status) {
    case 'created':
      return `Created ${path}: version ${version}, ${counts}.`;
    case 'updated':
      return `${verb} ${path}${detail}: version ${version}, ${counts}.`;
    case 'unchanged':
      return `${path} already has exactly this content; no new version recorded (still version ${version}).`;
    case 'replayed':
      return `This tool call already changed ${path} (version ${version}, ${counts}); not applied again.`;
    case 'deleted':
      return `Deleted ${path} (version ${version} records the deletion; its history is kept).`;
  }
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Splits into lines the way editors count them: a final newline does not start another line. */
export function splitLines(content: string): string[] {
  if (content === '') return [];
  const lines = content.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
