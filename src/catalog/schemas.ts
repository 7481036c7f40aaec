/**
 * What the frontmatter of a bundled agent template or slash command may say, and the typed values the
 * catalog exposes. The schemas are strict (an unknown key is an error) so a misspelt key cannot be
 * silently ignored, as `tools` was in the original.
 */
import { z } from 'zod';
import { DOMAIN_PATTERN, DOMAIN_RULE } from '../experts/domain.ts';
import { GRANT_RULE, isMcpGrant } from '../mcp-client/grants.ts';
import { isCssColor } from './css-colors.ts';

/** The workspace file tools every agent runs with (subject to its template's or command's list). */
export const WORKSPACE_TOOL_NAMES = [
  'list_files',
  'read_file',
  'write_file',
  'edit_file',
  'delete_file',
  'search_files',
] as const;

/** The structured-output tools a workflow step adds (plan path, review verdict, fix status). */
export const WORKFLOW_TOOL_NAMES = ['submit_plan', 'submit_review', 'submit_fix_report'] as const;

/** The tool an expert agent (a template or agent with an expertise domain) records what it learned with. */
export const EXPERTISE_TOOL_NAMES = ['update_expertise'] as const;

/**
 * The trading desk's tools (src/tools/trading): opt-in, an agent gets them only when its template
 * lists them. Every order-placing one waits for a person's approval.
 */
export const TRADING_TOOL_NAMES = [
  'get_account',
  'get_positions',
  'get_quotes',
  'get_option_chain',
  'compute_greeks',
  'place_order',
  'place_option_strategy',
  'cancel_order',
  'close_position',
] as const;

export const CATALOG_TOOL_NAMES = [
  ...WORKSPACE_TOOL_NAMES,
  ...WORKFLOW_TOOL_NAMES,
  ...EXPERTISE_TOOL_NAMES,
  ...TRADING_TOOL_NAMES,
] as const;
export type CatalogToolName = (typeof CATALOG_TOOL_NAMES)[number];

/** Model aliases a template or command may name; `resolveModel` (src/model/models.ts) turns them into ids. */
export const CATALOG_MODELS = ['opus', 'sonnet', 'haiku'] as const;
export type CatalogModel = (typeof CATALOG_MODELS)[number];

/** A grant of a remote MCP server's tools (src/mcp-client/grants.ts): `mcp__docs__*`, `mcp__docs__search`. */
export type McpToolGrant = `mcp__${string}`;
/** What a template's `tools` or a command's `allowed-tools` may list. */
export type TemplateToolName = CatalogToolName | McpToolGrant;

const builtInNames: readonly string[] = CATALOG_TOOL_NAMES;

const toolName = z
  .string()
  .refine(
    (name) => builtInNames.includes(name) || isMcpGrant(name),
    `must be one of ${CATALOG_TOOL_NAMES.join(', ')}, or an MCP grant: ${GRANT_RULE}`,
  )
  .transform((name) => name as TemplateToolName);

/**
 * A list of tool names, written as a YAML list or, as the original accepted, a comma-separated string
 * (`allowed-tools: read_file, list_files`). Duplicates are errors: they usually mean a copy-paste slip.
 */
const toolList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value))
  .pipe(z.array(toolName))
  .refine((tools) => new Set(tools).size === tools.length, 'lists a tool twice');

const text = z.string().trim().min(1);

export const agentFrontmatterSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case'),
  description: text,
  tools: toolList,
  model: z.enum(CATALOG_MODELS),
  color: z.string().refine(isCssColor, 'must be a CSS colour name or a hex colour'),
  /** The expertise domain an agent from this template holds (src/experts): its document, its tool. */
  expertise: z.string().regex(DOMAIN_PATTERN, `must be a domain name: ${DOMAIN_RULE}`).optional(),
});

/**
 * `argument-hint` is a string; `[user prompt]` written unquoted is a YAML list (the original forced it
 * back to a string), so a list is accepted and rendered as `[a] [b]`.
 */
const argumentHint = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    typeof value === 'string' ? value.trim() : value.map((item) => `[${item}]`).join(' '),
  );

export const commandFrontmatterSchema = z.strictObject({
  description: text,
  'argument-hint': argumentHint.optional(),
  model: z.enum(CATALOG_MODELS).optional(),
  'allowed-tools': toolList.optional(),
});

export interface AgentTemplate {
  name: string;
  description: string;
  /**
   * The only built-in tools an agent created from this template may call, and the remote MCP tools it
   * is granted (`mcp__<server>__*` or `mcp__<server>__<tool>`).
   */
  tools: TemplateToolName[];
  model: CatalogModel;
  /** CSS colour for the console. */
  color: string;
  /** Set for an expert template: the domain whose expertise document it reads and updates. */
  expertise?: string;
  systemPrompt: string;
}

export interface SlashCommand {
  /** Without the slash: `plan` for `/plan`. */
  name: string;
  description: string;
  /** e.g. `[user prompt] [plan path]`; empty when the command takes no arguments. */
  argumentHint: string;
  /** Model to run the expanded prompt with; absent = the agent's own. */
  model?: CatalogModel;
  /** Tools the expanded prompt may use (MCP grants narrow remote tools); absent = the agent's own. */
  allowedTools?: TemplateToolName[];
  /** The prompt template, with `$ARGUMENTS`, `$1`…`$9` and `$TIMESTAMP` placeholders. */
  body: string;
}
