/** The command-agent half of the offline grammar (see grammar.ts for the whole of it). */
import {
  type Intent,
  parseClauses,
  splitClauses,
  toolIntent,
  unquote,
  withoutTrailingPunctuation,
} from './grammar.ts';
import { parseTradingClause } from './trading-grammar.ts';

/** Workspace paths: anything without whitespace, `:` or `;`. */
const PATH = String.raw`[^\s:;]+`;
/** A `"…"` (JSON escapes) or `'…'` string, or bare text up to the first ` with `. */
const OLD = String.raw`"(?:[^"\\]|\\.)*"|'[^']*'|[\s\S]+?`;

const WRITE = new RegExp(
  String.raw`^(?:write|create)\s+(?:(?:a\s+)?(?:new\s+)?file\s+)?(?<path>${PATH})\s*: ?(?<content>[\s\S]*)$`,
  'i',
);
const EDIT = new RegExp(
  String.raw`^edit\s+(?:file\s+)?(?<path>${PATH})\s*:\s*replace\s+(?<old>${OLD})\s+with\s+(?<new>[\s\S]*)$`,
  'i',
);
const READ = new RegExp(String.raw`^(?:read|cat|open)\s+(?:file\s+)?(${PATH})$`, 'i');
const DELETE = new RegExp(String.raw`^(?:delete|remove|rm)\s+(?:file\s+)?(${PATH})$`, 'i');
const LIST = /^(?:list|ls|show)(?:\s+(?:all\s+)?(?:the\s+)?files)?$/i;
const SEARCH = /^(?:search|grep)\s+(?:for\s+)?(?<pattern>.+)$/i;

export function parseAgentCommands(text: string): Intent[] {
  return parseClauses(splitClauses(text, /(;)/), parseClause);
}

function parseClause(clause: string): Intent[] {
  const write = WRITE.exec(clause)?.groups;
  if (write?.path !== undefined && write.content !== undefined) {
    return [toolIntent('write_file', { path: write.path, content: write.content }, { field: 'content' })];
  }
  const edit = EDIT.exec(clause)?.groups;
  if (edit?.path && edit.old !== undefined && edit.new !== undefined) {
    return [
      toolIntent('edit_file', {
        path: edit.path,
        old_string: unquote(edit.old),
        new_string: unquote(edit.new),
      }),
    ];
  }
  const read = READ.exec(clause)?.[1];
  if (read) return [toolIntent('read_file', { path: read })];
  const remove = DELETE.exec(clause)?.[1];
  if (remove) return [toolIntent('delete_file', { path: remove })];
  if (LIST.test(withoutTrailingPunctuation(clause))) return [toolIntent('list_files')];
  const search = SEARCH.exec(clause)?.groups?.pattern;
  if (search) return [toolIntent('search_files', { pattern: searchPattern(search) })];
  // A trader agent's phrasings ("open an iron condor on SPY", "show my positions"): trading-grammar.ts.
  const trading = parseTradingClause(clause);
  if (trading) return trading;
  return [{ kind: 'unknown', clause }];
}

/** `search /a+b/` and `search "a b"` mean the regex between the delimiters. */
function searchPattern(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('/') && trimmed.endsWith('/')) return trimmed.slice(1, -1);
  return unquote(trimmed);
}
