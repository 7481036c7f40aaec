/**
 * The offline model's command grammar, applied to the text of the last user message
 * (case-insensitive). Which half applies depends on the tools the request offers: `create_agent`
 * means the orchestrator, `write_file` a command agent. A command becomes a `tool_use` only when its
 * tool is among the request's tools; anything not understood gets a text reply that lists the grammar.
 * When the last user message carries tool results, the reply is a one-line-per-result summary that
 * ends the turn, so every run terminates.
 *
 * Clauses are separated by line breaks and `;` (and, for the orchestrator, ` and ` before another
 * tell/ask/command). A clause that is not a command continues the free text of the command before
 * it (a command for an agent, a system prompt, a workflow prompt, file content), joined back with
 * the separator it had, so file contents and agent commands can span lines and contain `;`.
 *
 * Orchestrator (several commands → several tool calls in one message):
 * - `create agent <name> [as|using|with template <template>] [: <system prompt>]` → create_agent
 * - `create agents <a>, <b> and <c>` → one create_agent per name
 * - `tell|ask|command <agent> to <command>` → command_agent
 * - `status of <agent>` / `check <agent>` → check_agent_status; `list agents` → list_agents
 * - `interrupt|stop <agent>` → interrupt_agent; `delete <agent>` → delete_agent
 * - `report cost` / `cost` → report_cost; `logs` / `show logs` → read_system_logs
 * - `start [a] <plan_build|plan_build_review|plan_build_review_fix> workflow [named <name>]: <prompt>`
 *   → start_adw (the type may also be written with spaces or dashes: "plan build review fix")
 * - `check workflow <name|id>` / `status of workflow <name|id>` → check_adw {adw_id, step_details}
 *
 * Command agent:
 * - `write|create [file] <path>: <content>` → write_file (content continues as above)
 * - `read <path>` → read_file; `list files` → list_files; `delete <path>` → delete_file
 * - `search <regex>` → search_files; `edit <path>: replace <old> with <new>` → edit_file
 *   (quote `<old>`/`<new>` with "…" when they contain " with ")
 *
 * Tool inputs follow the tools' schemas (src/orchestrator/management-tools.ts, src/tools/file-*.ts):
 * create_agent {name, template?, system_prompt?}; command_agent {agent_name, command};
 * check_agent_status / interrupt_agent / delete_agent {agent_name}; start_adw {name_of_adw,
 * workflow_type, prompt}; write_file {path, content}; read_file / delete_file {path};
 * search_files {pattern}; edit_file {path, old_string, new_string}; the others {}.
 */

export const ORCHESTRATOR_GRAMMAR = `Orchestrator commands (separate several with ";" or new lines):
  create agent <name> [as <template>] [: <system prompt>]
  create agents <a>, <b> and <c>
  tell|ask|command <agent> to <command>
  status of <agent>  |  check <agent>  |  list agents
  interrupt <agent>  |  stop <agent>  |  delete <agent>
  report cost  |  logs
  start a plan_build|plan_build_review|plan_build_review_fix workflow [named <name>]: <prompt>
  check workflow <name or id>  |  status of workflow <name or id>`;

export const AGENT_GRAMMAR = `Command agent commands (separate several with ";" or new lines):
  write <path>: <content>   (lines that are not commands continue the content)
  read <path>  |  list files  |  delete <path>  |  search <regex>
  edit <path>: replace <old> with <new>   (quote old/new with "..." if they contain " with ")`;

/** The whole grammar, for the UI to show next to the offline-model label. */
export const OFFLINE_GRAMMAR = `The built-in offline model is not an AI.
It follows this fixed grammar (case-insensitive).

${ORCHESTRATOR_GRAMMAR}

${AGENT_GRAMMAR}

Text that is not a command continues the command before it (file content, an agent's command).
After tool results it replies with a one-line summary of each result and ends its turn.`;

export interface ToolIntent {
  kind: 'tool';
  name: string;
  input: Record<string, unknown>;
  /** The free-text input field that following non-command clauses extend. */
  continues?: { field: string; dropIfEmpty?: boolean };
}

/** What one clause asks for: a tool call, or nothing the grammar knows. */
export type Intent = ToolIntent | { kind: 'unknown'; clause: string };

export function toolIntent(
  name: string,
  input: Record<string, unknown> = {},
  continues?: ToolIntent['continues'],
): ToolIntent {
  return continues ? { kind: 'tool', name, input, continues } : { kind: 'tool', name, input };
}

/** A clause as written (untrimmed, so content keeps its indentation) and the separator before it. */
export interface Clause {
  raw: string;
  separator: string;
}

/** Lines, each cut by `separator` (a regex with one capturing group, so the separators are kept). */
export function splitClauses(text: string, separator: RegExp): Clause[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const parts = line.split(separator);
    const clauses: Clause[] = [{ raw: parts[0] ?? '', separator: '\n' }];
    for (let index = 1; index + 1 < parts.length; index += 2) {
      clauses.push({ separator: parts[index] ?? '', raw: parts[index + 1] ?? '' });
    }
    return clauses;
  });
}

/**
 * Parses each clause, folding clauses that are not commands into the free text of the command
 * before them (or reporting them as not understood when there is none).
 */
export function parseClauses(clauses: Clause[], parse: (clause: string) => Intent[]): Intent[] {
  const intents: Intent[] = [];
  let open: ToolIntent | undefined;
  for (const { raw, separator } of clauses) {
    const text = raw.trim();
    const parsed = text ? parse(text) : [];
    if (open?.continues && !parsed.some((intent) => intent.kind === 'tool')) {
      const { field } = open.continues;
      const current = String(open.input[field] ?? '');
      open.input[field] = current ? current + separator + raw : raw;
      continue;
    }
    intents.push(...parsed);
    const last = parsed.at(-1);
    open = last?.kind === 'tool' ? last : undefined;
  }
  return intents.map(finishIntent);
}

function finishIntent(intent: Intent): Intent {
  if (intent.kind !== 'tool' || !intent.continues) return intent;
  const { field, dropIfEmpty } = intent.continues;
  const text = String(intent.input[field] ?? '').replace(/\s+$/, '');
  const { [field]: _, ...rest } = intent.input;
  return toolIntent(intent.name, dropIfEmpty && !text ? rest : { ...rest, [field]: text });
}

/** Agent, template and workflow names: letters, digits, `_`, `-`, `.`. */
export const NAME = String.raw`[\w.-]+`;

/** A clause without the sentence punctuation people add (`list agents.`). */
export function withoutTrailingPunctuation(clause: string): string {
  return clause.replace(/[.!?]+$/, '').trim();
}

/** `"a with b"` or `'x'` unquoted (double quotes take JSON escapes); bare text as is. */
export function unquote(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === 'string') return parsed;
    } catch {
      // Not valid JSON escapes: fall back to stripping the quotes.
    }
    return trimmed.slice(1, -1);
  }
  if (trimmed.length >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) return trimmed.slice(1, -1);
  return trimmed;
}
