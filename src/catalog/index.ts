/**
 * The catalog of agent templates and slash commands: bundled Markdown files with YAML frontmatter,
 * parsed and validated once per isolate. An invalid file throws on first use, naming the file; the
 * catalog test loads every file, so a broken one fails CI instead of production.
 */

import type { ExpandedCommand } from './expand.ts';
import { expandSlashCommand as expandWith } from './expand.ts';
import { parseFrontmatter } from './frontmatter.ts';
import type { AgentTemplate, CatalogModel, SlashCommand, TemplateToolName } from './schemas.ts';
import { agentFrontmatterSchema, commandFrontmatterSchema } from './schemas.ts';
import { AGENT_SOURCES, COMMAND_SOURCES } from './sources.ts';

export type { ExpandedCommand } from './expand.ts';
export { FrontmatterError } from './frontmatter.ts';
export type {
  AgentTemplate,
  CatalogModel,
  CatalogToolName,
  McpToolGrant,
  SlashCommand,
  TemplateToolName,
} from './schemas.ts';
export {
  CATALOG_TOOL_NAMES,
  EXPERTISE_TOOL_NAMES,
  WORKFLOW_TOOL_NAMES,
  WORKSPACE_TOOL_NAMES,
} from './schemas.ts';

/** Thrown when a bundled file's frontmatter parses but does not fit its schema. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

/** Parses and validates one agent template source; `file` names it in errors. */
export function parseAgentTemplate(source: string, file: string): AgentTemplate {
  const { data, body } = parseFrontmatter(source, file);
  const result = agentFrontmatterSchema.safeParse(data);
  if (!result.success) throw new CatalogError(`${file}: ${describeIssues(result.error.issues)}`);
  if (body === '') throw new CatalogError(`${file}: the system prompt (the body) is empty`);
  const { name, description, tools, model, color, expertise } = result.data;
  return { name, description, tools, model, color, ...(expertise ? { expertise } : {}), systemPrompt: body };
}

/** Parses and validates one slash command source; its name is the file name without `.md`. */
export function parseSlashCommand(source: string, name: string, file: string): SlashCommand {
  const { data, body } = parseFrontmatter(source, file);
  const result = commandFrontmatterSchema.safeParse(data);
  if (!result.success) throw new CatalogError(`${file}: ${describeIssues(result.error.issues)}`);
  if (body === '') throw new CatalogError(`${file}: the prompt (the body) is empty`);
  const { description, model } = result.data;
  const command: SlashCommand = {
    name,
    description,
    argumentHint: result.data['argument-hint'] ?? '',
    body,
  };
  if (model) command.model = model;
  if (result.data['allowed-tools']) command.allowedTools = result.data['allowed-tools'];
  return command;
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) => `${issue.path.map(String).join('.') || '(frontmatter)'}: ${issue.message}`)
    .join('; ');
}

let agents: readonly AgentTemplate[] | undefined;
let commands: readonly SlashCommand[] | undefined;

function loadAgents(): readonly AgentTemplate[] {
  agents ??= Object.entries(AGENT_SOURCES).map(([key, source]) => {
    const file = `src/catalog/agents/${key}.md`;
    const template = parseAgentTemplate(source, file);
    if (template.name !== key)
      throw new CatalogError(`${file}: name '${template.name}' differs from the file name`);
    return template;
  });
  return agents;
}

function loadCommands(): readonly SlashCommand[] {
  commands ??= Object.entries(COMMAND_SOURCES).map(([key, source]) => {
    const file = `src/catalog/commands/${key}.md`;
    if (!/^[a-z][a-z0-9_:-]*$/.test(key))
      throw new CatalogError(`${file}: a command name must be lower-case`);
    return parseSlashCommand(source, key, file);
  });
  return commands;
}

/** Every bundled agent template, by name. Copies, so callers cannot change the catalog. */
export function agentTemplates(): AgentTemplate[] {
  return loadAgents().map(copyTemplate);
}

export function findAgentTemplate(name: string): AgentTemplate | undefined {
  const template = loadAgents().find((candidate) => candidate.name === name.trim().toLowerCase());
  return template && copyTemplate(template);
}

/** Every bundled slash command. */
export function slashCommands(): SlashCommand[] {
  return loadCommands().map(copyCommand);
}

export function findSlashCommand(name: string): SlashCommand | undefined {
  const wanted = name.trim().replace(/^\//, '').toLowerCase();
  const command = loadCommands().find((candidate) => candidate.name === wanted);
  return command && copyCommand(command);
}

/**
 * `/name args…` at the start of `text` expanded into the command's prompt, or undefined when the text
 * does not start with a known command (it then goes to the model unchanged). See `./expand.ts` for the
 * placeholders, the argument splitting and why only the start of the text counts.
 */
export function expandSlashCommand(text: string, now?: Date | string): ExpandedCommand | undefined {
  const expanded = expandWith(loadCommands(), text, now);
  return expanded && { command: copyCommand(expanded.command), prompt: expanded.prompt };
}

export interface CatalogSummary {
  slashCommands: {
    name: string;
    description: string;
    argumentHint: string;
    model: CatalogModel | null;
    allowedTools: TemplateToolName[] | null;
  }[];
  agentTemplates: {
    name: string;
    description: string;
    tools: TemplateToolName[];
    model: CatalogModel;
    color: string;
  }[];
}

/** Plain JSON for the REST catalog: what the console lists and autocompletes (no prompt bodies). */
export function catalogSummary(): CatalogSummary {
  return {
    slashCommands: loadCommands().map((command) => ({
      name: command.name,
      description: command.description,
      argumentHint: command.argumentHint,
      model: command.model ?? null,
      allowedTools: command.allowedTools ? [...command.allowedTools] : null,
    })),
    agentTemplates: loadAgents().map(({ name, description, tools, model, color }) => ({
      name,
      description,
      tools: [...tools],
      model,
      color,
    })),
  };
}

function copyTemplate(template: AgentTemplate): AgentTemplate {
  return { ...template, tools: [...template.tools] };
}

function copyCommand(command: SlashCommand): SlashCommand {
  const copy: SlashCommand = { ...command };
  if (command.allowedTools) copy.allowedTools = [...command.allowedTools];
  return copy;
}
