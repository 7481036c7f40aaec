/** Agent cards: the API's agents, kept current by agent_* and model_call events, with event counters. */
import type { Agent } from '../api/client.ts';
import type { WireEvent } from '../stream/wire.ts';

export const CONTEXT_WINDOW_TOKENS = 200_000;

export interface AgentCounters {
  response: number;
  tool: number;
  hook: number;
  thinking: number;
}

export interface AgentView extends Agent {
  counters: AgentCounters;
  /** When the agent last emitted an event (ms since epoch), for the pulse. */
  lastEventAt: number;
  /** The workflow step this agent runs (from its events' `adw_step`), if it is a step agent. */
  workflowStep?: string;
}

export function agentView(agent: Agent): AgentView {
  return {
    ...agent,
    counters: { response: 0, tool: 0, hook: 0, thinking: 0 },
    lastEventAt: 0,
    ...(agent.adw_step ? { workflowStep: agent.adw_step } : {}),
  };
}

function usageOf(value: unknown): Agent['usage'] | null {
  if (typeof value !== 'object' || value === null) return null;
  const usage = value as Partial<Agent['usage']>;
  return typeof usage.cost_usd === 'number' ? (usage as Agent['usage']) : null;
}

/**
 * Applies events to the agents, by id. Returns whether anything changed. Counters count every
 * event seen, history included, so they match the stream.
 */
export function applyAgentEvents(
  agents: Map<string, AgentView>,
  events: readonly WireEvent[],
  /** Usage up to this seq is already in the agents' API totals; only later model calls add to it. */
  usageAfterSeq = 0,
): boolean {
  let changed = false;
  for (const event of events) {
    const id = event.agent_id;
    if (!id) continue;
    if (event.type === 'agent_created') {
      const data = event.data.agent as Partial<Agent> | undefined;
      if (data?.name && !agents.has(id)) {
        agents.set(
          id,
          agentView({
            id,
            name: data.name,
            model: data.model ?? '',
            template: data.template ?? null,
            status: data.status ?? 'idle',
            budget_usd: data.budget_usd ?? null,
            color: data.color ?? null,
            created_at: data.created_at ?? event.ts,
            current_task: null,
            queued: 0,
            // A step agent's events name its workflow and step.
            adw_id: event.adw_id ?? null,
            adw_step: event.adw_step ?? null,
            usage: {
              input_tokens: 0,
              output_tokens: 0,
              cache_write_tokens: 0,
              cache_read_tokens: 0,
              cost_usd: 0,
              context_tokens: 0,
            },
          }),
        );
        changed = true;
      }
      continue;
    }
    const agent = agents.get(id);
    if (!agent) continue;
    changed = true;
    if (event.adw_step) agent.workflowStep = event.adw_step;
    if (event.adw_id && !agent.adw_id) agent.adw_id = event.adw_id;
    agent.lastEventAt = Date.parse(event.ts) || Date.now();
    switch (event.type) {
      case 'agent_deleted':
        agents.delete(id);
        break;
      case 'agent_status_changed':
        if (typeof event.data.new_status === 'string') agent.status = event.data.new_status;
        break;
      case 'agent_updated': {
        const usage = usageOf(event.data.usage);
        if (usage) agent.usage = { ...agent.usage, ...usage };
        break;
      }
      case 'command_queued':
        agent.queued += 1;
        if (!agent.current_task && typeof event.data.command === 'string')
          agent.current_task = event.data.command;
        break;
      case 'UserPromptSubmit':
        if (typeof event.data.prompt === 'string') agent.current_task = event.data.prompt;
        agent.queued = Math.max(0, agent.queued - 1);
        agent.counters.hook++;
        break;
      case 'Stop':
        agent.current_task = null;
        agent.counters.hook++;
        break;
      case 'model_call': {
        if (event.seq <= usageAfterSeq) break;
        const n = (key: string) => (typeof event.data[key] === 'number' ? (event.data[key] as number) : 0);
        agent.usage = {
          ...agent.usage,
          input_tokens: agent.usage.input_tokens + n('input_tokens'),
          output_tokens: agent.usage.output_tokens + n('output_tokens'),
          cache_write_tokens: agent.usage.cache_write_tokens + n('cache_write_tokens'),
          cache_read_tokens: agent.usage.cache_read_tokens + n('cache_read_tokens'),
          cost_usd: agent.usage.cost_usd + n('cost_usd'),
          context_tokens:
            n('input_tokens') + n('cache_write_tokens') + n('cache_read_tokens') + n('output_tokens'),
        };
        break;
      }
      case 'thinking':
        agent.counters.thinking++;
        break;
      case 'tool_use':
      case 'tool_result':
        agent.counters.tool++;
        break;
      case 'text':
        agent.counters.response++;
        break;
      default:
        if (event.category === 'hook') agent.counters.hook++;
    }
  }
  return changed;
}

/** What the card's task line says, by priority: the workflow step, the task, the status. */
export function taskLine(agent: AgentView): string {
  if (agent.workflowStep) return `STEP: ${agent.workflowStep}`;
  if (agent.current_task) return agent.current_task;
  if (agent.queued > 0) return `${agent.queued} queued`;
  return agent.status === 'executing' ? 'working…' : 'no task';
}

export function contextShare(tokens: number): number {
  return Math.min(1, Math.max(0, tokens / CONTEXT_WINDOW_TOKENS));
}
