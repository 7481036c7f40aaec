/**
 * The offline model answering an autocomplete request (one offering the `suggest_completions` tool,
 * src/autocomplete): deterministic completions of the input's last clause towards the candidates of
 * autocomplete-candidates.ts. What the prompt lists as accepted before comes first, what it lists as
 * rejected is never offered, so feedback visibly changes the suggestions without a model. When no
 * candidate continues the clause, it offers to start a new command after `;`.
 */

import {
  AUTOCOMPLETE_TOOL_NAME,
  COMPLETION_COUNT,
  type Completion,
  MAX_WORDS,
} from '../../autocomplete/schema.ts';
import { readSections, recordsOf } from '../../autocomplete/sections.ts';
import { lastUserMessage, messageText, toolNames, toolUseBlock } from '../wire/index.ts';
import type { ContentBlock, MessagesRequest } from '../wire/types.ts';
import { type Candidate, candidatesFrom, lastClause } from './autocomplete-candidates.ts';

/** Starting a new command when nothing continues the current one. */
const NEXT_COMMANDS: readonly Candidate[] = [
  { text: '; list agents', reasoning: 'A new command: list_agents' },
  { text: '; report cost', reasoning: 'A new command: report_cost' },
  { text: '; show logs', reasoning: 'A new command: read_system_logs' },
  { text: '; help', reasoning: 'A new command: the grammar' },
];

export function isAutocompleteRequest(request: MessagesRequest): boolean {
  return toolNames(request).has(AUTOCOMPLETE_TOOL_NAME);
}

export function autocompleteReply(
  request: MessagesRequest,
  newToolUseId: () => string,
): { content: ContentBlock[]; stop_reason: 'tool_use' } {
  const last = lastUserMessage(request);
  const completions = offlineCompletions(last ? messageText(last) : '');
  return {
    content: [toolUseBlock(newToolUseId(), AUTOCOMPLETE_TOOL_NAME, { completions })],
    stop_reason: 'tool_use',
  };
}

/** The completions for an autocomplete prompt (src/autocomplete/prompt.ts). */
export function offlineCompletions(prompt: string): Completion[] {
  const sections = readSections(prompt);
  const input = recordsOf(sections, 'input')[0];
  const before = typeof input?.before_cursor === 'string' ? input.before_cursor : '';
  const rejected = new Set(
    recordsOf(sections, 'rejected_before').flatMap((example) =>
      typeof example.completion === 'string' ? [key(example.completion)] : [],
    ),
  );
  const clause = lastClause(before).toLowerCase();
  // A new clause after text that does not end in a space needs one before its first word.
  const joiner = clause === '' && before !== '' && !/\s$/.test(before) ? ' ' : '';
  const chosen: Completion[] = [];
  const offer = (completion: string, reasoning: string) => {
    if (chosen.length >= COMPLETION_COUNT || completion.trim() === '') return;
    const k = key(completion);
    if (rejected.has(k) || chosen.some((item) => key(item.completion) === k)) return;
    chosen.push({ completion, reasoning });
  };
  const candidates = candidatesFrom(sections);
  for (const candidate of candidates) {
    const text = candidate.text.replace(/\s+/g, ' ');
    if (text.length <= clause.length || !text.toLowerCase().startsWith(clause)) continue;
    offer(firstWords(joiner + text.slice(clause.length)), candidate.reasoning);
  }
  for (const next of NEXT_COMMANDS) offer(next.text, next.reasoning);
  // Most of the above rejected: any other command, as a new one.
  for (const candidate of candidates) offer(firstWords(`; ${candidate.text}`), candidate.reasoning);
  return chosen;
}

/** At most MAX_WORDS words, the leading space (a new word) kept. */
function firstWords(text: string): string {
  const lead = /^\s/.test(text) ? ' ' : '';
  return lead + text.trim().split(' ').slice(0, MAX_WORDS).join(' ');
}

function key(completion: string): string {
  return completion.trim().replace(/\s+/g, ' ').toLowerCase();
}
