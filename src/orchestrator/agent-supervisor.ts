/**
 * Command agents of one orchestrator: their registry (Postgres), commands put on their FIFO queues
 * (command-queue.ts runs them), interrupts and deletion. Implements `AgentControl` for the
 * management tools; the read-only answers come from agent-status-reports.ts.
 */
import { findAgentTemplate } from '../catalog/index.ts';
import {
  type AgentRow,
  agentUsage,
  archiveAgent,
  findLiveAgent,
  insertAgent,
  liveAgents,
} from '../db/agents.ts';
import { cancelPrompts, insertPrompt, queuedPrompts, queueState } from '../db/prompts.ts';
import { ToolError } from '../tools/types.ts';
import { agentJson } from './agent-json.ts';
import type { AgentReport } from './agent-report.ts';
import { costReport, describeAgentStatus, describeSystemLogs } from './agent-status-reports.ts';
import { CommandQueue, DEFAULT_AGENT_PROMPT } from './command-queue.ts';
import type { AgentControl, AgentSummary, CostReport } from './management-tools.ts';
import type { RuntimeContext } from './runs.ts';

const DEFAULT_AGENT_MODEL = 'sonnet';

export class AgentSupervisor implements AgentControl {
  readonly #ctx: RuntimeContext;
  readonly #queue: CommandQueue;

  /** `onReport` hears of every command the orchestrator dispatched once it has ended. */
  constructor(ctx: RuntimeContext, onReport: (promptId: string, report: AgentReport) => void) {
    this.#ctx = ctx;
    this.#queue = new CommandQueue(ctx, onReport);
  }

  get activeRuns(): number {
    return this.#queue.activeRuns;
  }

  pump(agentId: string): Promise<void> {
    return this.#queue.pump(agentId);
  }

  resume(): Promise<void> {
    return this.#queue.resume();
  }

  async createAgent(input: {
    name: string;
    systemPrompt?: string;
    model?: string;
    template?: string;
    expertise?: string;
    mcpTools?: string[];
  }): Promise<string> {
    const template = input.template ? findAgentTemplate(input.template) : undefined;
    if (input.template && !template)
      throw new ToolError(`There is no agent template named "${input.template}".`);
    if (input.expertise && template && !template.tools.includes('update_expertise'))
      throw new ToolError(
        `The ${template.name} template cannot update expertise: use the expert template for a domain expert.`,
      );
    const model = input.model ?? template?.model ?? DEFAULT_AGENT_MODEL;
    const row = await insertAgent(this.#ctx.db(), {
      orchestratorId: this.#ctx.orchestratorId,
      name: input.name,
      model,
      systemPrompt: input.systemPrompt ?? template?.systemPrompt ?? DEFAULT_AGENT_PROMPT,
      template: template?.name,
      metadata: {
        ...(template ? { template_color: template.color, template_tools: template.tools } : {}),
        ...(input.expertise ? { expertise_domain: input.expertise } : {}),
        // Remote MCP tools granted at creation (src/mcp-client/grants.ts), on top of the template's.
        ...(input.mcpTools ? { mcp_tools: [...new Set(input.mcpTools)] } : {}),
      },
    });
    if (!row)
      throw new ToolError(
        `An agent named "${input.name}" already exists. Pick another name or delete it first.`,
      );
    this.#ctx.emit({ type: 'agent_created', agentId: row.id, data: { agent: agentJson(row) } });
    const domain = input.expertise ?? template?.expertise;
    return `Created agent ${row.name} (model ${row.model}${row.template ? `, template ${row.template}` : ''}${domain ? `, expert in ${domain}` : ''}). It is idle until commanded.`;
  }

  async listAgents(): Promise<AgentSummary[]> {
    const db = this.#ctx.db();
    // Three queries whatever the number of agents (the original counted per agent).
    const [agents, usage, queues] = await Promise.all([
      liveAgents(db, this.#ctx.orchestratorId),
      agentUsage(db, this.#ctx.orchestratorId),
      queueState(db, this.#ctx.orchestratorId),
    ]);
    return agents.map((agent) => {
      const used = usage.get(agent.id);
      const queue = queues.get(agent.id);
      return {
        name: agent.name,
        status: agent.status,
        model: agent.model,
        template: agent.template,
        currentTask: queue?.running?.slice(0, 200) ?? null,
        queued: queue?.queued ?? 0,
        tokens: used
          ? used.inputTokens + used.outputTokens + used.cacheReadTokens + used.cacheWriteTokens
          : 0,
        costUsd: used?.costUsd ?? 0,
      };
    });
  }

  async commandAgent(name: string, command: string): Promise<string> {
    const agent = await this.#requireAgent(name);
    const prompt = await insertPrompt(this.#ctx.db(), {
      orchestratorId: this.#ctx.orchestratorId,
      agentId: agent.id,
      author: 'orchestrator',
      text: command,
    });
    const waiting = (await queuedPrompts(this.#ctx.db(), agent.id)).filter((p) => p.id !== prompt.id).length;
    this.#ctx.emit({
      type: 'command_queued',
      agentId: agent.id,
      promptId: prompt.id,
      data: {
        agent_name: agent.name,
        command: command.slice(0, 2_000),
        task_slug: prompt.taskSlug,
        ahead: waiting,
      },
    });
    void this.#queue.pump(agent.id);
    return waiting === 0
      ? `Command dispatched to ${agent.name}; it runs in the background.`
      : `Command queued for ${agent.name} behind ${waiting} other command(s); they run one at a time.`;
  }

  async agentStatus(name: string, tail: number, verbose: boolean): Promise<string> {
    return describeAgentStatus(this.#ctx, await this.#requireAgent(name), tail, verbose);
  }

  async deleteAgent(name: string): Promise<string> {
    const agent = await this.#requireAgent(name);
    this.#queue.running(agent.id)?.abort('agent deleted');
    const db = this.#ctx.db();
    await cancelPrompts(db, agent.id);
    await archiveAgent(db, agent.id);
    this.#ctx.store.conversations.clear(`agent:${agent.id}`);
    this.#ctx.emit({ type: 'agent_deleted', agentId: agent.id, data: { agent_name: agent.name } });
    return `Deleted ${agent.name}; the name is free again.`;
  }

  async interruptAgent(name: string): Promise<string> {
    const agent = await this.#requireAgent(name);
    const run = this.#queue.running(agent.id);
    if (!run) return `${agent.name} is not running a command.`;
    run.abort('interrupted by the orchestrator');
    await run.done;
    return `Interrupted ${agent.name}'s current command.`;
  }

  readSystemLogs(options: {
    limit: number;
    level?: 'debug' | 'info' | 'warning' | 'error';
    contains?: string;
  }): Promise<string> {
    return describeSystemLogs(this.#ctx, options);
  }

  reportCost(): Promise<CostReport> {
    return costReport(this.#ctx);
  }

  async #requireAgent(name: string): Promise<AgentRow> {
    const agent = await findLiveAgent(this.#ctx.db(), this.#ctx.orchestratorId, name);
    if (!agent) {
      const names = (await liveAgents(this.#ctx.db(), this.#ctx.orchestratorId)).map((a) => a.name);
      throw new ToolError(`No agent named "${name}". Agents: ${names.join(', ') || 'none'}.`);
    }
    return agent;
  }
}
