/**
 * The offline model's command grammar, applied to the text of the last user message
 * (case-insensitive). Which half applies depends on the tools the request offers: `create_agent`
 * means the orchestrator, any other tools a command agent. A command becomes a `tool_use` only when
 * its tool is among the request's tools (otherwise the reply says which tool is missing and lists the
 * tools it has); a clause not understood gets a one-line hint naming the closest commands, and
 * "help" gets the whole grammar. When the last user message carries tool results, the reply quotes
 * every result in full (up to a limit) and ends the turn, so every run terminates. When it carries
 * agent reports (src/orchestrator/agent-report.ts), the reply tells each agent's outcome.
 *
 * Clauses are separated by line breaks and `;` (and, for the orchestrator, ` and ` / ` then ` before
 * another tell/ask/command). A clause that is not a command continues the free text of the command
 * before it (a command for an agent, a system prompt, a workflow prompt, file content), joined back
 * with the separator it had, so file contents and agent commands can span lines and contain `;`.
 *
 * Orchestrator (several commands → several tool calls in one message):
 * - `create [an] agent [called|named] <name> [as|using|with [template] <template>] [: <system prompt>]`
 * - `create [two] agents [called|named] <a>, <b> and <c>` → one create_agent per name
 * - `tell|ask|command <agent> to <command>` → command_agent; `it` / `them` (and `the agent`,
 *   `both of them`, `stop it`, …) mean the agents created or named just before in this message,
 *   else those the conversation created last
 * - `status of <agent>` / `check <agent>` / `what is <agent> doing` → check_agent_status
 * - `list agents` / `what are my agents doing` / `show me my agents` → list_agents
 * - `interrupt|stop|cancel <agent>` → interrupt_agent; `delete|remove <agent>` → delete_agent
 * - `report cost` / `cost` → report_cost; `logs` / `show logs` → read_system_logs
 * - `start|run [a] <type> workflow [named|called <name>]: <prompt>` → start_adw, where the type is
 *   plan_build, plan_build_review or plan_build_review_fix, also written with spaces, dashes,
 *   commas or "and" ("plan and build", "plan, build and review")
 * - `check workflow <name|id>` / `status of workflow <name|id>` → check_adw {adw_id, step_details}
 * - `help` / `what can you do?` → the grammar
 * Agent names are never pronouns or filler words (`it`, `the`, `agent`, `called`, …): such a clause
 * gets a hint instead of a call.
 *
 * Command agent:
 * - `write|create [file] <path>: <content>` → write_file (content continues as above)
 * - `read <path>` → read_file; `list files` → list_files; `delete <path>` → delete_file
 * - `search <regex>` → search_files; `edit <path>: replace <old> with <new>` → edit_file
 *   (quote `<old>`/`<new>` with "…" when they contain " with ")
 * - `/self-improve` (an expert agent; self-improve.ts): lists the workspace, removes every line of its
 *   expertise document that names a workspace path that no longer exists and calls update_expertise,
 *   or says the document is current
 *
 * Tool inputs follow the tools' schemas (src/orchestrator/management-tools.ts, src/tools/file-*.ts):
 * create_agent {name, template?, system_prompt?}; command_agent {agent_name, command};
 * check_agent_status / interrupt_agent / delete_agent {agent_name}; start_adw {name_of_adw,
 * workflow_type, prompt}; write_file {path, content}; read_file / delete_file {path};
 * search_files {pattern}; edit_file {path, old_string, new_string}; the others {}.
 */

export const OFFLINE_PREFIX = '[offline model]';

export const ORCHESTRATOR_GRAMMAR = `Orchestrator commands (separate several with ";" or new lines):
  create agent <name> [as <template>] [: <system prompt>]   (also "create an agent called <name>")
  create agents <a>, <b> and <c>   (also "create two agents named <a> and <b>")
  tell|ask|command <agent> to <command>   ("it"/"them" = the agents just created or named:
    "create an agent called scout and ask it to write notes/x.md: hi")
  list agents  |  what are my agents doing?  |  status of <agent>  |  check <agent>
  interrupt <agent>  |  stop <agent>  |  delete <agent>
  report cost  |  logs
  start|run a <type> workflow [named <name>]: <prompt>
    type: plan_build, plan_build_review or plan_build_review_fix ("a plan, build and review workflow")
  check workflow <name or id>  |  status of workflow <name or id>
  create a trader [called <name>]   then "tell trader to open an iron condor on SPY"
    (the trader also understands "show my positions", "close the SPY iron condor"; orders wait for approval)
  help`;

export const AGENT_GRAMMAR = `Command agent commands (separate several with ";" or new lines):
  write <path>: <content>   (lines that are not commands continue the content)
  read <path>  |  list files  |  delete <path>  |  search <regex>
  edit <path>: replace <old> with <new>   (quote old/new with "..." if they contain " with ")
  /self-improve   (an expert: drops the lines of its expertise naming missing paths, via update_expertise)`;

/** The whole grammar, for the UI to show next to the offline-model label. */
export const OFFLINE_GRAMMAR = `The built-in offline model is not an AI.
It follows this fixed grammar (case-insensitive).

${ORCHESTRATOR_GRAMMAR}

${AGENT_GRAMMAR}

Text that is not a command continues the command before it (file content, an agent's command).
After tool results it quotes each result and ends its turn; agent reports get each agent's outcome.`;

export interface ToolIntent {
  kind: 'tool';
  name: string;
  input: Record<string, unknown>;
  /** The free-text input field that following non-command clauses extend. */
  continues?: { field: string; dropIfEmpty?: boolean };
  /** The agent is named by a pronoun (`it`, `them`): resolved against the agents just created or named. */
  refersTo?: Pronoun;
}

export interface Pronoun {
  word: string;
  plural: boolean;
  clause: string;
}

/** A clause the grammar does not know, with a specific hint when there is one. */
export interface UnknownIntent {
  kind: 'unknown';
  clause: string;
  hint?: string;
}

/** What one clause asks for: a tool call, or nothing the grammar knows. */
export type Intent = ToolIntent | UnknownIntent;

export function unknownIntent(clause: string, hint?: string): UnknownIntent {
  return hint ? { kind: 'unknown', clause, hint } : { kind: 'unknown', clause };
}

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
  const { continues, ...finished } = intent;
  const text = String(intent.input[continues.field] ?? '').replace(/\s+$/, '');
  const { [continues.field]: _, ...rest } = intent.input;
  return { ...finished, input: continues.dropIfEmpty && !text ? rest : { ...rest, [continues.field]: text } };
}

/** Agent, template and workflow names: letters, digits, `_`, `-`, `.`. */
export const NAME = String.raw`[\w.-]+`;

/**
 * Words that read as a name in a loose phrasing but never are one ("create an agent called",
 * "ask it to …"): a clause that would name an agent with one of them gets a hint instead.
 */
const FILLER = new Set([
  ...['an', 'the', 'it', 'its', 'them', 'they', 'him', 'her', 'this', 'that', 'these', 'those'],
  ...['agent', 'agents', 'called', 'named', 'new', 'my', 'me', 'all', 'both', 'each', 'and', 'to'],
]);

export function isFillerWord(word: string): boolean {
  return FILLER.has(word.toLowerCase());
}

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
