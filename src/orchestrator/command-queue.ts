/**
 * The command agents' FIFO queues: one command runs at a time per agent (the queue lives in the
 * `prompts` table), each as a checkpointed run inside the orchestrator's Durable Object. When a
 * command the orchestrator dispatched ends, its outcome is handed on as an agent report.
 */
import type { ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { nextUserTurn } from '../agents/conversation.ts';
import type { LoopOutcome } from '../agents/loop.ts';
import { expandSlashCommand, findAgentTemplate } from '../catalog/index.ts';
import { TRADING_TOOL_NAMES } from '../catalog/schemas.ts';
import { type AgentRow, agentUsage, findLiveAgent, liveAgents, setAgentStatus } from '../db/agents.ts';
import { findOrchestrator } from '../db/orchestrators.ts';
import { type PromptRow, queuedPrompts, setPromptStatus } from '../db/prompts.ts';
import { usageJson } from '../events/usage-json.ts';
import { expertRunSetup } from '../experts/run-setup.ts';
import { agentGrants } from '../mcp-client/grants.ts';
import { mcpRunSetup } from '../mcp-client/run-setup.ts';
import { fileTools } from '../tools/file-tools.ts';
import { tradingTools } from '../tools/trading/index.ts';
import type { AgentReport } from './agent-report.ts';
import { FileActivity } from './file-activity.ts';
import { launchRun, type RunHandle, type RuntimeContext } from './runs.ts';

export const DEFAULT_AGENT_PROMPT =
  'You are a command agent. You work in a shared workspace of files through your file tools. ' +
  'Do what you are asked, check your work by reading files back, and finish with a short report.';
const AGENT_MAX_TURNS = 100;

export class CommandQueue {
  readonly #ctx: RuntimeContext;
  readonly #onReport: (promptId: string, report: AgentReport) => void;
  readonly #running = new Map<string, RunHandle>();
  /** Agents whose queue is being looked at, so two pumps never start two commands. */
  readonly #pumping = new Set<string>();

  constructor(ctx: RuntimeContext, onReport: (promptId: string, report: AgentReport) => void) {
    this.#ctx = ctx;
    this.#onReport = onReport;
  }

  get activeRuns(): number {
    return this.#running.size;
  }

  running(agentId: string): RunHandle | undefined {
    return this.#running.get(agentId);
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
    // An expert reads its expertise document fresh at the start of every command (src/experts).
    const expert = await expertRunSetup(db, this.#ctx.orchestratorId, agent);
    // A template's tool list is a restriction; a slash command can narrow it, never widen it.
    const templateTools = agent.template ? findAgentTemplate(agent.template)?.tools : undefined;
    const restrictions = [templateTools, expanded?.command.allowedTools];
    // Remote MCP tools are opt-in instead: granted by the template or at creation (src/mcp-client).
    const mcp = await mcpRunSetup(db, this.#ctx.orchestratorId, this.#ctx.env.SECRETS_KEY, {
      ...(templateTools ? { template: templateTools } : {}),
      agent: agentGrants(agent.metadata),
      ...(expanded?.command.allowedTools ? { command: expanded.command.allowedTools } : {}),
    });
    // Trading tools are opt-in: only a template that lists them (the trader) gets them.
    const trading = templateTools?.some((name) => (TRADING_TOOL_NAMES as readonly string[]).includes(name))
      ? tradingTools(this.#ctx.env)
      : [];
    const builtIn = [...fileTools, ...trading, ...expert.tools].filter((tool) =>
      restrictions.every((allowed) => !allowed || (allowed as string[]).includes(tool.name)),
    );
    const tools = [...builtIn, ...mcp.tools];
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
      system: withNote(expert.system(agent.systemPrompt ?? DEFAULT_AGENT_PROMPT), mcp.note),
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
        // An interrupt or a deletion came from the orchestrator itself: nothing to tell it.
        if (status !== 'interrupted' && prompt.author !== 'workflow') {
          this.#onReport(prompt.id, {
            agent: agent.name,
            status,
            command: prompt.text,
            result: status === 'completed' ? outcome.finalText : (outcome.error ?? 'the command failed'),
            filesChanged: files.producedPaths,
          });
        }
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
}

function finishedResult(
  entry: ReturnType<ReturnType<RuntimeContext['store']['conversations']['open']>['lookup']>,
): ToolResultBlockParam | undefined {
  return entry?.state === 'finished' ? entry.result : undefined;
}

function withNote(system: string, note: string): string {
  return note ? `${system}\n\n${note}` : system;
}
