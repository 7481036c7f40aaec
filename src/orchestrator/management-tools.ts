/**
 * The orchestrator agent's management tools, exactly as the original named them. They validate and
 * format; the work is done by `AgentControl` (the orchestrator's Durable Object), so the tools stay
 * free of runtime state and are testable with a fake control.
 */
import { z } from 'zod';
import { DOMAIN_PATTERN, DOMAIN_RULE } from '../experts/domain.ts';
import { GRANT_RULE, isMcpGrant } from '../mcp-client/grants.ts';
import { defineTool, type ToolDefinition } from '../tools/types.ts';

export interface AgentSummary {
  name: string;
  status: string;
  model: string;
  template: string | null;
  currentTask: string | null;
  queued: number;
  tokens: number;
  costUsd: number;
}

export interface CostReport {
  orchestrator: { tokens: number; costUsd: number; contextTokens: number; contextWindow: number };
  total: {
    inputTokens: number;
    outputTokens: number;
    cacheWriteTokens: number;
    cacheReadTokens: number;
    costUsd: number;
  };
  agents: Array<{ name: string; tokens: number; costUsd: number }>;
  budgetUsd: number | null;
}

export interface AgentControl {
  createAgent(input: {
    name: string;
    systemPrompt?: string;
    model?: string;
    template?: string;
    expertise?: string;
    mcpTools?: string[];
  }): Promise<string>;
  listAgents(): Promise<AgentSummary[]>;
  commandAgent(name: string, command: string): Promise<string>;
  agentStatus(name: string, tail: number, verbose: boolean): Promise<string>;
  deleteAgent(name: string): Promise<string>;
  interruptAgent(name: string): Promise<string>;
  readSystemLogs(options: {
    limit: number;
    level?: 'debug' | 'info' | 'warning' | 'error';
    contains?: string;
  }): Promise<string>;
  reportCost(): Promise<CostReport>;
}

const agentName = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,63}$/i,
    'use letters, digits, - and _ (at most 64), starting with a letter or digit',
  )
  .describe('The agent name: short, two words joined by a dash by default, e.g. "api-builder".');

export function managementTools(control: AgentControl): ToolDefinition[] {
  return [
    defineTool({
      name: 'create_agent',
      description:
        'Create a command agent that works in this orchestrator’s workspace. Give it a template (planner, builder, ' +
        'reviewer, scout, …) or your own system prompt. Returns at once; the agent is idle until commanded.',
      input: z.object({
        name: agentName,
        system_prompt: z
          .string()
          .min(1)
          .max(50_000)
          .optional()
          .describe('The agent’s system prompt, if no template.'),
        model: z
          .string()
          .max(100)
          .optional()
          .describe('opus, sonnet, haiku/fast, or a model id. Default: the template’s, else sonnet.'),
        template: z.string().max(64).optional().describe('An agent template name from the catalog.'),
        expertise: z
          .string()
          .regex(DOMAIN_PATTERN, DOMAIN_RULE)
          .optional()
          .describe(
            'Make it an expert in this domain (e.g. "websocket"): it reads and updates that expertise ' +
              'document. Use with the expert template; *-expert templates already have a domain.',
          ),
        mcp_tools: z
          .array(z.string().refine(isMcpGrant, `must be ${GRANT_RULE}`))
          .max(50)
          .optional()
          .describe(
            'Grant tools of the orchestrator’s remote MCP servers: mcp__<server>__* for all of a server’s ' +
              'tools, or mcp__<server>__<tool> for one. Without this (or a template granting them) it gets none.',
          ),
      }),
      // A command for the new agent may follow in the same message: it must wait for the agent.
      concurrencySafe: false,
      run: async (input) => ({
        content: await control.createAgent({
          name: input.name,
          ...(input.system_prompt ? { systemPrompt: input.system_prompt } : {}),
          ...(input.model ? { model: input.model } : {}),
          ...(input.template ? { template: input.template } : {}),
          ...(input.expertise ? { expertise: input.expertise } : {}),
          ...(input.mcp_tools?.length ? { mcpTools: input.mcp_tools } : {}),
        }),
      }),
    }),
    defineTool({
      name: 'list_agents',
      description:
        'List this orchestrator’s live agents with status, current task, queue length, tokens and cost.',
      input: z.object({}),
      concurrencySafe: true,
      run: async () => {
        const agents = await control.listAgents();
        if (agents.length === 0) return { content: 'No agents yet.' };
        const lines = agents.map(
          (a) =>
            `- ${a.name} [${a.status}] model ${a.model}${a.template ? `, template ${a.template}` : ''}; ` +
            `${a.currentTask ? `working on: ${a.currentTask}; ` : ''}${a.queued} queued; ` +
            `${a.tokens} tokens, $${a.costUsd.toFixed(4)}`,
        );
        return { content: lines.join('\n'), data: { agents } };
      },
    }),
    defineTool({
      name: 'command_agent',
      description:
        'Give an agent a command. Non-blocking: the command joins the agent’s queue (one command runs at a time) ' +
        'and this returns at once. Slash commands such as /plan, /build, /review in the text are expanded. ' +
        'Use check_agent_status later; do not poll in a tight loop.',
      input: z.object({
        agent_name: agentName,
        command: z
          .string()
          .min(1)
          .max(100_000)
          .describe('What the agent should do, verbatim from the user where possible.'),
      }),
      // Commands to one agent queue in the order the model wrote them; dispatching is quick anyway.
      concurrencySafe: false,
      run: async (input) => ({ content: await control.commandAgent(input.agent_name, input.command) }),
    }),
    defineTool({
      name: 'check_agent_status',
      description:
        'An agent’s status, model, tokens, cost, and the latest events of its current or last command.',
      input: z.object({
        agent_name: agentName,
        tail: z.number().int().min(1).max(100).default(10).describe('How many recent events to show.'),
        verbose: z
          .boolean()
          .default(false)
          .describe('Show full event payloads instead of one-line summaries.'),
      }),
      concurrencySafe: true,
      run: async (input) => ({
        content: await control.agentStatus(input.agent_name, input.tail, input.verbose),
      }),
    }),
    defineTool({
      name: 'delete_agent',
      description: 'Delete an agent: interrupt its command, drop its queue, archive it, and free its name.',
      input: z.object({ agent_name: agentName }),
      concurrencySafe: false,
      run: async (input) => ({ content: await control.deleteAgent(input.agent_name) }),
    }),
    defineTool({
      name: 'interrupt_agent',
      description: 'Stop the command an agent is running now. Queued commands stay queued and run next.',
      input: z.object({ agent_name: agentName }),
      concurrencySafe: false,
      run: async (input) => ({ content: await control.interruptAgent(input.agent_name) }),
    }),
    defineTool({
      name: 'read_system_logs',
      description: 'Recent system log lines of this orchestrator, newest first.',
      input: z.object({
        limit: z.number().int().min(1).max(200).default(20),
        level: z.enum(['debug', 'info', 'warning', 'error']).optional().describe('This level and above.'),
        contains: z
          .string()
          .max(200)
          .optional()
          .describe('Only lines containing this text (case-insensitive).'),
      }),
      concurrencySafe: true,
      run: async (input) => ({
        content: await control.readSystemLogs({
          limit: input.limit,
          ...(input.level ? { level: input.level } : {}),
          ...(input.contains ? { contains: input.contains } : {}),
        }),
      }),
    }),
    defineTool({
      name: 'report_cost',
      description:
        'Tokens and USD spent on this orchestrator’s behalf (its own turns, agents, summaries, workflows), ' +
        'the per-agent breakdown, and how full the orchestrator’s context window is.',
      input: z.object({}),
      concurrencySafe: true,
      run: async (_input, ctx) => {
        await ctx.costsRecorded?.();
        const report = await control.reportCost();
        return { content: formatCostReport(report), data: { report } };
      },
    }),
  ];
}

export function formatCostReport(report: CostReport): string {
  const { orchestrator: o, total: t } = report;
  const percent = o.contextWindow > 0 ? ((o.contextTokens / o.contextWindow) * 100).toFixed(1) : '0.0';
  const lines = [
    `Total: $${t.costUsd.toFixed(4)} — input ${t.inputTokens}, output ${t.outputTokens}, ` +
      `cache write ${t.cacheWriteTokens}, cache read ${t.cacheReadTokens} tokens.`,
    `Orchestrator: $${o.costUsd.toFixed(4)}, ${o.tokens} tokens; context ${o.contextTokens}/${o.contextWindow} (${percent}%).`,
    ...report.agents.map((a) => `- ${a.name}: $${a.costUsd.toFixed(4)}, ${a.tokens} tokens`),
  ];
  if (report.budgetUsd !== null)
    lines.push(
      `Budget: $${report.budgetUsd.toFixed(2)} (${((t.costUsd / report.budgetUsd) * 100).toFixed(1)}% used).`,
    );
  return lines.join('\n');
}
