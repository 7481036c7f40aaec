/**
 * The phrases the offline model completes towards, in the order it offers them: what the person
 * accepted before, then what they sent instead of a completion, then the orchestrator grammar's
 * commands (grammar.ts) filled with the names the prompt lists (live agents, agent templates,
 * workflow types, files, slash commands). Pure.
 */
import { recordsOf, type Sections, stringsOf } from '../../autocomplete/sections.ts';

export interface Candidate {
  /** A whole clause, single-spaced. */
  text: string;
  reasoning: string;
}

const FILES_PER_AGENT = 2;
const AGENTS = 8;

/** The clause a text ends with: commands are separated by `;` and line breaks (grammar.ts). */
export function lastClause(text: string): string {
  const parts = text.split(/[;\n]/);
  return (parts.at(-1) ?? '').replace(/^[\s…]+/, '').replace(/\s+/g, ' ');
}

export function candidatesFrom(sections: Sections): Candidate[] {
  return [...learned(sections), ...grammarCandidates(sections)];
}

function learned(sections: Sections): Candidate[] {
  const accepted = recordsOf(sections, 'accepted_before').flatMap((example) => {
    const { typed, completion } = example;
    if (typeof typed !== 'string' || typeof completion !== 'string') return [];
    const joined = /\s$/.test(typed) || typed === '' ? typed + completion.trimStart() : typed + completion;
    return [{ text: lastClause(joined), reasoning: 'You accepted this completion before' }];
  });
  const sent = recordsOf(sections, 'typed_instead').flatMap((example) =>
    typeof example.sent === 'string'
      ? example.sent
          .split(/[;\n]/)
          .map((clause) => ({ text: lastClause(clause), reasoning: 'You sent this before' }))
      : [],
  );
  return [...accepted, ...sent].filter((candidate) => candidate.text.trim() !== '');
}

function grammarCandidates(sections: Sections): Candidate[] {
  const agents = namesOf(recordsOf(sections, 'agents'), 'name').slice(0, AGENTS);
  const templates = namesOf(recordsOf(sections, 'agent_templates'), 'name');
  const workflows = namesOf(recordsOf(sections, 'workflow_types'), 'type');
  const commands = namesOf(recordsOf(sections, 'slash_commands'), 'command');
  const files = stringsOf(sections, 'files');
  const live = new Set(agents.map((name) => name.toLowerCase()));
  const fresh = templates.filter((name) => !live.has(name.toLowerCase()));
  return [
    ...agents.flatMap((agent) => [
      { text: `tell ${agent} to list files`, reasoning: `command_agent: ${agent} lists the workspace` },
      ...files.slice(0, FILES_PER_AGENT).map((file) => ({
        text: `ask ${agent} to read ${file}`,
        reasoning: `command_agent: ${agent} reads a workspace file`,
      })),
      { text: `status of ${agent}`, reasoning: `check_agent_status of the live agent ${agent}` },
      { text: `interrupt ${agent}`, reasoning: `interrupt_agent: stop what ${agent} is doing` },
    ]),
    ...fresh.map((name) => ({
      text: `create agent ${name} as ${name}`,
      reasoning: `create_agent from the ${name} template`,
    })),
    ...fresh.map((name) => ({
      text: `create an agent called ${name} as ${name}`,
      reasoning: `create_agent from the ${name} template`,
    })),
    { text: 'list agents', reasoning: 'list_agents: every agent and what it is doing' },
    { text: 'report cost', reasoning: 'report_cost: what this orchestrator spent' },
    { text: 'show logs', reasoning: 'read_system_logs: the recent system logs' },
    ...workflows.map((type) => ({
      text: `start a ${type} workflow named`,
      reasoning: `start_adw: the ${type} workflow (then ": <prompt>")`,
    })),
    ...commands.map((command) => ({ text: command, reasoning: `the ${command} slash command` })),
    ...agents.map((agent) => ({ text: `delete ${agent}`, reasoning: `delete_agent: remove ${agent}` })),
  ];
}

function namesOf(records: ReadonlyArray<Record<string, unknown>>, key: string): string[] {
  return records.map((record) => record[key]).filter((name): name is string => typeof name === 'string');
}
