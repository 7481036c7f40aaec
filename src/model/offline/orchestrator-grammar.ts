/** The orchestrator half of the offline grammar (see grammar.ts for the whole of it). */
import {
  type Intent,
  NAME,
  parseClauses,
  splitClauses,
  toolIntent,
  withoutTrailingPunctuation,
} from './grammar.ts';

export const WORKFLOW_TYPES = ['plan_build', 'plan_build_review', 'plan_build_review_fix'] as const;

const CREATE_ONE = new RegExp(
  String.raw`^create\s+(?:an?\s+)?(?:new\s+)?agent\s+(?<name>${NAME})` +
    String.raw`(?:\s+(?:as|using|with)(?:\s+(?:the\s+)?template)?\s+(?<template>${NAME}))?` +
    String.raw`\s*(?::\s*(?<prompt>[\s\S]*))?$`,
  'i',
);
const CREATE_MANY = /^create\s+(?:the\s+)?agents\s+(?<names>.+)$/i;
const TELL = new RegExp(
  String.raw`^(?:tell|ask|command)\s+(?:agent\s+)?(?<agent>${NAME})\s+to\s+(?<command>[\s\S]+)$`,
  'i',
);
const START = new RegExp(
  String.raw`^(?:start|run|launch)\s+(?:an?\s+|the\s+)?(?<type>plan(?:[\s_/-]+(?:build|review|fix))+)` +
    String.raw`\s+workflow(?:\s+(?:named|called)\s+(?<name>${NAME}))?\s*:\s*(?<prompt>[\s\S]+)$`,
  'i',
);

/** Commands with no free text: matched after dropping trailing punctuation. */
const FIXED: Array<[RegExp, (agent: string) => Intent]> = [
  [
    new RegExp(
      String.raw`^(?:check|(?:(?:check|get|show)\s+)?(?:the\s+)?status\s+of)\s+(?:the\s+)?(?:workflow|adw)\s+(${NAME})$`,
      'i',
    ),
    (adw) => toolIntent('check_adw', { adw_id: adw, step_details: true }),
  ],
  [
    new RegExp(String.raw`^(?:(?:check|get|show)\s+)?(?:the\s+)?status\s+of\s+(?:agent\s+)?(${NAME})$`, 'i'),
    (agent) => toolIntent('check_agent_status', { agent_name: agent }),
  ],
  [
    new RegExp(String.raw`^check\s+(?:on\s+)?(?:agent\s+)?(${NAME})$`, 'i'),
    (agent) => toolIntent('check_agent_status', { agent_name: agent }),
  ],
  [/^(?:list|show)\s+(?:all\s+)?(?:the\s+)?agents()$/i, () => toolIntent('list_agents')],
  [
    new RegExp(String.raw`^(?:interrupt|stop)\s+(?:agent\s+)?(${NAME})$`, 'i'),
    (agent) => toolIntent('interrupt_agent', { agent_name: agent }),
  ],
  [
    new RegExp(String.raw`^(?:delete|remove)\s+(?:agent\s+)?(${NAME})$`, 'i'),
    (agent) => toolIntent('delete_agent', { agent_name: agent }),
  ],
  [/^(?:report\s+)?(?:the\s+)?(?:total\s+)?costs?()$/i, () => toolIntent('report_cost')],
  [/^(?:show\s+|read\s+)?(?:the\s+)?(?:system\s+)?logs()$/i, () => toolIntent('read_system_logs')],
];

/** Line breaks and `;` separate clauses; so does ` and ` right before another tell/ask/command. */
const SEPARATOR = /(;|\s+and\s+(?=(?:tell|ask|command)\s))/i;

export function parseOrchestratorCommands(text: string): Intent[] {
  return parseClauses(splitClauses(text, SEPARATOR), parseClause);
}

function parseClause(clause: string): Intent[] {
  const many = CREATE_MANY.exec(withoutTrailingPunctuation(clause))?.groups?.names;
  if (many !== undefined) {
    const names = many.split(/\s*(?:,|\band\b)\s*/i).filter((name) => name.length > 0);
    if (names.every((name) => new RegExp(`^${NAME}$`).test(name))) {
      return names.map((name) => toolIntent('create_agent', { name }));
    }
  }
  // A name at the very end must not swallow the full stop after it (names may contain dots).
  const create = CREATE_ONE.exec(clause.includes(':') ? clause : withoutTrailingPunctuation(clause))?.groups;
  if (create?.name) {
    const prompt = create.prompt?.trim() ?? '';
    const input = { name: create.name, ...(create.template ? { template: create.template } : {}) };
    if (create.prompt === undefined) return [toolIntent('create_agent', input)];
    return [
      toolIntent(
        'create_agent',
        { ...input, system_prompt: prompt },
        { field: 'system_prompt', dropIfEmpty: true },
      ),
    ];
  }
  const tell = TELL.exec(clause)?.groups;
  if (tell?.agent && tell.command) {
    return [
      toolIntent(
        'command_agent',
        { agent_name: tell.agent, command: tell.command.trim() },
        { field: 'command' },
      ),
    ];
  }
  const start = START.exec(clause)?.groups;
  const workflowType = start?.type && workflowTypeOf(start.type);
  if (start?.prompt && workflowType) {
    const prompt = start.prompt.trim();
    const input = { name_of_adw: start.name ?? slug(prompt), workflow_type: workflowType, prompt };
    return [toolIntent('start_adw', input, { field: 'prompt' })];
  }
  const bare = withoutTrailingPunctuation(clause);
  for (const [pattern, intent] of FIXED) {
    const match = pattern.exec(bare);
    if (match) return [intent(match[1] ?? '')];
  }
  return [{ kind: 'unknown', clause }];
}

function workflowTypeOf(words: string): (typeof WORKFLOW_TYPES)[number] | undefined {
  const type = words.toLowerCase().replace(/[\s/-]+/g, '_');
  return WORKFLOW_TYPES.find((known) => known === type);
}

/** A workflow name from the first words of its prompt, when none is given. */
function slug(prompt: string): string {
  const words = prompt.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return words.slice(0, 4).join('-') || 'workflow';
}
