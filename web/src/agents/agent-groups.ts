/**
 * Workflow step agents grouped under their workflow, and the agent counts the header shows. A
 * workflow creates one agent per step (`<step>-<adw id first 8>`); listed one by one they bury the
 * agents a person made, and once the workflow has finished they are not active any more. Pure.
 */
import type { WireEvent } from '../stream/wire.ts';
import type { AgentView } from './agent-model.ts';

/** What the agents panel needs of a workflow: its name and where it stands. */
export interface WorkflowInfo {
  id: string;
  name: string;
  status: string;
}

/** A workflow in one of these states runs no step any more. */
const FINISHED = new Set(['completed', 'failed', 'cancelled']);

export function workflowFinished(status: string | undefined): boolean {
  return status !== undefined && FINISHED.has(status);
}

/** A workflow as the REST list or an `adw_created` event describes it. */
export function workflowInfo(value: unknown): WorkflowInfo | null {
  if (typeof value !== 'object' || value === null) return null;
  const adw = value as { id?: unknown; name?: unknown; status?: unknown };
  if (typeof adw.id !== 'string') return null;
  return {
    id: adw.id,
    name: typeof adw.name === 'string' ? adw.name : '',
    status: typeof adw.status === 'string' ? adw.status : 'pending',
  };
}

/** Keeps the workflows current from `adw_created` and `adw_status` events; returns whether any changed. */
export function applyWorkflowEvents(
  workflows: Map<string, WorkflowInfo>,
  events: readonly WireEvent[],
): boolean {
  let changed = false;
  for (const event of events) {
    if (event.type === 'adw_created') {
      const info = workflowInfo(event.data.adw);
      if (!info) continue;
      workflows.set(info.id, { ...workflows.get(info.id), ...info });
      changed = true;
    } else if (event.type === 'adw_status') {
      const id = typeof event.data.adw_id === 'string' ? event.data.adw_id : event.adw_id;
      const status = event.data.status;
      if (!id || typeof status !== 'string') continue;
      const known = workflows.get(id);
      workflows.set(id, { id, name: known?.name ?? '', status });
      changed = true;
    }
  }
  return changed;
}

export interface WorkflowGroup {
  id: string;
  /** The workflow's name, or its short id while the name is not known. */
  name: string;
  /** Unknown until the workflow list or one of its events says. */
  status: string | null;
  finished: boolean;
  agents: AgentView[];
  /** How many of its agents are executing now. */
  running: number;
}

export interface AgentGroups {
  /** Agents not made by a workflow, in the given order. */
  standalone: AgentView[];
  /** Workflows with live step agents: running ones first, each in order of its first agent. */
  workflows: WorkflowGroup[];
}

export function groupAgents(
  agents: readonly AgentView[],
  workflows: ReadonlyMap<string, WorkflowInfo>,
): AgentGroups {
  const standalone: AgentView[] = [];
  const groups = new Map<string, WorkflowGroup>();
  for (const agent of agents) {
    if (!agent.adw_id) {
      standalone.push(agent);
      continue;
    }
    let group = groups.get(agent.adw_id);
    if (!group) {
      const info = workflows.get(agent.adw_id);
      group = {
        id: agent.adw_id,
        name: info?.name || `workflow ${agent.adw_id.slice(0, 8)}`,
        status: info?.status ?? null,
        finished: workflowFinished(info?.status),
        agents: [],
        running: 0,
      };
      groups.set(agent.adw_id, group);
    }
    group.agents.push(agent);
    if (agent.status === 'executing') group.running++;
  }
  const ordered = [...groups.values()];
  // A stable sort: finished workflows sink below the ones still running.
  ordered.sort((a, b) => Number(a.finished) - Number(b.finished));
  return { standalone, workflows: ordered };
}

export interface AgentCounts {
  /** Agents that can still work: all but the step agents of finished workflows. */
  active: number;
  /** Agents executing a command or a step now. */
  running: number;
}

export function agentCounts(
  agents: readonly AgentView[],
  workflows: ReadonlyMap<string, WorkflowInfo>,
): AgentCounts {
  let active = 0;
  let running = 0;
  for (const agent of agents) {
    if (agent.adw_id && workflowFinished(workflows.get(agent.adw_id)?.status)) continue;
    active++;
    if (agent.status === 'executing') running++;
  }
  return { active, running };
}
