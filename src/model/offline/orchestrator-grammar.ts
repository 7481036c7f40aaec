/**
 * The orchestrator half of the offline grammar (see grammar.ts for the whole of it). Pronouns are
 * left as `refersTo` here and resolved by pronouns.ts, which knows what was created before.
 */
import {
  type Intent,
  isFillerWord,
  NAME,
  type Pronoun,
  parseClauses,
  splitClauses,
  toolIntent,
  unknownIntent,
  withoutTrailingPunctuation,
} from './grammar.ts';
import { resolvePronouns } from './pronouns.ts';

export const WORKFLOW_TYPES = ['plan_build', 'plan_build_review', 'plan_build_review_fix'] as const;

const CREATE_VERB = String.raw`^(?:create|make|add|spawn)\s+(?:me\s+)?`;
const CALLED = String.raw`(?:(?:called|named)\s+)?`;
const CREATE_ONE = new RegExp(
  `${CREATE_VERB}(?:an?\\s+|one\\s+)?(?:new\\s+)?agent\\s+${CALLED}(?<name>${NAME})` +
    String.raw`(?:\s+(?:as|using|with|from)(?:\s+(?:an?|the))?(?:\s+template)?\s+(?<template>${NAME})(?:\s+template)?)?` +
    String.raw`\s*(?::\s*(?<prompt>[\s\S]*))?$`,
  'i',
);
/** "create an agent" / "create an agent called": no name at all. */
const CREATE_UNNAMED = new RegExp(
  `${CREATE_VERB}(?:an?\\s+|one\\s+)?(?:new\\s+)?agents?(?:\\s+(?:called|named))?$`,
  'i',
);
/** "create a trader" / "make a trading agent called desk": an agent from the trader template. */
const CREATE_TRADER = new RegExp(
  `${CREATE_VERB}(?:an?\\s+|one\\s+)?(?:new\\s+)?(?:trader|trading)(?:\\s+agent)?(?:\\s+(?:called|named)\\s+(?<name>${NAME}))?$`,
  'i',
);
const COUNTS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const CREATE_MANY = new RegExp(
  `${CREATE_VERB}(?:the\\s+)?(?:(?<count>\\d+|${COUNTS.join('|')})\\s+)?(?:new\\s+)?agents\\s+${CALLED}(?<names>.+)$`,
  'i',
);
/** Pronouns and phrases for the agents just created; plural ones mean each of them. */
const PRONOUN = String.raw`it|him|her|them|they|both(?:\s+of\s+them)?|(?:each|all)\s+of\s+them|(?:the|that|this|these|those)\s+(?:new\s+)?agents?`;
/** An agent named, or referred to by a pronoun (tried first, so "the agent" is not "the"). */
const AGENT_REF = `${PRONOUN}|${NAME}`;
const TELL = new RegExp(
  String.raw`^(?:tell|ask|command)\s+(?:(?<pronoun>${PRONOUN})|(?:the\s+)?(?:agent\s+)?(?<agent>${NAME}))` +
    String.raw`\s+to\s+(?<command>[\s\S]+)$`,
  'i',
);
const WORKFLOW_WORDS = String.raw`plan(?:(?:\s*[,/&+]\s*(?:and\s+)?|\s+and\s+|[\s_-]+)(?:build|review|fix))+`;
const START_HEAD = String.raw`^(?:start|run|launch|begin)\s+(?:an?\s+|the\s+|my\s+)?(?<type>${WORKFLOW_WORDS})\s+(?:workflow|adw|pipeline)`;
const START = new RegExp(
  `${START_HEAD}(?:\\s+(?:named|called)\\s+(?<name>${NAME}))?\\s*:\\s*(?<prompt>[\\s\\S]+)$`,
  'i',
);
const START_WITHOUT_PROMPT = new RegExp(`${START_HEAD}\\b[^:]*$`, 'i');

const STATUS = (agent: string, clause: string) => agentIntent('check_agent_status', agent, clause);

/** Commands with no free text: matched after dropping trailing punctuation. */
const FIXED: Array<[RegExp, (captured: string, clause: string) => Intent]> = [
  [
    new RegExp(
      String.raw`^(?:check|(?:(?:check|get|show)\s+)?(?:the\s+)?status\s+of)\s+(?:the\s+)?(?:workflow|adw)\s+(${NAME})$`,
      'i',
    ),
    (adw) => toolIntent('check_adw', { adw_id: adw, step_details: true }),
  ],
  [
    /^(?:(?:list|show)(?:\s+me)?|who\s+are|what\s+are)\s+(?:all\s+)?(?:of\s+)?(?:the\s+|my\s+)?agents()$/i,
    () => toolIntent('list_agents'),
  ],
  [
    /^(?:what|how)\s+(?:are|is)\s+(?:all\s+)?(?:of\s+)?(?:my|the)\s+agents\s*(?:doing|up\s+to)?()$/i,
    () => toolIntent('list_agents'),
  ],
  [/^(?:what|which)\s+agents\s+(?:do\s+i\s+have|are\s+there|exist)()$/i, () => toolIntent('list_agents')],
  [/^(?:agents|status|(?:agents'?|agent)\s+status)()$/i, () => toolIntent('list_agents')],
  [
    new RegExp(
      String.raw`^(?:(?:check|get|show)\s+)?(?:the\s+)?status\s+of\s+(?:agent\s+)?(${AGENT_REF})$`,
      'i',
    ),
    STATUS,
  ],
  [new RegExp(String.raw`^check\s+(?:on\s+)?(?:agent\s+)?(${AGENT_REF})$`, 'i'), STATUS],
  [
    new RegExp(String.raw`^(?:what|how)(?:\s+is|'s)\s+(?:agent\s+)?(${AGENT_REF})\s+(?:doing|up\s+to)$`, 'i'),
    STATUS,
  ],
  [
    new RegExp(String.raw`^(?:interrupt|stop|cancel|halt)\s+(?:agent\s+)?(${AGENT_REF})$`, 'i'),
    (agent, clause) => agentIntent('interrupt_agent', agent, clause),
  ],
  [
    new RegExp(String.raw`^(?:delete|remove)\s+(?:agent\s+)?(${AGENT_REF})$`, 'i'),
    (agent, clause) => agentIntent('delete_agent', agent, clause),
  ],
  [
    /^(?:report\s+|show\s+|what(?:\s+is|'s)\s+)?(?:the\s+|my\s+)?(?:total\s+)?costs?()$/i,
    () => toolIntent('report_cost'),
  ],
  [/^(?:show\s+|read\s+)?(?:the\s+)?(?:system\s+)?logs()$/i, () => toolIntent('read_system_logs')],
];

/**
 * Line breaks and `;` separate clauses; so do ` and ` and ` then ` right before another
 * tell/ask/command ("create agent scout and ask it to …").
 */
const SEPARATOR =
  /(;|,?\s+and\s+(?:then\s+)?(?=(?:tell|ask|command)\s)|,?\s+then\s+(?=(?:tell|ask|command)\s))/i;

/**
 * The calls a message asks for. `created` names the agents the conversation created last, which
 * `it` / `them` refer to until the message creates others.
 */
export function parseOrchestratorCommands(text: string, created: string[] = []): Intent[] {
  return resolvePronouns(parseClauses(splitClauses(text, SEPARATOR), parseClause), created);
}

function parseClause(clause: string): Intent[] {
  const bare = withoutTrailingPunctuation(clause);
  const create = parseCreate(clause, bare);
  if (create) return create;
  const tell = TELL.exec(clause)?.groups;
  if (tell?.command && (tell.agent || tell.pronoun)) {
    const intent = agentIntent('command_agent', tell.pronoun ?? tell.agent ?? '', clause, {
      command: tell.command.trim(),
    });
    return [intent.kind === 'tool' ? { ...intent, continues: { field: 'command' } } : intent];
  }
  const start = parseStart(clause);
  if (start) return [start];
  for (const [pattern, intent] of FIXED) {
    const match = pattern.exec(bare);
    if (match) return [intent(match[1] ?? '', clause)];
  }
  return [unknownIntent(clause)];
}

function parseCreate(clause: string, bare: string): Intent[] | undefined {
  const trader = CREATE_TRADER.exec(bare);
  if (trader) {
    const name = trader.groups?.name ?? 'trader';
    if (isFillerWord(name)) return [unknownIntent(clause, 'Name the trader: "create a trader called desk".')];
    return [toolIntent('create_agent', { name, template: 'trader' })];
  }
  const many = CREATE_MANY.exec(bare)?.groups;
  if (many?.names !== undefined) {
    const names = many.names.split(/\s*(?:,|&|\band\b)\s*/i).filter((name) => name.length > 0);
    const count = many.count && countOf(many.count);
    if (names.every((name) => new RegExp(`^${NAME}$`).test(name) && !isFillerWord(name))) {
      if (count && count !== names.length) {
        return [
          unknownIntent(
            clause,
            `That asks for ${many.count} agents but names ${names.length}: ${names.join(', ')}.`,
          ),
        ];
      }
      return names.map((name) => toolIntent('create_agent', { name }));
    }
    return [
      unknownIntent(
        clause,
        'Name each agent: "create agents <a> and <b>", e.g. "create agents writer and critic".',
      ),
    ];
  }
  if (CREATE_UNNAMED.test(bare)) {
    return [
      unknownIntent(clause, 'Name the agent: "create agent <name>", e.g. "create an agent called scout".'),
    ];
  }
  // A name at the very end must not swallow the full stop after it (names may contain dots).
  const create = CREATE_ONE.exec(clause.includes(':') ? clause : bare)?.groups;
  if (!create?.name) return undefined;
  if (isFillerWord(create.name)) {
    return [
      unknownIntent(
        clause,
        `"${create.name}" cannot be an agent's name: "create agent <name>", e.g. "create agent scout".`,
      ),
    ];
  }
  const input = { name: create.name, ...(create.template ? { template: create.template } : {}) };
  if (create.prompt === undefined) return [toolIntent('create_agent', input)];
  return [
    toolIntent(
      'create_agent',
      { ...input, system_prompt: create.prompt.trim() },
      { field: 'system_prompt', dropIfEmpty: true },
    ),
  ];
}

function parseStart(clause: string): Intent | undefined {
  const start = START.exec(clause)?.groups;
  if (start?.type && start.prompt) {
    const workflowType = workflowTypeOf(start.type);
    if (!workflowType) return unknownWorkflow(clause);
    const prompt = start.prompt.trim();
    const input = { name_of_adw: start.name ?? slug(prompt), workflow_type: workflowType, prompt };
    return toolIntent('start_adw', input, { field: 'prompt' });
  }
  const head = START_WITHOUT_PROMPT.exec(clause)?.groups;
  if (!head?.type) return undefined;
  if (!workflowTypeOf(head.type)) return unknownWorkflow(clause);
  return unknownIntent(
    clause,
    'Give the workflow its task after a colon, e.g. "run a plan and build workflow: add a login page".',
  );
}

function unknownWorkflow(clause: string): Intent {
  return unknownIntent(
    clause,
    `Workflow types: ${WORKFLOW_TYPES.join(', ')} (e.g. "run a plan, build and review workflow: …").`,
  );
}

/** A call naming one agent, or its pronoun to resolve later; filler words get a hint instead. */
function agentIntent(tool: string, agent: string, clause = '', input: Record<string, unknown> = {}): Intent {
  const pronoun = pronounOf(agent, clause);
  if (pronoun) return { ...toolIntent(tool, { ...input, agent_name: agent }), refersTo: pronoun };
  if (isFillerWord(agent)) {
    return unknownIntent(
      clause,
      `"${agent}" is not an agent's name: name the agent, e.g. "tell scout to …".`,
    );
  }
  return toolIntent(tool, { ...input, agent_name: agent });
}

function pronounOf(words: string, clause: string): Pronoun | undefined {
  const word = words.toLowerCase().replace(/\s+/g, ' ');
  if (!new RegExp(`^(?:${PRONOUN})$`, 'i').test(word)) return undefined;
  const singular = word === 'it' || word === 'him' || word === 'her' || /\bagent$/.test(word);
  return { word, plural: !singular, clause };
}

function countOf(word: string): number {
  const index = COUNTS.indexOf(word.toLowerCase());
  return index >= 0 ? index + 2 : Number(word);
}

function workflowTypeOf(words: string): (typeof WORKFLOW_TYPES)[number] | undefined {
  const type = (words.toLowerCase().match(/plan|build|review|fix/g) ?? []).join('_');
  return WORKFLOW_TYPES.find((known) => known === type);
}

/** A workflow name from the first words of its prompt, when none is given. */
function slug(prompt: string): string {
  const words = prompt.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return words.slice(0, 4).join('-') || 'workflow';
}
