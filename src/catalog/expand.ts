/**
 * Slash-command expansion: `/review "add login" specs/login.md` becomes the review prompt with its
 * placeholders filled. Pure: the commands and the clock are parameters.
 *
 * Where a command is recognised: only at the very start of the text (after leading whitespace), as in
 * Claude Code. A `/name` further on (`see specs/plan` or a second line `/plan …`) is left alone: the
 * orchestrator passes slash commands verbatim at the start of command text, and prose mentioning a
 * command must not trigger it.
 */
import type { SlashCommand } from './schemas.ts';

export interface ExpandedCommand {
  command: SlashCommand;
  prompt: string;
}

// `/name` then whitespace or the end; names may contain `:` like the original's nested commands.
const COMMAND = /^\s*\/([A-Za-z][\w:-]*)(?=\s|$)/;
// One pass over the template, so text substituted from an argument is never expanded again.
const PLACEHOLDER = /\$(?:(ARGUMENTS|TIMESTAMP)(?!\w)|([1-9])(?!\d))/g;

/**
 * The expansion of `text` if it starts with one of `commands` (matched case-insensitively); undefined
 * for anything else, including an unknown `/name`, so the text goes to the model unchanged.
 *
 * - `$ARGUMENTS`: everything after the name, trimmed, exactly as typed (quotes included).
 * - `$1`…`$9`: the arguments split shell-style (see `splitArguments`); a missing one is empty.
 * - `$TIMESTAMP`: `now` in UTC as `YYYYMMDD_HHMMSS` (sortable, and safe in a file name), or `now` itself
 *   when it is already a timestamp string (a workflow step passes one that is unique to its workflow).
 * - A template with neither `$ARGUMENTS` nor `$1`…`$9` gets non-empty arguments appended as
 *   `ARGUMENTS: …` (Claude Code's rule), so they are never silently dropped.
 */
export function expandSlashCommand(
  commands: readonly SlashCommand[],
  text: string,
  now: Date | string = new Date(),
): ExpandedCommand | undefined {
  const match = COMMAND.exec(text);
  const name = match?.[1]?.toLowerCase();
  const command = name === undefined ? undefined : commands.find((candidate) => candidate.name === name);
  if (!match || !command) return undefined;

  const raw = text.slice(match[0].length).trim();
  const args = splitArguments(raw);
  const timestamp = typeof now === 'string' ? now : formatTimestamp(now);
  let usesArguments = false;
  let prompt = command.body.replace(
    PLACEHOLDER,
    (_whole, word: string | undefined, digit: string | undefined) => {
      if (word === 'TIMESTAMP') return timestamp;
      usesArguments = true;
      if (word === 'ARGUMENTS') return raw;
      return args[Number(digit) - 1] ?? '';
    },
  );
  if (!usesArguments && raw !== '') prompt += `\n\nARGUMENTS: ${raw}`;
  return { command, prompt };
}

/**
 * Splits arguments like a shell, for the cases slash commands meet:
 * - whitespace (spaces, tabs, newlines) separates arguments;
 * - a word that starts with `"` runs to the matching `"`, with `\"` and `\\` as escapes (any other
 *   backslash is kept); a word that starts with `'` runs to the next `'`, with no escapes; text right
 *   after the closing quote joins the same argument (`"a b"c` is `a bc`);
 * - a quote inside a word is an ordinary character, so prose like `the user's page` splits into words;
 * - an opening quote that is never closed is an ordinary character too (no error for a typo);
 * - a backslash outside quotes is an ordinary character (paths and prose keep theirs).
 */
export function splitArguments(raw: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < raw.length) {
    while (i < raw.length && isSpace(raw[i])) i++;
    if (i >= raw.length) break;
    let arg = '';
    const quote = raw[i];
    if (quote === '"' || quote === "'") {
      const quoted = readQuoted(raw, i);
      if (quoted) {
        arg = quoted.value;
        i = quoted.end;
      }
    }
    while (i < raw.length && !isSpace(raw[i])) arg += raw[i++];
    args.push(arg);
  }
  return args;
}

function readQuoted(raw: string, start: number): { value: string; end: number } | undefined {
  const quote = raw[start];
  let value = '';
  for (let i = start + 1; i < raw.length; i++) {
    const char = raw[i];
    if (char === quote) return { value, end: i + 1 };
    if (quote === '"' && char === '\\' && (raw[i + 1] === '"' || raw[i + 1] === '\\')) {
      value += raw[i + 1];
      i++;
    } else {
      value += char;
    }
  }
  return undefined;
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

/** `YYYYMMDD_HHMMSS` in UTC. */
export function formatTimestamp(date: Date): string {
  // 2026-08-01T12:34:56.789Z → 20260801_123456
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '_');
}
