/**
 * The autocomplete request as pure functions: the system prompt, and the user message holding the
 * input around the cursor and everything that helps guess what comes next (the orchestrator's live
 * agents, slash commands, agent templates, workflow types, workspace file names) and the learning.
 * Context is written as tagged JSON-line sections (sections.ts).
 */
import { type FeedbackEntry, learningFrom, learningSections } from './learning.ts';
import { AUTOCOMPLETE_TOOL_NAME, COMPLETION_COUNT, MAX_WORDS, MIN_WORDS } from './schema.ts';
import { section } from './sections.ts';

/** The text before the cursor that is sent: the end of a long message is what gets continued. */
const BEFORE_CHARS = 2_000;
const AFTER_CHARS = 300;
/** Workspace file names offered as context: a few hundred at most. */
export const MAX_FILES = 200;

export interface AutocompleteContext {
  text: string;
  /** Where the completion goes, in UTF-16 code units (a JavaScript string index). */
  cursor: number;
  agents: ReadonlyArray<{ name: string; status: string; template: string | null }>;
  slashCommands: ReadonlyArray<{ name: string; argumentHint: string; description: string }>;
  agentTemplates: ReadonlyArray<{ name: string; description: string }>;
  workflowTypes: ReadonlyArray<{ type: string; description: string }>;
  files: readonly string[];
  /** Newest first. */
  feedback: readonly FeedbackEntry[];
}

export const AUTOCOMPLETE_SYSTEM_PROMPT = [
  'You complete what a person is typing into the chat input of an AI agent orchestration console.',
  'The person talks to an orchestrator agent that creates command agents, sends them commands, starts',
  'workflows and works on a workspace of files; messages may start with a slash command.',
  `Offer ${COMPLETION_COUNT} different completions of ${MIN_WORDS} to ${MAX_WORDS} words that continue the`,
  'text at the cursor, the likeliest first, each with a short reason. Prefer the names that exist',
  '(agents, templates, commands, workflow types, files) over invented ones.',
  'The context comes in sections, one JSON value per line. Learn from the person: completions in',
  'accepted_before are the kind to prefer; never offer one listed in rejected_before; typed_instead',
  'shows what the person sent when no completion was taken.',
  `Answer only by calling ${AUTOCOMPLETE_TOOL_NAME} once.`,
].join(' ');

/** The user message: the context sections, then the input around the cursor. */
export function autocompletePrompt(context: AutocompleteContext): string {
  const before = context.text.slice(0, context.cursor);
  const after = context.text.slice(context.cursor);
  const lines = [
    ...section(
      'agents',
      context.agents.map((agent) => ({ name: agent.name, status: agent.status, template: agent.template })),
    ),
    ...section(
      'slash_commands',
      context.slashCommands.map((command) => ({
        command: `/${command.name}`,
        arguments: command.argumentHint,
        description: command.description,
      })),
    ),
    ...section(
      'agent_templates',
      context.agentTemplates.map((template) => ({ name: template.name, description: template.description })),
    ),
    ...section(
      'workflow_types',
      context.workflowTypes.map((workflow) => ({ type: workflow.type, description: workflow.description })),
    ),
    ...section('files', context.files.slice(0, MAX_FILES)),
    ...learningSections(learningFrom(context.feedback)),
    ...section('input', [
      {
        before_cursor: before.length > BEFORE_CHARS ? before.slice(-BEFORE_CHARS) : before,
        after_cursor: after.slice(0, AFTER_CHARS),
      },
    ]),
  ];
  return [
    `Complete the input at the cursor (between before_cursor and after_cursor) with ${COMPLETION_COUNT} completions.`,
    '',
    ...lines,
  ].join('\n');
}

/**
 * A completion as it is inserted: after whitespace (or at the start) its leading spaces go, so a
 * model that begins every completion with a space still joins cleanly.
 */
export function normalizeCompletion(before: string, completion: string): string {
  return before === '' || /\s$/.test(before) ? completion.trimStart() : completion;
}
