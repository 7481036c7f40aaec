/**
 * The command palette's suggestions: which token the caret is in, which catalog entries match it
 * (ranked), and how accepting one rewrites the prompt. Pure; the palette component does the I/O.
 */

export type SuggestionKind = 'command' | 'agent' | 'template' | 'workflow' | 'tool';

export interface Suggestion {
  kind: SuggestionKind;
  /** The name as shown: `/plan`, `alpha`, `builder`. */
  label: string;
  /** What replaces the current token when accepted (a trailing space is added). */
  insert: string;
  /** A slash command's argument hint, e.g. `<task>`. */
  hint?: string;
  detail?: string;
}

export interface PaletteCatalog {
  slashCommands: ReadonlyArray<{ name: string; description: string; argument_hint: string }>;
  agents: ReadonlyArray<{ name: string; status?: string; template?: string | null }>;
  templates: ReadonlyArray<{ name: string; description: string }>;
  workflowTypes: ReadonlyArray<{ type: string; description: string }>;
  tools?: ReadonlyArray<{ name: string; description: string }>;
}

export interface TokenAt {
  /** The token's text up to the caret, e.g. `/pl` or `@al`. */
  text: string;
  start: number;
  /** Where the whole token ends (the caret may be inside it). */
  end: number;
}

const WHITESPACE = /\s/;

/** The whitespace-delimited token around the caret (empty text when the caret follows a space). */
export function tokenAt(value: string, caret: number): TokenAt {
  const at = Math.max(0, Math.min(caret, value.length));
  let start = at;
  while (start > 0 && !WHITESPACE.test(value.charAt(start - 1))) start--;
  let end = at;
  while (end < value.length && !WHITESPACE.test(value.charAt(end))) end++;
  return { text: value.slice(start, at), start, end };
}

/**
 * How well `name` matches `query` (both compared case-insensitively): 0 no match, then higher is
 * better: exact > prefix > a word of the name starts with it > substring > letters in order.
 */
export function matchScore(name: string, query: string): number {
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (q === '') return 1;
  if (n === q) return 100;
  if (n.startsWith(q)) return 80 - Math.min(20, n.length - q.length);
  const wordStart = n.split(/[-_\s/.]+/).some((word) => word.startsWith(q));
  if (wordStart) return 50;
  if (n.includes(q)) return 30;
  let from = 0;
  for (const letter of q) {
    const found = n.indexOf(letter, from);
    if (found < 0) return 0;
    from = found + 1;
  }
  return 10;
}

const KIND_ORDER: Record<SuggestionKind, number> = {
  command: 0,
  agent: 1,
  template: 2,
  workflow: 3,
  tool: 4,
};

function allSuggestions(catalog: PaletteCatalog): Suggestion[] {
  return [
    ...catalog.slashCommands.map((command) => ({
      kind: 'command' as const,
      label: `/${command.name}`,
      insert: `/${command.name}`,
      hint: command.argument_hint || undefined,
      detail: command.description,
    })),
    ...catalog.agents.map((agent) => ({
      kind: 'agent' as const,
      label: agent.name,
      insert: agent.name,
      detail: [agent.template, agent.status].filter(Boolean).join(' · ') || 'agent',
    })),
    ...catalog.templates.map((template) => ({
      kind: 'template' as const,
      label: template.name,
      insert: template.name,
      detail: template.description,
    })),
    ...catalog.workflowTypes.map((workflow) => ({
      kind: 'workflow' as const,
      label: workflow.type,
      insert: workflow.type,
      detail: workflow.description,
    })),
  ];
}

/**
 * Suggestions for the token being typed: `/…` lists slash commands (only at the start of the
 * prompt, where they expand); `@…` lists agents; any other word of two or more letters lists the
 * agents, templates and workflow types containing it. Best first, at most `limit`.
 */
export function suggest(catalog: PaletteCatalog, value: string, caret: number, limit = 8): Suggestion[] {
  const token = tokenAt(value, caret);
  let query = token.text;
  let pool = allSuggestions(catalog);
  // Letters-in-order matches are only worth showing after an explicit `/` or `@`.
  let minScore = 1;
  if (query.startsWith('/')) {
    if (value.slice(0, token.start).trim() !== '') return [];
    query = query.slice(1);
    pool = pool.filter((s) => s.kind === 'command');
  } else if (query.startsWith('@')) {
    query = query.slice(1);
    pool = pool.filter((s) => s.kind === 'agent');
  } else {
    if (query.length < 2) return [];
    minScore = 30;
    pool = pool.filter((s) => s.kind !== 'command');
  }
  return (
    pool
      .map((suggestion) => ({ suggestion, score: matchScore(suggestion.label.replace(/^\//, ''), query) }))
      // A token already spelled out in full needs no suggestion (`@name` still does: it drops the `@`).
      .filter(({ score, suggestion }) => score >= minScore && suggestion.insert !== token.text)
      .sort(
        (a, b) =>
          b.score - a.score ||
          KIND_ORDER[a.suggestion.kind] - KIND_ORDER[b.suggestion.kind] ||
          a.suggestion.label.localeCompare(b.suggestion.label),
      )
      .slice(0, limit)
      .map(({ suggestion }) => suggestion)
  );
}

/** The prompt after accepting a suggestion: the whole current token replaced, followed by one space. */
export function applySuggestion(
  value: string,
  caret: number,
  suggestion: Pick<Suggestion, 'insert'>,
): { value: string; caret: number } {
  const token = tokenAt(value, caret);
  const rest = value.slice(token.end);
  const spaced = rest.startsWith(' ') ? rest : ` ${rest}`;
  const next = value.slice(0, token.start) + suggestion.insert + spaced;
  return { value: next, caret: token.start + suggestion.insert.length + 1 };
}

/** The prompt after clicking a chip: the text appended at the caret, separated by single spaces. */
export function insertText(value: string, caret: number, text: string): { value: string; caret: number } {
  const at = Math.max(0, Math.min(caret, value.length));
  const before = value.slice(0, at);
  const after = value.slice(at);
  const lead = before === '' || /\s$/.test(before) ? '' : ' ';
  const trail = after.startsWith(' ') ? '' : ' ';
  return { value: `${before}${lead}${text}${trail}${after}`, caret: at + lead.length + text.length + 1 };
}
