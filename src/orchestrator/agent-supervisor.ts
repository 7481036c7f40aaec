/**
 * Command agents of one orchestrator: their registry (Postgres), their FIFO command queues (one
 * command runs at a time per agent; seed weakness 7), their runs, interrupts and deletion. Implements
 * `AgentControl` for the management tools.
 */
import type { ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { nextUserTurn } from '../agents/conversation.ts';
import type { LoopOutcome } from '../agents/loop.ts';
import { expandSlashCommand, findAgentTemplate } from '../catalog/index.ts';
import {
  type AgentRow,
  agentUsage,
  archiveAgent,
  findLiveAgent,
  insertAgent,
  liveAgents,
  setAgentStatus,
} from '../db/agents.ts';
import { latestAgentEvents } from '../db/events.ts';
import { latestOrchestratorContext } from '../db/model-calls.ts';
import { findOrchestrator, usageTotals } from '../db/orchestrators.ts';
import {
  cancelPrompts,
  insertPrompt,
  latestPrompt,
  type PromptRow,
  queuedPrompts,
  queueState,
  setPromptStatus,
} from '../db/prompts.ts';
import { recentSystemLogs } from '../db/system-logs.ts';
import { fromRow } from '../durable-objects/event-stream.ts';
import { describeEvent } from '../events/describe.ts';
import { usageJson } from '../events/usage-json.ts';
import { modelInfo } from '../model/models.ts';
import { fileTools } from '../tools/file-tools.ts';
import { ToolError, type ToolResult } from '../tools/types.ts';
import type { AgentControl, AgentSummary, CostReport } from './management-tools.ts';
import { launchRun, type RunHandle, type RuntimeContext } from './runs.ts';

const DEFAULT_AGENT_MODEL = 'sonnet';
const AGENT_MAX_TURNS = 100;
const DEFAULT_AGENT_PROMPT =
  'You are a command agent. You work in a shared workspace of files through your file tools. ' +
  'Do what you are asked, check your work by reading files back, and finish with a short report.';

export class AgentSupervisor implements AgentControl {
  readonly #ctx: RuntimeContext;
  readonly #running = new Map<string, RunHandle>();
  /** Agents whose queue is being looked at, so two pumps never start two commands. */
  readonly #pumping = new Set<string>();

  constructor(ctx: RuntimeContext) {
    this.#ctx = ctx;
  }

  get activeRuns(): number {
    return this.#running.size;
  }

  async createAgent(input: {
    name: string;
    systemPrompt?: string;
    model?: string;
    template?: string;
  }): Promise<string> {
    const template = input.template ? findAgentTemplate(input.template) : undefined;
    if (input.template && !template)
      throw new ToolError(`There is no agent template named "${input.template}".`);
    const model = input.model ?? template?.model ?? DEFAULT_AGENT_MODEL;
    const row = await insertAgent(this.#ctx.db(), {
      orchestratorId: this.#ctx.orchestratorId,
      name: input.name,
      model,
      systemPrompt: input.systemPrompt ?? template?.systemPrompt ?? DEFAULT_AGENT_PROMPT,
      template: template?.name,
      metadata: template ? { template_color: template.color, template_tools: template.tools } : {},
    });
    if (!row)
      throw new ToolError(
        `An agent named "${input.name}" already exists. Pick another name or delete it first.`,
      );
    this.#ctx.emit({ type: 'agent_created', agentId: row.id, data: { agent: agentJson(row) } });
    return `Created agent ${row.name} (model ${row.model}${row.template ? `, template ${row.template}` : ''}). It is idle until commanded.`;
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
    void this.pump(agent.id);
    return waiting === 0
      ? `Command dispatched to ${agent.name}; it runs in the background.`
      : `Command queued for ${agent.name} behind ${waiting} other command(s); they run one at a time.`;
  }

  async agentStatus(name: string, tail: number, verbose: boolean): Promise<string> {
    const agent = await this.#requireAgent(name);
    const db = this.#ctx.db();
    await this.#ctx.flushEvents();
    const [usage, prompt, queue] = await Promise.all([
      agentUsage(db, this.#ctx.orchestratorId),
      latestPrompt(db, agent.id),
      queuedPrompts(db, agent.id),
    ]);
    const used = usage.get(agent.id);
    const events = prompt
      ? await latestAgentEvents(db, this.#ctx.orchestratorId, agent.id, { promptId: prompt.id, limit: tail })
      : [];
    const lines = [
      `${agent.name}: ${agent.status}, model ${agent.model}, ${queue.filter((p) => p.status === 'queued').length} queued`,
      `Usage: ${used ? used.inputTokens + used.outputTokens : 0} tokens, $${(used?.costUsd ?? 0).toFixed(4)}`,
      prompt ? `Latest command (${prompt.status}): ${prompt.text.slice(0, 300)}` : 'No command yet.',
      ...events.reverse().map((row) => {
        const event = fromRow(row);
        return verbose
          ? `[${event.type}] ${JSON.stringify(event.data).slice(0, 2_000)}`
          : `[${event.type}] ${describeEvent(event)}`;
      }),
    ];
    return lines.join('\n');
  }

  async deleteAgent(name: string): Promise<string> {
    const agent = await this.#requireAgent(name);
    this.#running.get(agent.id)?.abort('agent deleted');
    const db = this.#ctx.db();
    await cancelPrompts(db, agent.id);
    await archiveAgent(db, agent.id);
    this.#ctx.store.conversations.clear(`agent:${agent.id}`);
    this.#ctx.emit({ type: 'agent_deleted', agentId: agent.id, data: { agent_name: agent.name } });
    return `Deleted ${agent.name}; the name is free again.`;
  }

  async interruptAgent(name: string): Promise<string> {
    const agent = await this.#requireAgent(name);
    const run = this.#running.get(agent.id);
    if (!run) return `${agent.name} is not running a command.`;
    run.abort('interrupted by the orchestrator');
    await run.done;
    return `Interrupted ${agent.name}'s current command.`;
  }

  async readSystemLogs(options: {
    limit: number;
    level?: 'debug' | 'info' | 'warning' | 'error';
    contains?: string;
  }): Promise<string> {
    const rows = await recentSystemLogs(this.#ctx.db(), this.#ctx.orchestratorId, options);
    if (rows.length === 0) return 'No matching log lines.';
    return rows
      .map((row) => `${row.createdAt.toISOString()} ${row.level.toUpperCase()} ${row.message}`)
      .join('\n');
  }

  async reportCost(): Promise<CostReport> {
    const db = this.#ctx.db();
    const [orchestrator, totals, usage, agents, context] = await Promise.all([
      findOrchestrator(db, this.#ctx.orchestratorId),
      usageTotals(db, this.#ctx.orchestratorId),
      agentUsage(db, this.#ctx.orchestratorId),
      liveAgents(db, this.#ctx.orchestratorId),
      latestOrchestratorContext(db, this.#ctx.orchestratorId),
    ]);
    const agentCost = [...usage.values()].reduce((sum, u) => sum + u.costUsd, 0);
    const agentTokens = [...usage.values()].reduce((sum, u) => sum + u.inputTokens + u.outputTokens, 0);
    return {
      orchestrator: {
        tokens: totals.inputTokens + totals.outputTokens - agentTokens,
        costUsd: totals.costUsd - agentCost,
        contextTokens: context?.tokens ?? 0,
        contextWindow: modelInfo(context?.model ?? orchestrator?.model ?? 'opus')?.contextWindow ?? 200_000,
      },
      total: {
        inputTokens: totals.inputTokens,
        outputTokens: totals.outputTokens,
        cacheWriteTokens: totals.cacheWriteTokens,
        cacheReadTokens: totals.cacheReadTokens,
        costUsd: totals.costUsd,
      },
      agents: agents.map((agent) => {
        const used = usage.get(agent.id);
        return {
          name: agent.name,
          tokens: used ? used.inputTokens + used.outputTokens : 0,
          costUsd: used?.costUsd ?? 0,
        };
      }),
      budgetUsd: orchestrator?.budgetUsd ?? null,
    };
  }

  /** Starts the agent's next queued command unless one is running. Safe to call any time. */
  async pump(agentId: string): Promise<void> {
    if (this.#running.has(agentId) || this.#pumping.has(agentId)) return;
    this.#pumping.add(agentId);
    try {
      const db = this.#ctx.db();
      const next = (await queuedPrompts(db, agentId))[0];
      const [agent] = (await liveAgents(db, this.#ctx.orchestratorId)).filter((a) => a.id === agentId);
      if (!next || !agent) return;
      await this.#start(agent, next);
    } catch (error) {
      console.error(`orchestrator ${this.#ctx.orchestratorId}: could not start agent ${agentId}`, error);
    } finally {
      this.#pumping.delete(agentId);
    }
  }

  /** Runs left in flight by an evicted instance: resume each from its checkpoint. */
  async resume(): Promise<void> {
    for (const run of this.#ctx.store.runs.all()) {
      if (run.kind === 'agent' && run.agent_id && !this.#running.has(run.agent_id))
        await this.pump(run.agent_id);
    }
  }

  async #start(agent: AgentRow, prompt: PromptRow): Promise<void> {
    const conversationId = `agent:${agent.id}`;
    const conversation = this.#ctx.store.conversations.open(conversationId);
    const resuming = this.#ctx.store.runs.all().some((run) => run.prompt_id === prompt.id);
    const expanded = expandSlashCommand(prompt.text);
    if (!resuming) {
      const turn = nextUserTurn(conversation.messages(), expanded?.prompt ?? prompt.text, (id) =>
        finishedResult(conversation.lookup(id)),
      );
      if (turn.replaceLast) this.#ctx.store.conversations.replaceLast(conversationId, turn.replaceLast);
      for (const message of turn.append) conversation.append(message);
      this.#ctx.store.runs.add({
        id: prompt.id,
        kind: 'agent',
        conversation_id: conversationId,
        agent_id: agent.id,
        prompt_id: prompt.id,
        started_at: Date.now(),
      });
    }
    const db = this.#ctx.db();
    const orchestrator = await findOrchestrator(db, this.#ctx.orchestratorId);
    // A template's tool list is a restriction; a slash command can narrow it, never widen it.
    const restrictions = [
      agent.template ? findAgentTemplate(agent.template)?.tools : undefined,
      expanded?.command.allowedTools,
    ];
    const tools = fileTools.filter((tool) =>
      restrictions.every((allowed) => !allowed || (allowed as string[]).includes(tool.name)),
    );
    await setPromptStatus(db, prompt.id, 'running');
    await setAgentStatus(db, agent.id, 'executing');
    this.#ctx.emit({
      type: 'agent_status_changed',
      agentId: agent.id,
      promptId: prompt.id,
      data: { old_status: agent.status, new_status: 'executing' },
    });
    if (!resuming) {
      this.#ctx.emit({
        type: 'UserPromptSubmit',
        agentId: agent.id,
        promptId: prompt.id,
        data: {
          prompt: prompt.text.slice(0, 1_000),
          prompt_length: prompt.text.length,
          ...(expanded ? { slash_command: expanded.command.name } : {}),
        },
      });
    }
    const files = new FileActivity();
    const handle = launchRun(this.#ctx, {
      runId: prompt.id,
      kind: 'agent',
      conversationId,
      agentId: agent.id,
      promptId: prompt.id,
      model: expanded?.command.model ?? agent.model,
      system: agent.systemPrompt ?? DEFAULT_AGENT_PROMPT,
      tools,
      maxTurns: AGENT_MAX_TURNS,
      callerId: `${this.#ctx.orchestratorId}:${agent.name}`,
      budgets: { orchestratorUsd: orchestrator?.budgetUsd ?? null, agentUsd: agent.budgetUsd },
      onToolResult: (_name, result) => files.record(result),
    });
    this.#running.set(agent.id, handle);
    void handle.done.then((outcome) => this.#finish(agent, prompt, outcome, files));
  }

  async #finish(
    agent: AgentRow,
    prompt: PromptRow,
    outcome: LoopOutcome,
    files: FileActivity,
  ): Promise<void> {
    const db = this.#ctx.db();
    try {
      const status =
        outcome.status === 'completed'
          ? 'completed'
          : outcome.status === 'interrupted'
            ? 'interrupted'
            : 'failed';
      await setPromptStatus(db, prompt.id, status, outcome.error);
      const changes = files.summary();
      if (changes.produced.length > 0 || changes.consumed.length > 0) {
        this.#ctx.emit({ type: 'file_changes', agentId: agent.id, promptId: prompt.id, data: changes });
      }
      this.#ctx.emit({
        type: 'Stop',
        agentId: agent.id,
        promptId: prompt.id,
        data: {
          reason: outcome.status,
          num_turns: outcome.turns,
          ...(outcome.error ? { error: outcome.error } : {}),
        },
      });
      const live = await findLiveAgent(db, this.#ctx.orchestratorId, agent.name);
      if (live?.id === agent.id) {
        const next = status === 'failed' ? 'blocked' : 'idle';
        await setAgentStatus(db, agent.id, next);
        this.#ctx.emit({
          type: 'agent_status_changed',
          agentId: agent.id,
          data: { old_status: 'executing', new_status: next },
        });
        const used = (await agentUsage(db, this.#ctx.orchestratorId)).get(agent.id);
        this.#ctx.emit({
          type: 'agent_updated',
          agentId: agent.id,
          data: { usage: used ? usageJson(used) : null },
        });
      }
    } catch (error) {
      console.error(
        `orchestrator ${this.#ctx.orchestratorId}: finishing ${agent.name}'s command failed`,
        error,
      );
    } finally {
      this.#ctx.store.runs.remove(prompt.id);
      this.#running.delete(agent.id);
      void this.pump(agent.id);
    }
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

function finishedResult(
  entry: ReturnType<ReturnType<RuntimeContext['store']['conversations']['open']>['lookup']>,
): ToolResultBlockParam | undefined {
  return entry?.state === 'finished' ? entry.result : undefined;
}

export function agentJson(row: AgentRow) {
  return {
    id: row.id,
    name: row.name,
    model: row.model,
    template: row.template,
    status: row.status,
    budget_usd: row.budgetUsd,
    color: typeof row.metadata.template_color === 'string' ? row.metadata.template_color : null,
    created_at: row.createdAt.toISOString(),
  };
}

/** Files a run read and wrote, from the `data.file` its file tools report. */
export class FileActivity {
  readonly #produced = new Map<string, Record<string, unknown>>();
  readonly #consumed = new Set<string>();

  record(result: ToolResult): void {
    const file = result.data?.file as { path?: unknown; op?: unknown } | undefined;
    if (!file || typeof file.path !== 'string') return;
    if (file.op === 'read') this.#consumed.add(file.path);
    else if (file.op === 'write' || file.op === 'edit' || file.op === 'delete') {
      const earlier = this.#produced.get(file.path);
      const added =
        Number((file as { lines_added?: unknown }).lines_added ?? 0) + Number(earlier?.lines_added ?? 0);
      const removed =
        Number((file as { lines_removed?: unknown }).lines_removed ?? 0) +
        Number(earlier?.lines_removed ?? 0);
      this.#produced.set(file.path, { ...file, lines_added: added, lines_removed: removed });
    }
  }

  summary() {
    return {
      produced: [...this.#produced.values()],
      consumed: [...this.#consumed].map((path) => ({ path })),
    };
  }
}
