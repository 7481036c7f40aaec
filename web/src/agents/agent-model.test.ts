import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../stream/wire.ts';
import { type AgentView, applyAgentEvents, taskLine } from './agent-model.ts';

let seq = 0;
function event(type: string, data: Record<string, unknown>, extra: Partial<WireEvent> = {}): WireEvent {
  seq += 1;
  return {
    seq,
    type,
    category: 'agent',
    ts: new Date(0).toISOString(),
    orchestrator_id: 'o',
    data,
    ...extra,
  };
}

describe('agent cards', () => {
  it('counts events and follows the task from prompt to stop', () => {
    const agents = new Map<string, AgentView>();
    applyAgentEvents(agents, [
      event(
        'agent_created',
        { agent: { name: 'alpha', model: 'sonnet', status: 'idle' } },
        { agent_id: 'a' },
      ),
      event('UserPromptSubmit', { prompt: 'write notes' }, { agent_id: 'a', category: 'hook' }),
      event('text', { text: 'ok' }, { agent_id: 'a', category: 'response' }),
    ]);
    const alpha = agents.get('a');
    expect(alpha && taskLine(alpha)).toBe('write notes');
    expect(alpha?.counters).toEqual({ response: 1, tool: 0, hook: 1, thinking: 0 });
    applyAgentEvents(agents, [event('Stop', {}, { agent_id: 'a', category: 'hook' })]);
    expect(alpha && taskLine(alpha)).toBe('no task');
  });

  it("shows a workflow step agent's step first, as the original did", () => {
    const agents = new Map<string, AgentView>();
    applyAgentEvents(agents, [
      event('agent_created', { agent: { name: 'plan-1a2b3c4d', status: 'idle' } }, { agent_id: 'p' }),
      event('UserPromptSubmit', { prompt: '/plan a page' }, { agent_id: 'p', adw_id: 'w', adw_step: 'plan' }),
    ]);
    const plan = agents.get('p');
    expect(plan && taskLine(plan)).toBe('STEP: plan');
  });
});
