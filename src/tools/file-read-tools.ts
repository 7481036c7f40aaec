/** The workspace tools that only read: `list_files`, `read_file`, `search_files`. */
import { z } from 'zod';
import { listFiles, readFile, searchFiles } from '../workspace/store.ts';
import {
  type FileActivity,
  inWorkspace,
  plural,
  splitLines,
  toolGlob,
  toolPath,
  toolPrefix,
} from './file-tool-support.ts';
import { defineTool, ToolError } from './types.ts';

/** A page the model can take in; it can always ask for the next one. */
export const MAX_READ_LINES = 2_000;
const MAX_LINE_CHARS = 2_000;
const MAX_LISTED = 500;
const MAX_LIST_SCAN = 10_000;
const MAX_PATTERN_CHARS = 1_000;

const pathPrefix = z
  .string()
  .optional()
  .describe('Only files in this directory (relative to the workspace root), e.g. "src/lib". Default: all.');
const glob = z
  .string()
  .optional()
  .describe('Only paths matching this glob, e.g. "*.ts" (any depth) or "src/**/*.{ts,tsx}".');

export const listFilesTool = defineTool({
  name: 'list_files',
  description: 'List the files in the workspace with their size in bytes and current version.',
  input: z.object({ path_prefix: pathPrefix, glob }),
  concurrencySafe: true,
  async run(input, ctx) {
    const prefix = toolPrefix(input.path_prefix);
    const pattern = toolGlob(input.glob);
    const scanned = await listFiles(ctx.db, ctx.orchestratorId, { prefix, limit: MAX_LIST_SCAN });
    const files = pattern ? scanned.filter((file) => pattern.test(file.path)) : scanned;
    const place = prefix === '' ? 'in the workspace' : `under ${prefix}`;
    const where = input.glob ? `${place} matching ${input.glob}` : place;
    const activity: FileActivity = { path: prefix, op: 'list' };
    if (files.length === 0) return { content: `No files ${where}.`, data: { file: activity, count: 0 } };
    const shown = files
      .slice(0, MAX_LISTED)
      .map((f) => `${f.path}  (${plural(f.sizeBytes, 'byte')}, v${f.version})`);
    const more =
      files.length > MAX_LISTED || scanned.length === MAX_LIST_SCAN
        ? `\n… more files not shown; narrow the listing with path_prefix or glob.`
        : '';
    return {
      content: `${plural(files.length, 'file')} ${where}:\n${shown.join('\n')}${more}`,
      data: { file: activity, count: files.length },
    };
  },
});

export const readFileTool = defineTool({
  name: 'read_file',
  description:
    `Read a workspace file. Lines come numbered like \`cat -n\` (the numbers are not part of the file). ` +
    `At most ${MAX_READ_LINES} lines per call: use start_line/end_line to read a long file in parts.`,
  input: z.object({
    path: z.string().describe('File path relative to the workspace root, e.g. "src/index.ts".'),
    start_line: z.number().int().min(1).optional().describe('First line to read, 1-based. Default: 1.'),
    end_line: z.number().int().min(1).optional().describe('Last line to read, inclusive. Default: the end.'),
  }),
  concurrencySafe: true,
  async run(input, ctx) {
    const path = toolPath(input.path);
    const file = await inWorkspace(() => readFile(ctx.db, ctx.orchestratorId, path));
    if (!file)
      throw new ToolError(`File not found: ${path}. Use list_files to see what the workspace holds.`);
    const lines = splitLines(file.content);
    const activity: FileActivity = { path, op: 'read', version: file.version };
    const start = input.start_line ?? 1;
    if (input.end_line !== undefined && input.end_line < start) {
      throw new ToolError(`end_line (${input.end_line}) is before start_line (${start}).`);
    }
    if (lines.length === 0) {
      if (start > 1) throw new ToolError(`start_line ${start} is past the end of ${path}, which is empty.`);
      return { content: `(${path} is empty)`, data: { file: activity, total_lines: 0 } };
    }
    if (start > lines.length) {
      throw new ToolError(`start_line ${start} is past the end of ${path}, which has ${lines.length} lines.`);
    }
    const wanted = Math.min(input.end_line ?? lines.length, lines.length);
    const end = Math.min(wanted, start + MAX_READ_LINES - 1);
    const body = lines
      .slice(start - 1, end)
      .map((line, i) => `${String(start + i).padStart(6)}\t${cutLine(line)}`)
      .join('\n');
    const note =
      end < wanted
        ? `\n… showing lines ${start}–${end} of ${lines.length}; ` +
          `call read_file with start_line=${end + 1} to read on.`
        : '';
    return { content: body + note, data: { file: activity, total_lines: lines.length } };
  },
});

export const searchFilesTool = defineTool({
  name: 'search_files',
  description:
    'Search the current contents of workspace files with a JavaScript regular expression, line by line. ' +
    'Returns matching lines as path:line: text.',
  input: z.object({
    pattern: z
      .string()
      .min(1)
      .describe('Regular expression (JavaScript syntax, no slashes), e.g. "TODO|FIXME".'),
    path_prefix: pathPrefix,
    glob,
    ignore_case: z.boolean().optional().describe('Match letters case-insensitively. Default: false.'),
  }),
  concurrencySafe: true,
  async run(input, ctx) {
    const prefix = toolPrefix(input.path_prefix);
    const pathGlob = toolGlob(input.glob);
    if (input.pattern.length > MAX_PATTERN_CHARS) {
      throw new ToolError(`The pattern is longer than ${MAX_PATTERN_CHARS} characters.`);
    }
    let pattern: RegExp;
    try {
      pattern = new RegExp(input.pattern, input.ignore_case ? 'i' : '');
    } catch (error) {
      throw new ToolError(
        `Invalid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const result = await searchFiles(ctx.db, ctx.orchestratorId, pattern, {
      prefix,
      ...(pathGlob && { glob: pathGlob }),
    });
    const activity: FileActivity = { path: prefix, op: 'search' };
    const data = { file: activity, matches: result.matches.length, files_searched: result.filesSearched };
    const truncated = result.truncated ? `\n… ${result.truncated}; narrow with path_prefix or glob.` : '';
    if (result.matches.length === 0) {
      return { content: `No matches in ${plural(result.filesSearched, 'file')}.${truncated}`, data };
    }
    const files = new Set(result.matches.map((match) => match.path)).size;
    const lines = result.matches.map((match) => `${match.path}:${match.line}: ${match.text}`);
    const matched = plural(result.matches.length, 'matching line');
    const summary = `${matched} in ${files} of ${plural(result.filesSearched, 'file')} searched.`;
    return { content: `${lines.join('\n')}\n${summary}${truncated}`, data };
  },
});

function cutLine(line: string): string {
  return line.length <= MAX_LINE_CHARS ? line : `${line.slice(0, MAX_LINE_CHARS)}… [line cut]`;
}
