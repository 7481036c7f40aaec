import { describe, expect, it } from 'vitest';
import type { Agent } from '../api/client.ts';
import type { WireEvent } from '../stream/wire.ts';
import { agentCounts, applyWorkflowEvents, groupAgents, type WorkflowInfo } from './agent-groups.ts';
import { type AgentView, agentView, applyAgentEvents } from './agent-model.ts';

const ADW = '1a2b3c4d-0000-4000-8000-000000000001';
const OTHER = '9f8e7d6c-0000-4000-8000-000000000002';

function agent(name: string, extra: Partial<Agent> = {}): AgentView {
  return agentView({
    id: `id-${name}`,
    name,
    model: 'sonnet',
    template: null,
    status: 'idle',
    budget_usd: null,
    color: null,
    created_at: '2026-01-01T00:00:00Z',
    current_task: null,
    queued: 0,
    adw_id: null,
    adw_step: null,
    usage: {
      input_tokens: 0,
      output_tokens: 0,
      cache_write_tokens: 0,
      cache_read_tokens: 0,
      cost_usd: 0,
      context_tokens: 0,
    },
    ...extra,
  });
}

let seq = 0;
function event(type: string, data: Record<string, unknown>, extra: Partial<WireEvent> = {}): WireEvent {
  seq += 1;
  return { seq, type, category: 'adw', ts: '2026-01-01T00:00:00Z', orchestrator_id: 'o', data, ...extra };
}

describe('agent groups', () => {
  const alpha = agent('alpha');
  const plan = agent('plan-1a2b3c4d', { adw_id: ADW, adw_step: 'plan', status: 'idle' });
  const build = agent('build-1a2b3c4d', { adw_id: ADW, adw_step: 'build', status: 'executing' });
  const review = agent('review-9f8e7d6c', { adw_id: OTHER, adw_step: 'review' });

  it('puts step agents under their workflow, with its name and status', () => {
    const workflows = new Map<string, WorkflowInfo>([
      [ADW, { id: ADW, name: 'landing page', status: 'in_progress' }],
    ]);
    const groups = groupAgents([alpha, plan, build, review], workflows);
    expect(groups.standalone.map((a) => a.name)).toEqual(['alpha']);
    expect(
      groups.workflows.map((g) => [g.name, g.status, g.finished, g.running, g.agents.map((a) => a.name)]),
    ).toEqual([
      ['landing page', 'in_progress', false, 1, ['plan-1a2b3c4d', 'build-1a2b3c4d']],
      // Not known yet: its short id, and no status.
      ['workflow 9f8e7d6c', null, false, 0, ['review-9f8e7d6c']],
    ]);
    expect(plan.workflowStep).toBe('plan');
  });

  it("leaves a finished workflow's agents out of the active count and sinks the group", () => {
    const workflows = new Map<string, WorkflowInfo>();
    applyWorkflowEvents(workflows, [
      event('adw_created', { adw: { id: ADW, name: 'landing page', status: 'pending' } }, { adw_id: ADW }),
      event('adw_created', { adw: { id: OTHER, name: 'review only', status: 'pending' } }, { adw_id: OTHER }),
    ]);
    const list = [alpha, plan, { ...build, status: 'idle' }, review];
    expect(agentCounts(list, workflows)).toEqual({ active: 4, running: 0 });
    expect(
      applyWorkflowEvents(workflows, [
        event('adw_status', { adw_id: ADW, status: 'completed' }, { adw_id: ADW }),
      ]),
    ).toBe(true);
    expect(workflows.get(ADW)).toEqual({ id: ADW, name: 'landing page', status: 'completed' });
    expect(agentCounts(list, workflows)).toEqual({ active: 2, running: 0 });
    expect(groupAgents(list, workflows).workflows.map((g) => [g.name, g.finished])).toEqual([
      ['review only', false],
      ['landing page', true],
    ]);
  });

  it('counts running agents, standalone and in live workflows', () => {
    const workflows = new Map<string, WorkflowInfo>([[ADW, { id: ADW, name: 'w', status: 'in_progress' }]]);
    expect(agentCounts([{ ...alpha, status: 'executing' }, build], workflows)).toEqual({
      active: 2,
      running: 2,
    });
  });

  it('learns a live-created step agent’s workflow from its event', () => {
    const agents = new Map<string, AgentView>();
    applyAgentEvents(agents, [
      event(
        'agent_created',
        { agent: { name: 'plan-1a2b3c4d', status: 'idle' } },
        { agent_id: 'p', adw_id: ADW, adw_step: 'plan', category: 'agent' },
      ),
    ]);
    expect(agents.get('p')).toMatchObject({ adw_id: ADW, adw_step: 'plan' });
    expect(groupAgents([...agents.values()], new Map()).workflows.map((g) => g.id)).toEqual([ADW]);
  });
});
